namespace Roster.Authorization.Catalogue;

/// <summary>The entity type names of the <c>Cloudinary</c> Cedar namespace.</summary>
public static class CloudinaryTypes
{
    public const string Namespace = "Cloudinary";
    public const string Account = "Cloudinary::Account";
    public const string ProductEnvironment = "Cloudinary::ProductEnvironment";
    public const string Folder = "Cloudinary::Folder";
    public const string Asset = "Cloudinary::Asset";
    public const string Collection = "Cloudinary::Collection";
    public const string Feature = "Cloudinary::Feature";
    public const string UploadPreset = "Cloudinary::UploadPreset";
    public const string UploadMapping = "Cloudinary::UploadMapping";
    public const string Report = "Cloudinary::Report";
    public const string User = "Cloudinary::User";
    public const string Group = "Cloudinary::Group";
    public const string ApiKey = "Cloudinary::APIKey";
    public const string Action = "Cloudinary::Action";
}

/// <summary>
/// The actions of the <c>Cloudinary</c> namespace (ids of <c>Cloudinary::Action</c>).
/// Conventions: creating or moving something is asked about the new thing described where it will be
/// (an asset in its target folder); features are asked with <see cref="Read"/> for <c>::view</c> and
/// <c>::access</c> features and with the verb of the feature otherwise (system policies on features leave
/// the action open, as Cloudinary's own statements do).
/// </summary>
public static class CloudinaryActions
{
    public const string Read = "read";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Move = "move";
    public const string Moderate = "moderate";
    public const string UpdateSettings = "update_settings";
    public const string Share = "share";
    public const string Download = "download";

    public static IReadOnlyList<string> All { get; } = [Read, Create, Update, Delete, Move, Moderate, UpdateSettings, Share, Download];
}

/// <summary>
/// Ids of <c>Cloudinary::Feature</c> entities: one per console area and operation, as in Cloudinary's
/// statements (<c>cld::global::api_keys::view</c>). Account features are children of the account,
/// product-environment features children of their product environment.
/// </summary>
public static class CloudinaryFeatures
{
    // Account scope.
    public const string UsersView = "cld::global::users::view";
    public const string UsersCreate = "cld::global::users::create";
    public const string UsersUpdate = "cld::global::users::update";
    public const string UsersDelete = "cld::global::users::delete";
    public const string GroupsView = "cld::global::groups::view";
    public const string GroupsCreate = "cld::global::groups::create";
    public const string GroupsUpdate = "cld::global::groups::update";
    public const string GroupsDelete = "cld::global::groups::delete";
    public const string RolesView = "cld::global::roles::view";
    public const string RolesCreate = "cld::global::roles::create";
    public const string RolesUpdate = "cld::global::roles::update";
    public const string RolesDelete = "cld::global::roles::delete";
    public const string RolesAssign = "cld::global::roles::assign";
    public const string CustomPoliciesView = "cld::global::custom_policies::view";
    public const string CustomPoliciesManage = "cld::global::custom_policies::manage";
    public const string AccountView = "cld::global::account::view";
    public const string AccountUpdate = "cld::global::account::update";
    public const string AccountSecurityView = "cld::global::account_security::view";
    public const string AccountSecurityUpdate = "cld::global::account_security::update";
    public const string AccountKeysView = "cld::global::account_keys::view";
    public const string AccountKeysManage = "cld::global::account_keys::manage";
    public const string BillingView = "cld::global::billing::view";
    public const string BillingUpdate = "cld::global::billing::update";
    public const string ProductEnvironmentsView = "cld::global::product_environments::view";
    public const string ProductEnvironmentsCreate = "cld::global::product_environments::create";
    public const string ProductEnvironmentsUpdate = "cld::global::product_environments::update";
    public const string ProductEnvironmentsDelete = "cld::global::product_environments::delete";
    public const string AccountUsageView = "cld::global::reports::account_usage::view";
    public const string AuditLogView = "cld::global::reports::audit_log::view";
    public const string UserActivityView = "cld::global::reports::user_activity::view";

    // Product-environment scope.
    public const string SettingsView = "cld::global::settings::view";
    public const string SettingsUpdate = "cld::global::settings::update";
    public const string UploadSettingsManage = "cld::global::upload_settings::manage";
    public const string UploadSettingsAccess = "cld::global::upload_settings::access";
    public const string ApiKeysView = "cld::global::api_keys::view";
    public const string ApiKeysCreate = "cld::global::api_keys::create";
    public const string ApiKeysUpdate = "cld::global::api_keys::update";
    public const string ApiKeysDelete = "cld::global::api_keys::delete";
    public const string TransformationsView = "cld::global::transformations::view";
    public const string TransformationsCreate = "cld::global::transformations::create";
    public const string TransformationsUpdate = "cld::global::transformations::update";
    public const string TransformationsDelete = "cld::global::transformations::delete";
    public const string UsageView = "cld::global::reports::usage::view";
    public const string DeliveryView = "cld::global::reports::delivery::view";
    public const string ErrorsView = "cld::global::reports::errors::view";
    public const string MediaLibraryAccess = "cld::global::ml::access";
    public const string PortalsView = "cld::global::portals::view";
    public const string PortalsManage = "cld::global::portals::manage";
}
