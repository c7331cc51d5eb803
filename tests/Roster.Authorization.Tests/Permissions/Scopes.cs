using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;

namespace Roster.Authorization.Tests.Permissions;

/// <summary>Short scope notations for table rows: <c>account</c>, <c>pe:pe1</c>, <c>folder:pe1:top/sub</c>, <c>collection:pe1:c1</c>.</summary>
internal static class Scopes
{
    public static GrantTarget Target(string scope)
    {
        var parts = scope.Split(':');
        return parts[0] switch
        {
            "account" => GrantTarget.Account,
            "pe" => GrantTarget.ProductEnvironment(parts[1]),
            "folder" => GrantTarget.Folder(parts[1], parts[2].Split('/')),
            "collection" => GrantTarget.Collection(parts[1], parts[2]),
            _ => throw new ArgumentException(scope, nameof(scope)),
        };
    }

    /// <summary>A grant of the role at the scope; for a folder scope the grant names the last folder of the path.</summary>
    public static Grant Grant(string id, PrincipalType type, string principalId, string roleId, string scope) =>
        Target(scope).ToGrant(id, type, principalId, roleId);

    public static Grant User(string userId, string roleId, string scope) => Grant($"{userId}-{roleId}-{scope}", PrincipalType.User, userId, roleId, scope);
}
