using Roster.Authorization.Permissions;
using F = Roster.Authorization.Catalogue.CloudinaryFeatures;
using Res = Roster.Authorization.Permissions.RequestResource;

namespace Roster.Authorization.Tests.Permissions;

/// <summary>
/// Named resources of the test account "acc" for table rows. Product environment pe1 has the folders
/// marketing/campaigns and finance; pe2 has its own marketing folder.
/// </summary>
internal static class Resources
{
    public const string AccountId = "acc";

    private static readonly Dictionary<string, Res> _byName = new()
    {
        ["account"] = new Res.Account(),
        ["users.view"] = new Res.Feature(F.UsersView),
        ["roles.assign"] = new Res.Feature(F.RolesAssign),
        ["account.update"] = new Res.Feature(F.AccountUpdate),
        ["billing"] = new Res.Feature(F.BillingUpdate),
        ["security"] = new Res.Feature(F.AccountSecurityUpdate),
        ["pe.create"] = new Res.Feature(F.ProductEnvironmentsCreate),
        ["audit"] = new Res.Feature(F.AuditLogView),
        ["account.usage"] = new Res.Feature(F.AccountUsageView),
        ["user:u9"] = new Res.User("u9"),
        ["group:g9"] = new Res.Group("g9"),
        ["pe1"] = new Res.ProductEnvironment("pe1"),
        ["pe2"] = new Res.ProductEnvironment("pe2"),
        ["pe1:api_keys"] = new Res.Feature(F.ApiKeysCreate, "pe1"),
        ["pe2:api_keys"] = new Res.Feature(F.ApiKeysCreate, "pe2"),
        ["pe1:settings"] = new Res.Feature(F.SettingsUpdate, "pe1"),
        ["pe1:transformations"] = new Res.Feature(F.TransformationsUpdate, "pe1"),
        ["pe1:ml"] = new Res.Feature(F.MediaLibraryAccess, "pe1"),
        ["pe1:usage"] = new Res.Feature(F.UsageView, "pe1"),
        ["pe1:delivery"] = new Res.Feature(F.DeliveryView, "pe1"),
        ["pe1:preset"] = new Res.UploadPreset("pe1", "default"),
        ["pe1:marketing"] = new Res.Folder("pe1", ["marketing"]),
        ["pe1:campaigns"] = new Res.Folder("pe1", ["marketing", "campaigns"]),
        ["pe1:finance"] = new Res.Folder("pe1", ["finance"]),
        ["pe1:campaign-public"] = new Res.Asset("pe1", "a1", ["marketing", "campaigns"], AccessMode: "public"),
        ["pe1:campaign-private"] = new Res.Asset("pe1", "a2", ["marketing", "campaigns"], AccessMode: "authenticated"),
        ["pe1:finance-asset"] = new Res.Asset("pe1", "a3", ["finance"], AccessMode: "public"),
        ["pe1:root-asset"] = new Res.Asset("pe1", "a4", [], AccessMode: "public"),
        ["pe1:new-in-campaigns"] = new Res.Asset("pe1", "new", ["marketing", "campaigns"]),
        ["pe1:new-folder-in-marketing"] = new Res.Folder("pe1", ["marketing", "new-folder"]),
        ["pe1:collection"] = new Res.Collection("pe1", "c1"),
        ["pe1:other-collection"] = new Res.Collection("pe1", "c2"),
        ["pe1:collected-asset"] = new Res.Asset("pe1", "a5", ["finance"], CollectionIds: ["c1"], AccessMode: "public"),
        ["pe2:marketing"] = new Res.Folder("pe2", ["marketing"]),
        ["pe2:asset"] = new Res.Asset("pe2", "b1", ["marketing"], AccessMode: "public"),
    };

    public static Res Named(string name) => _byName[name];

    public static RequestPrincipal User(string id, params string[] groups) => new RequestPrincipal.User(id, groups);

    /// <summary>The decision for one user holding the given grants.</summary>
    public static ExplainedDecision Decide(IEnumerable<Grant> grants, RequestPrincipal principal, string action, string resource,
        IEnumerable<CustomPolicy>? customPolicies = null, IEnumerable<RoleDefinition>? customRoles = null) =>
        AccountPolicyBuilder.Build(AccountId, customRoles ?? [], grants, customPolicies ?? []).Authorize(principal, action, Named(resource));
}
