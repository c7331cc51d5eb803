namespace Roster.Features.ProductEnvironments;

public sealed class ProductEnvironment
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }
    public required string CloudName { get; set; }

    /// <summary>Lower-cased cloud name; unique across every account.</summary>
    public required string CloudNameNormalized { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Free-form string attributes, stored as a JSON object.</summary>
    public string CustomAttributes { get; set; } = "{}";

    public string? BaseProductEnvironmentId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<AccessKeys.AccessKey> AccessKeys { get; } = [];
}
