using System.Text.Json;
using Roster.Features.AccessKeys;

namespace Roster.Features.ProductEnvironments;

public sealed record ApiAccessKeyResponse(string Key, string Secret, bool Enabled);

public sealed record ProductEnvironmentResponse(
    string Id,
    string CloudName,
    string Name,
    bool Enabled,
    IReadOnlyList<ApiAccessKeyResponse> ApiAccessKeys,
    IReadOnlyDictionary<string, string> CustomAttributes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProductEnvironmentResponse From(ProductEnvironment p, AccessKeySecrets secrets) => new(
        p.Id, p.CloudName, p.Name, p.Enabled,
        p.AccessKeys.OrderBy(k => k.CreatedAt).ThenBy(k => k.ApiKey)
            .Select(k => new ApiAccessKeyResponse(k.ApiKey, secrets.Reveal(k), k.Enabled)).ToList(),
        ProductEnvironmentAttributes.Read(p),
        p.CreatedAt, p.UpdatedAt);
}

/// <summary>What the audit log keeps of a product environment: no secrets.</summary>
public sealed record ProductEnvironmentSnapshot(string Id, string CloudName, string Name, bool Enabled, IReadOnlyDictionary<string, string> CustomAttributes)
{
    public static ProductEnvironmentSnapshot Of(ProductEnvironment p) => new(p.Id, p.CloudName, p.Name, p.Enabled, ProductEnvironmentAttributes.Read(p));
}

public static class ProductEnvironmentAttributes
{
    public const int MaxCount = 100;

    public static IReadOnlyDictionary<string, string> Read(ProductEnvironment p) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(p.CustomAttributes) ?? [];

    public static void Write(ProductEnvironment p, Dictionary<string, string> attributes) =>
        p.CustomAttributes = JsonSerializer.Serialize(attributes);
}
