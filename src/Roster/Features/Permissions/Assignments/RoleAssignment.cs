using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Roster.Authorization.Catalogue;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>A role (system or custom) held by a principal, at account scope or in one product environment.</summary>
public sealed class RoleAssignment
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public PrincipalType PrincipalType { get; init; }

    /// <summary>A user id, group id, product-environment API key, or account (provisioning) key.</summary>
    public required string PrincipalId { get; init; }

    /// <summary>A catalogue role id (<c>cld::role::…</c>) or a custom role id of the account.</summary>
    public required string RoleId { get; init; }

    /// <summary>The product environment; null at account scope.</summary>
    public string? ScopeId { get; init; }

    /// <summary>The content role's parameters as a JSON object, e.g. <c>{"folder_id":"f1"}</c>; <c>{}</c> for global roles.</summary>
    public string PolicyParameters { get; init; } = "{}";

    /// <summary>Copied out of <see cref="PolicyParameters"/> so that "who holds what on this folder" is an index lookup.</summary>
    public string? FolderId { get; init; }

    public string? CollectionId { get; init; }

    /// <summary>
    /// A hash of (principal, role, scope, parameters), unique within the account: the same assignment made
    /// twice, even concurrently, is stored once.
    /// </summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// A new assignment of <paramref name="roleId"/> to the principal, in <paramref name="scopeId"/> (null: the
    /// account) with the content role's <paramref name="parameters"/>: every way Roster grants a role makes it here.
    /// </summary>
    public static RoleAssignment New(string accountId, PrincipalType principalType, string principalId, string roleId, string? scopeId,
        IReadOnlyDictionary<string, string> parameters, DateTimeOffset now) => new()
    {
        Id = Secrets.NewId(),
        AccountId = accountId,
        PrincipalType = principalType,
        PrincipalId = principalId,
        RoleId = roleId,
        ScopeId = scopeId,
        PolicyParameters = JsonSerializer.Serialize(new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal)),
        FolderId = parameters.GetValueOrDefault(CloudinaryCatalogue.FolderIdParameter),
        CollectionId = parameters.GetValueOrDefault(CloudinaryCatalogue.CollectionIdParameter),
        Fingerprint = FingerprintOf(principalType, principalId, roleId, scopeId, parameters),
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>What makes two assignments the same: principal, role, scope and parameters.</summary>
    public static string FingerprintOf(PrincipalType type, string principalId, string roleId, string? scopeId, IReadOnlyDictionary<string, string> parameters)
    {
        var text = new StringBuilder()
            .Append(type.Wire()).Append('\n').Append(principalId).Append('\n').Append(roleId).Append('\n').Append(scopeId ?? "").Append('\n')
            .Append(JsonSerializer.Serialize(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The stored parameters, in key order.</summary>
    public SortedDictionary<string, string> Parameters() =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(PolicyParameters) ?? [], StringComparer.Ordinal);
}
