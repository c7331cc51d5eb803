using P = Roster.Authorization.Catalogue.SystemPolicyIds;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Authorization.Catalogue;

// The system roles, access bundles and legacy mappings as data. Each role's policy list is exactly what
// its description promises; the folder and collection roles each extend the previous one.
internal static class SystemRoleData
{
    private static readonly string[] _accountAll =
    [
        P.UsersAndGroupsManage, P.RolesManage, P.AccountManage, P.AccountSecurityManage, P.BillingManage,
        P.ProductEnvironmentsView, P.ProductEnvironmentsManage, P.AccountUsageView, P.AuditLogView, P.UserActivityView,
    ];

    private static readonly string[] _accountReports = [P.AccountUsageView, P.AuditLogView, P.UserActivityView];

    private static readonly string[] _mediaLibraryAdmin =
    [
        P.MediaLibraryAccess, P.BasicPortalsAccess,
        P.FoldersAndAssetsView, P.FoldersAndAssetsCreateAsset, P.FoldersAndAssetsCreateFolder,
        P.FoldersAndAssetsUpdate, P.FoldersAndAssetsDelete, P.FoldersAndAssetsShare, P.AssetsModerate, P.CollectionsManage,
    ];

    private static readonly string[] _prodenvReports = [P.UsageView, P.DeliveryView, P.ErrorsView];

    private static readonly string[] _prodenvAll =
    [
        P.SettingsManage, P.UploadPresetsManage, P.ApiKeysManage, P.TransformationsManage,
        .. _prodenvReports, .. _mediaLibraryAdmin,
    ];

    private static readonly string[] _folderViewer = [P.FolderView, P.FolderDownloadPublicAssets];
    private static readonly string[] _folderContributor = [.. _folderViewer, P.FolderAddAssets, P.FolderCreateFolders];
    private static readonly string[] _folderEditor = [.. _folderContributor, P.FolderEdit];
    private static readonly string[] _folderManager = [.. _folderEditor, P.FolderDelete, P.FolderShare, P.FolderViewDownload];

    private static readonly string[] _collectionViewer = [P.CollectionView];
    private static readonly string[] _collectionEditor = [.. _collectionViewer, P.CollectionEdit];
    private static readonly string[] _collectionManager = [.. _collectionEditor, P.CollectionManage];

    public static IReadOnlyList<SystemRole> Roles { get; } =
    [
        Account(R.AccountMasterAdmin, "Master Admin",
            "Manage all account-level settings and features: users and groups, roles, account settings and security, billing, product environments and reports.",
            _accountAll),
        Account(R.AccountAdmin, "Admin",
            "Manage roles, users and groups, account settings and reports, and see the product environments; no account security, billing, or product environment creation and management.",
            [P.UsersAndGroupsManage, P.RolesManage, P.AccountManage, P.ProductEnvironmentsView, .. _accountReports]),
        Account(R.AccountTechnicalAdmin, "Technical Admin",
            "Everything at account level except user and role management and billing: account settings and security, product environments and reports. Typical for developers.",
            [P.AccountManage, P.AccountSecurityManage, P.ProductEnvironmentsView, P.ProductEnvironmentsManage, .. _accountReports]),
        Account(R.AccountBilling, "Billing",
            "Manage account-level billing and view account usage.",
            [P.BillingManage, P.AccountUsageView]),
        Account(R.AccountReports, "Reports",
            "View account-level reports, usage, audit logs and user activity.",
            _accountReports),

        Prodenv(R.ProdenvMasterAdmin, "Master Admin",
            "Fully manage the product environment: settings, upload presets, API keys, transformations, dashboards and reports, and all media.",
            _prodenvAll),
        Prodenv(R.ProdenvAdmin, "Admin",
            "Manage everything in the product environment: settings, upload presets, API keys, transformations, reports, and all media.",
            _prodenvAll),
        Prodenv(R.ProdenvTechnicalAdmin, "Technical Admin",
            "Everything in the product environment (user management and billing are account-level): settings, upload presets, API keys, transformations, reports, and all media. Typical for developers.",
            _prodenvAll),
        Prodenv(R.ProdenvMediaLibraryAdmin, "Media Library Admin",
            "Full use and administration of the Media Library: view, upload, edit, delete, moderate and share every folder, asset and collection, and manage portals.",
            _mediaLibraryAdmin),
        Prodenv(R.ProdenvMediaLibraryUser, "Media Library User",
            "Open the Media Library and see only the folders and collections shared with the user (through folder and collection roles).",
            [P.MediaLibraryAccess]),
        Prodenv(R.ProdenvReports, "Reports",
            "View the product environment's reports and usage.",
            _prodenvReports),
        Prodenv(R.ProdenvBilling, "Billing",
            "View the product environment's usage (what the Admin API usage endpoint reports).",
            [P.UsageView]),

        Folder(R.FolderViewer, "Viewer", "View the folder's content and download its public assets.", _folderViewer),
        Folder(R.FolderContributor, "Contributor", "Viewer, plus add assets and create subfolders.", _folderContributor),
        Folder(R.FolderEditor, "Editor", "Contributor, plus edit assets and their metadata and rename subfolders.", _folderEditor),
        Folder(R.FolderManager, "Manager", "Editor, plus delete, share, and full download.", _folderManager),

        Collection(R.CollectionViewer, "Viewer", "View the collection and its assets, and download its public assets.", _collectionViewer),
        Collection(R.CollectionEditor, "Editor", "Viewer, plus rename the collection and add or remove assets.", _collectionEditor),
        Collection(R.CollectionManager, "Manager", "Editor, plus share and delete the collection and download all its assets.", _collectionManager),
    ];

    public static IReadOnlyList<AccessBundle> Bundles { get; } =
    [
        new("master_admin", "Master Admin", "Full control of the account and of every product environment.", R.AccountMasterAdmin, R.ProdenvMasterAdmin),
        new("admin", "Admin", "Manage users, groups, roles and account settings, and everything in the product environments.", R.AccountAdmin, R.ProdenvAdmin),
        new("developer", "Developer", "Technical administration of the account and the product environments, without user management or billing.", R.AccountTechnicalAdmin, R.ProdenvTechnicalAdmin),
        new("media_library_admin", "Media Library Admin", "Full use and administration of the Media Library; no account-level access.", null, R.ProdenvMediaLibraryAdmin),
        new("media_library_user", "Media Library User", "Only the folders and collections shared with the user; no account-level access.", null, R.ProdenvMediaLibraryUser),
        new("billing", "Billing", "Account billing and usage; no product environment access.", R.AccountBilling, null),
        new("reports", "Reports", "Account and product environment reports.", R.AccountReports, R.ProdenvReports),
    ];

    // Admin-level legacy roles get both an account and a product-environment role; billing and reports an
    // account role only; the Media Library roles a product-environment role only.
    public static IReadOnlyList<LegacyRoleMapping> LegacyRoles { get; } =
    [
        new(LegacyRole.MasterAdmin, R.AccountMasterAdmin, R.ProdenvMasterAdmin),
        new(LegacyRole.Admin, R.AccountAdmin, R.ProdenvAdmin),
        new(LegacyRole.TechnicalAdmin, R.AccountTechnicalAdmin, R.ProdenvTechnicalAdmin),
        new(LegacyRole.Billing, R.AccountBilling, null),
        new(LegacyRole.Reports, R.AccountReports, null),
        new(LegacyRole.MediaLibraryAdmin, null, R.ProdenvMediaLibraryAdmin),
        new(LegacyRole.MediaLibraryUser, null, R.ProdenvMediaLibraryUser),
    ];

    public static IReadOnlyList<LegacyShareMapping> LegacyShares { get; } =
    [
        new("view", R.FolderViewer, R.CollectionViewer),
        new("edit", R.FolderEditor, R.CollectionEditor),
        new("manage", R.FolderManager, R.CollectionManager),
    ];

    // Which global product-environment policy already grants what a content policy grants on one folder
    // or collection: holding the former anywhere in the product environment holds the latter.
    public static IReadOnlyDictionary<string, string[]> CoveredBy { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [P.FolderView] = [P.FoldersAndAssetsView],
        [P.FolderDownloadPublicAssets] = [P.FoldersAndAssetsView],
        [P.FolderViewDownload] = [P.FoldersAndAssetsView],
        [P.FolderAddAssets] = [P.FoldersAndAssetsCreateAsset],
        [P.FolderCreateFolders] = [P.FoldersAndAssetsCreateFolder],
        [P.FolderEdit] = [P.FoldersAndAssetsUpdate],
        [P.FolderDelete] = [P.FoldersAndAssetsDelete],
        [P.FolderShare] = [P.FoldersAndAssetsShare],
        [P.CollectionView] = [P.CollectionsManage],
        [P.CollectionEdit] = [P.CollectionsManage],
        [P.CollectionManage] = [P.CollectionsManage],
    };

    private static SystemRole Account(string id, string name, string description, string[] policies) =>
        new(id, name, description, ScopeType.Account, PermissionType.Global, policies, []);

    private static SystemRole Prodenv(string id, string name, string description, string[] policies) =>
        new(id, name, description, ScopeType.Prodenv, PermissionType.Global, policies, []);

    private static SystemRole Folder(string id, string name, string description, string[] policies) =>
        new(id, name, description, ScopeType.Prodenv, PermissionType.Content, policies, [CloudinaryCatalogue.FolderIdParameter]);

    private static SystemRole Collection(string id, string name, string description, string[] policies) =>
        new(id, name, description, ScopeType.Prodenv, PermissionType.Content, policies, [CloudinaryCatalogue.CollectionIdParameter]);
}
