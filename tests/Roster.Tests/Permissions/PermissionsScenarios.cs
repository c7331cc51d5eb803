using System.Text.Json;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Permissions;

/// <summary>The Permissions API's paths and the checks its tests share.</summary>
public static class PermissionsScenarios
{
    public const string Admin = "cld::role::account::admin";
    public const string Reports = "cld::role::account::reports";
    public const string PeReports = "cld::role::prodenv::reports";
    public const string PeMasterAdmin = "cld::role::prodenv::master_admin";
    public const string FolderViewer = "cld::role::folder::viewer";
    public const string CollectionViewer = "cld::role::collection::viewer";
    public const string UploadPresetsManage = "cld::policy::global::upload_presets::manage";
    public const string CreateAsset = "cld::policy::global::folder_and_asset_management::create_asset";
    public const string ViewDownload = "cld::policy::content::folder::view_download";
    public const string UsersAndGroupsManage = "cld::policy::global::users_and_groups::manage";

    /// <summary>The account's Permissions API prefix.</summary>
    public static string V2(this TestAccount account) => $"/v2/accounts/{account.Id}/permissions";

    /// <summary>Asserts a v2 error: the status, <c>{"error":{"category","code","message"}}</c>, and returns the error object.</summary>
    public static JsonElement V2Error(this ApiResponse response, int status, string code)
    {
        Assert.True(response.Code == status, $"Expected {status}, got {response.Code}: {response.Body}");
        var error = response.Json.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(status is 404 or >= 500 ? "server_error" : "user_error", error.GetProperty("category").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }

    /// <summary>The names <c>details.fields</c> gives: strings as they are, objects by their one key.</summary>
    public static IEnumerable<string> FieldNames(this JsonElement error) =>
        error.GetProperty("details").GetProperty("fields").EnumerateArray()
            .Select(f => f.ValueKind == JsonValueKind.String ? f.GetString()! : f.EnumerateObject().First().Name);

    public static async Task<string> CreateRoleAsync(this TestAccount account, object body)
    {
        var response = await account.Client.PostJsonAsync($"{account.V2()}/roles", body);
        Assert.True(response.Code == 201, response.ToString());
        return response.Json.GetProperty("data").GetProperty("id").GetString()!;
    }

    public static Task<ApiResponse> AssignAsync(this TestAccount account, string roleId, string operation, params object[] principals) =>
        account.Client.PutJsonAsync($"{account.V2()}/roles/{Uri.EscapeDataString(roleId)}/principals", new { operation, principals });

    public static async Task GrantAsync(this TestAccount account, string roleId, params object[] principals)
    {
        var response = await account.AssignAsync(roleId, "add", principals);
        Assert.True(response.Code == 200, response.ToString());
        Assert.Equal("", response.Body);
    }

    public static async Task<JsonElement> PrincipalRolesAsync(this TestAccount account, string type, string id, string permissionType = "global", string extra = "") =>
        (await account.Client.GetJsonAsync(
            $"{account.V2()}/principal_roles?principal_type={type}&principal_id={Uri.EscapeDataString(id)}&permission_type={permissionType}{extra}"))
        .Ok().GetProperty("data");
}
