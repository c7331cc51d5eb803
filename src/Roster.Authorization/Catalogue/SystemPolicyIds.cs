namespace Roster.Authorization.Catalogue;

/// <summary>The ids of the system policies (see <see cref="CloudinaryCatalogue.SystemPolicies"/>).</summary>
public static class SystemPolicyIds
{
    // Account scope, global.
    public const string UsersAndGroupsManage = "cld::policy::global::users_and_groups::manage";
    public const string RolesManage = "cld::policy::global::roles::manage";
    public const string AccountManage = "cld::policy::global::account::manage";
    public const string AccountSecurityManage = "cld::policy::global::account_security::manage";
    public const string BillingManage = "cld::policy::global::billing::manage";
    public const string ProductEnvironmentsView = "cld::policy::global::product_environments::view";
    public const string ProductEnvironmentsManage = "cld::policy::global::product_environments::manage";
    public const string AccountUsageView = "cld::policy::global::reports::account_usage::view";
    public const string AuditLogView = "cld::policy::global::reports::audit_log::view";
    public const string UserActivityView = "cld::policy::global::reports::user_activity::view";

    // Product-environment scope, global.
    public const string SettingsManage = "cld::policy::global::settings::manage";
    public const string UploadPresetsManage = "cld::policy::global::upload_presets::manage";
    public const string ApiKeysManage = "cld::policy::global::api_keys::manage";
    public const string TransformationsManage = "cld::policy::global::transformations::manage";
    public const string UsageView = "cld::policy::global::reports::usage::view";
    public const string DeliveryView = "cld::policy::global::reports::delivery::view";
    public const string ErrorsView = "cld::policy::global::reports::errors::view";
    public const string MediaLibraryAccess = "cld::policy::global::ml::access";
    public const string BasicPortalsAccess = "cld::policy::global::basic_portals::access";
    public const string FoldersAndAssetsView = "cld::policy::global::folder_and_asset_management::view";
    public const string FoldersAndAssetsCreateAsset = "cld::policy::global::folder_and_asset_management::create_asset";
    public const string FoldersAndAssetsCreateFolder = "cld::policy::global::folder_and_asset_management::create_folder";
    public const string FoldersAndAssetsUpdate = "cld::policy::global::folder_and_asset_management::update";
    public const string FoldersAndAssetsDelete = "cld::policy::global::folder_and_asset_management::delete";
    public const string FoldersAndAssetsShare = "cld::policy::global::folder_and_asset_management::share";
    public const string AssetsModerate = "cld::policy::global::assets::moderate";
    public const string CollectionsManage = "cld::policy::global::collections::manage";

    // Product-environment scope, content: folders (folder_id).
    public const string FolderView = "cld::policy::content::folder::view";
    public const string FolderDownloadPublicAssets = "cld::policy::content::folder::download_public_assets";
    public const string FolderViewDownload = "cld::policy::content::folder::view_download";
    public const string FolderAddAssets = "cld::policy::content::folder::add_assets";
    public const string FolderCreateFolders = "cld::policy::content::folder::create_folders";
    public const string FolderEdit = "cld::policy::content::folder::edit";
    public const string FolderDelete = "cld::policy::content::folder::delete";
    public const string FolderShare = "cld::policy::content::folder::share";

    // Product-environment scope, content: collections (collection_id).
    public const string CollectionView = "cld::policy::content::collection::view";
    public const string CollectionEdit = "cld::policy::content::collection::edit";
    public const string CollectionManage = "cld::policy::content::collection::manage";
}
