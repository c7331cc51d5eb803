namespace Roster.Authorization.Catalogue;

/// <summary>The ids of the system roles (see <see cref="CloudinaryCatalogue.SystemRoles"/>).</summary>
public static class SystemRoleIds
{
    public const string AccountMasterAdmin = "cld::role::account::master_admin";
    public const string AccountAdmin = "cld::role::account::admin";
    public const string AccountTechnicalAdmin = "cld::role::account::technical_admin";
    public const string AccountBilling = "cld::role::account::billing";
    public const string AccountReports = "cld::role::account::reports";

    public const string ProdenvMasterAdmin = "cld::role::prodenv::master_admin";
    public const string ProdenvAdmin = "cld::role::prodenv::admin";
    public const string ProdenvTechnicalAdmin = "cld::role::prodenv::technical_admin";
    public const string ProdenvMediaLibraryAdmin = "cld::role::prodenv::ml_admin";
    public const string ProdenvMediaLibraryUser = "cld::role::prodenv::ml_user";
    public const string ProdenvReports = "cld::role::prodenv::reports";
    public const string ProdenvBilling = "cld::role::prodenv::billing";

    public const string FolderViewer = "cld::role::folder::viewer";
    public const string FolderContributor = "cld::role::folder::contributor";
    public const string FolderEditor = "cld::role::folder::editor";
    public const string FolderManager = "cld::role::folder::manager";

    public const string CollectionViewer = "cld::role::collection::viewer";
    public const string CollectionEditor = "cld::role::collection::editor";
    public const string CollectionManager = "cld::role::collection::manager";
}
