using static Roster.Authorization.Catalogue.StatementText;
using A = Roster.Authorization.Catalogue.CloudinaryActions;
using F = Roster.Authorization.Catalogue.CloudinaryFeatures;
using Ids = Roster.Authorization.Catalogue.SystemPolicyIds;
using T = Roster.Authorization.Catalogue.CloudinaryTypes;

namespace Roster.Authorization.Catalogue;

// The system policies as data. Every statement is a list of `permit`s with the principal left open:
// a grant fills in the principal and confines the resource to the grant's scope. No `forbid`: inside
// one role it would also override every other role the principal holds.
internal static class SystemPolicyData
{
    private static readonly string[] _folderParameters = [CloudinaryCatalogue.FolderIdParameter];
    private static readonly string[] _collectionParameters = [CloudinaryCatalogue.CollectionIdParameter];

    public static IReadOnlyList<SystemPolicy> All { get; } =
    [
        // Account scope.
        Account(Ids.UsersAndGroupsManage, "Manage users and groups",
            "View, invite, update and delete users; create, update and delete user groups and their members.",
            "Settings", "User Management",
            Lines(OnType(T.User), OnType(T.Group),
                Features(F.UsersView, F.UsersCreate, F.UsersUpdate, F.UsersDelete, F.GroupsView, F.GroupsCreate, F.GroupsUpdate, F.GroupsDelete))),
        Account(Ids.RolesManage, "Manage roles and permissions",
            "Create, update and delete custom roles and custom policies, and assign roles to users, groups and API keys.",
            "Settings", "Role Management",
            Features(F.RolesView, F.RolesCreate, F.RolesUpdate, F.RolesDelete, F.RolesAssign, F.CustomPoliciesView, F.CustomPoliciesManage)),
        Account(Ids.AccountManage, "Manage account settings",
            "View and update the account's details and general settings.",
            "Settings", "Account",
            Lines(OnType(T.Account, A.Read, A.Update, A.UpdateSettings), Features(F.AccountView, F.AccountUpdate))),
        Account(Ids.AccountSecurityManage, "Manage account security settings",
            "Configure SAML/SSO login, two-factor enforcement and the account management keys.",
            "Settings", "Account Security",
            Features(F.AccountSecurityView, F.AccountSecurityUpdate, F.AccountKeysView, F.AccountKeysManage)),
        Account(Ids.BillingManage, "Manage billing",
            "View and change the plan, payment details, invoices and additional user subscriptions.",
            "Billing", null,
            Features(F.BillingView, F.BillingUpdate)),
        Account(Ids.ProductEnvironmentsView, "View product environments",
            "See the account's product environments and their details.",
            "Settings", "Product Environments",
            Lines(OnType(T.ProductEnvironment, A.Read), Features(F.ProductEnvironmentsView))),
        Account(Ids.ProductEnvironmentsManage, "Manage product environments",
            "Create, rename, update and delete the account's product environments.",
            "Settings", "Product Environments",
            Lines(OnType(T.ProductEnvironment, A.Read, A.Create, A.Update, A.Delete),
                Features(F.ProductEnvironmentsView, F.ProductEnvironmentsCreate, F.ProductEnvironmentsUpdate, F.ProductEnvironmentsDelete))),
        Account(Ids.AccountUsageView, "View account usage",
            "View the account-level dashboard and usage reports across product environments.",
            "Reports", "Usage",
            Features(F.AccountUsageView)),
        Account(Ids.AuditLogView, "View the audit log",
            "View the account's audit log of changes.",
            "Reports", "Audit Log",
            Features(F.AuditLogView)),
        Account(Ids.UserActivityView, "View user activity",
            "View users' login and activity reports.",
            "Reports", "Activity",
            Features(F.UserActivityView)),

        // Product-environment scope, global.
        Prodenv(Ids.SettingsManage, "Manage product environment settings",
            "View and update the product environment's settings.",
            "Settings", "Product Environment Settings",
            Lines(OnType(T.ProductEnvironment, A.UpdateSettings), Features(F.SettingsView, F.SettingsUpdate))),
        Prodenv(Ids.UploadPresetsManage, "Manage upload settings",
            "Create, update and delete upload presets and upload mappings.",
            "Settings", "Upload Settings",
            Lines(OnType(T.UploadPreset), OnType(T.UploadMapping), Features(F.UploadSettingsManage, F.UploadSettingsAccess))),
        Prodenv(Ids.ApiKeysManage, "Manage API keys",
            "View, generate, update and delete the product environment's API keys.",
            "Settings", "API Keys",
            Features(F.ApiKeysView, F.ApiKeysCreate, F.ApiKeysUpdate, F.ApiKeysDelete)),
        Prodenv(Ids.TransformationsManage, "Manage transformations",
            "View, create, update and delete named transformations.",
            "Settings", "Transformations",
            Features(F.TransformationsView, F.TransformationsCreate, F.TransformationsUpdate, F.TransformationsDelete)),
        Prodenv(Ids.UsageView, "View usage reports",
            "View the product environment's dashboard and usage reports.",
            "Reports", "Usage",
            Features(F.UsageView)),
        Prodenv(Ids.DeliveryView, "View delivery reports",
            "View the product environment's delivery reports.",
            "Reports", "Delivery",
            Features(F.DeliveryView)),
        Prodenv(Ids.ErrorsView, "View error reports",
            "View the product environment's error reports.",
            "Reports", "Errors",
            Features(F.ErrorsView)),
        Prodenv(Ids.MediaLibraryAccess, "Access the Media Library",
            "Open the Media Library; which folders and assets are visible depends on the other policies.",
            "Management", null,
            Features(F.MediaLibraryAccess)),
        Prodenv(Ids.BasicPortalsAccess, "Manage all portals",
            "View and manage every portal of the product environment.",
            "Management", null,
            Features(F.PortalsView, F.PortalsManage)),
        Prodenv(Ids.FoldersAndAssetsView, "View all folders and assets",
            "View and download every folder and asset.",
            "Management", "Folders and Assets",
            Lines(OnType(T.Folder, A.Read, A.Download), OnType(T.Asset, A.Read, A.Download))),
        Prodenv(Ids.FoldersAndAssetsCreateAsset, "Upload to any folder",
            "Upload, save as new and move assets into any folder, including the root folder.",
            "Management", "Folders and Assets",
            OnType(T.Asset, A.Create, A.Move)),
        Prodenv(Ids.FoldersAndAssetsCreateFolder, "Create folders anywhere",
            "Create and move folders anywhere, including the root folder.",
            "Management", "Folders and Assets",
            OnType(T.Folder, A.Create, A.Move)),
        Prodenv(Ids.FoldersAndAssetsUpdate, "Edit all folders and assets",
            "Rename folders and edit every asset and its metadata.",
            "Management", "Folders and Assets",
            Lines(OnType(T.Folder, A.Update), OnType(T.Asset, A.Update))),
        Prodenv(Ids.FoldersAndAssetsDelete, "Delete all folders and assets",
            "Delete any folder or asset.",
            "Management", "Folders and Assets",
            Lines(OnType(T.Folder, A.Delete), OnType(T.Asset, A.Delete))),
        Prodenv(Ids.FoldersAndAssetsShare, "Share all folders and assets",
            "Share any folder or asset with users, groups and API keys.",
            "Management", "Folders and Assets",
            Lines(OnType(T.Folder, A.Share), OnType(T.Asset, A.Share))),
        Prodenv(Ids.AssetsModerate, "Moderate all assets",
            "Approve or reject assets pending moderation.",
            "Management", "Moderation",
            OnType(T.Asset, A.Moderate)),
        Prodenv(Ids.CollectionsManage, "Manage all collections",
            "View, create, edit, share, download and delete every collection.",
            "Management", "Collections",
            OnType(T.Collection)),

        // Product-environment scope, content: one folder and everything below it.
        FolderPolicy(Ids.FolderView, "View folder",
            "View the folder, its subfolders and their assets.", "View",
            InFolder(A.Read)),
        FolderPolicy(Ids.FolderDownloadPublicAssets, "Download public assets",
            "Download the public assets of the folder and its subfolders.", "View",
            Permit([A.Download], $"resource is {T.Asset} in {ParameterFolder}", IsPublic)),
        FolderPolicy(Ids.FolderViewDownload, "View and download all assets",
            "View and download all assets in the folder and its subfolders, whatever their access mode.", "View",
            InFolder(A.Read, A.Download)),
        FolderPolicy(Ids.FolderAddAssets, "Add assets",
            "Add assets to the folder and its subfolders: upload, save as new, move in.", "Contribute",
            Permit([A.Create, A.Move], $"resource is {T.Asset} in {ParameterFolder}")),
        FolderPolicy(Ids.FolderCreateFolders, "Create subfolders",
            "Create subfolders in the folder and its subfolders, and move folders into them.", "Contribute",
            Permit([A.Create, A.Move], $"resource is {T.Folder} in {ParameterFolder}", $"unless {{ resource == {ParameterFolder} }}")),
        FolderPolicy(Ids.FolderEdit, "Edit folder content",
            "Rename subfolders and edit the assets and their metadata in the folder and its subfolders.", "Edit",
            InFolder(A.Update)),
        FolderPolicy(Ids.FolderDelete, "Delete folder content",
            "Delete the folder's subfolders and assets.", "Manage",
            InFolder(A.Delete)),
        FolderPolicy(Ids.FolderShare, "Share folder",
            "Share the folder, its subfolders and assets with others.", "Manage",
            InFolder(A.Share)),

        // Product-environment scope, content: one collection and its assets.
        CollectionPolicy(Ids.CollectionView, "View collection",
            "View the collection and its assets, and download its public assets.", "View",
            Lines(InCollection(A.Read),
                Permit([A.Download], $"resource is {T.Asset} in {ParameterCollection}", IsPublic))),
        CollectionPolicy(Ids.CollectionEdit, "Edit collection",
            "Rename the collection and add or remove its assets.", "Edit",
            OnCollection(A.Update)),
        CollectionPolicy(Ids.CollectionManage, "Manage collection",
            "Share and delete the collection, and download all its assets.", "Manage",
            Lines(OnCollection(A.Share, A.Delete), InCollection(A.Download))),
    ];

    private static SystemPolicy Account(string id, string name, string description, string category, string? subCategory, string statement) =>
        new(id, name, description, ScopeType.Account, PermissionType.Global, category, subCategory, statement, []);

    private static SystemPolicy Prodenv(string id, string name, string description, string category, string? subCategory, string statement) =>
        new(id, name, description, ScopeType.Prodenv, PermissionType.Global, category, subCategory, statement, []);

    private static SystemPolicy FolderPolicy(string id, string name, string description, string subCategory, string statement) =>
        new(id, name, description, ScopeType.Prodenv, PermissionType.Content, "Folder", subCategory, statement, _folderParameters);

    private static SystemPolicy CollectionPolicy(string id, string name, string description, string subCategory, string statement) =>
        new(id, name, description, ScopeType.Prodenv, PermissionType.Content, "Collection", subCategory, statement, _collectionParameters);
}
