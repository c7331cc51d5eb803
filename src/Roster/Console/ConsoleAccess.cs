using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>
/// What the signed-in user may do in the console: the account-scope <c>Cloudinary::Feature</c>s the account's policies
/// allow them, decided by <see cref="Decider"/> as for any other caller (legacy accounts by their roles' mapping, Roles and
/// Permissions accounts by their assignments). The pages show what is allowed, and every handler checks again.
/// </summary>
public sealed record ConsoleFeatures(IReadOnlySet<string> Allowed)
{
    /// <summary>The account-scope features the console asks about, once per request.</summary>
    public static IReadOnlyList<string> AccountScope { get; } =
    [
        CloudinaryFeatures.UsersView, CloudinaryFeatures.UsersCreate, CloudinaryFeatures.UsersUpdate, CloudinaryFeatures.UsersDelete,
        CloudinaryFeatures.GroupsView, CloudinaryFeatures.GroupsCreate, CloudinaryFeatures.GroupsUpdate, CloudinaryFeatures.GroupsDelete,
        CloudinaryFeatures.RolesView, CloudinaryFeatures.RolesCreate, CloudinaryFeatures.RolesUpdate, CloudinaryFeatures.RolesDelete,
        CloudinaryFeatures.RolesAssign, CloudinaryFeatures.CustomPoliciesView, CloudinaryFeatures.CustomPoliciesManage,
        CloudinaryFeatures.AccountView, CloudinaryFeatures.AccountUpdate, CloudinaryFeatures.AccountSecurityView,
        CloudinaryFeatures.AccountSecurityUpdate, CloudinaryFeatures.AccountKeysView, CloudinaryFeatures.AccountKeysManage,
        CloudinaryFeatures.BillingView, CloudinaryFeatures.BillingUpdate, CloudinaryFeatures.ProductEnvironmentsView,
        CloudinaryFeatures.ProductEnvironmentsCreate, CloudinaryFeatures.ProductEnvironmentsUpdate, CloudinaryFeatures.ProductEnvironmentsDelete,
        CloudinaryFeatures.AccountUsageView, CloudinaryFeatures.AuditLogView, CloudinaryFeatures.UserActivityView,
    ];

    public static ConsoleFeatures None { get; } = new(new HashSet<string>());

    public bool May(string feature) => Allowed.Contains(feature);

    /// <summary>The decisions for <paramref name="userId"/> on every feature of <see cref="AccountScope"/>, in one batch.</summary>
    public static async Task<ConsoleFeatures> DecideAsync(Decider decider, string accountId, string userId, CancellationToken ct)
    {
        var queries = AccountScope
            .Select(f => new AuthorizeQuery(PrincipalType.User, userId, CloudinaryActions.Read, new RequestResource.Feature(f), RecordValue.Empty, ""))
            .ToList();
        var answers = await decider.DecideAsync(accountId, queries, ct);
        if (!answers.Succeeded)
        {
            return None;
        }
        return new(AccountScope.Where((_, i) => answers.Value[i].Decision == Decision.Allow).ToHashSet(StringComparer.Ordinal));
    }
}
