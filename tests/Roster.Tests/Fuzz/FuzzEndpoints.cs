using CsCheck;
using Roster.Common;
using Roster.Authorization.Catalogue;
using static Roster.Tests.Fuzz.FuzzBase;

namespace Roster.Tests.Fuzz;

/// <summary>How an endpoint reads its parameters.</summary>
public enum Reader
{
    /// <summary>Only its path: the body and the query string are not read.</summary>
    None,

    /// <summary>RequestValues: a JSON, form or multipart body (not on GET), then the query string.</summary>
    Values,

    /// <summary>Its own JSON reader (the decisions): the body must be a JSON object, strings must be strings.</summary>
    Json,
}

/// <summary>What the fuzzer knows of an endpoint beyond the OpenAPI document: how it reads, and its parameters.</summary>
public sealed record EndpointSpec(Reader Reader, IReadOnlyList<Field> Fields, Gen<FuzzValue>? Base = null)
{
    public Gen<FuzzValue> BaseBody => Base ?? ObjectOf(Fields);
}

/// <summary>The kinds of parameter and the generators of their valid values.</summary>
public static class FuzzBase
{
    public static Gen<FuzzValue> Const(FuzzValue v) => Gen.Const(v);

    public static Gen<FuzzValue> Strs(params string[] values) => Gen.OneOf(values).Select(FuzzValue.Str);

    private static Gen<FuzzValue> Fresh(string format) => Gen.Int[0, int.MaxValue].Select(n => FuzzValue.Str(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, n)));

    /// <summary>An object of the required fields and about half of the optional ones, each with a valid value.</summary>
    public static Gen<FuzzValue> ObjectOf(IReadOnlyList<Field> fields)
    {
        var acc = Gen.Const(Array.Empty<(string, FuzzValue)>());
        foreach (var field in fields.Where(f => !f.NeverValid))
        {
            var include = field.Required ? Gen.Const(true) : Gen.Bool;
            acc = acc.SelectMany(props => include.SelectMany(yes => yes
                ? field.Kind.Valid.Select(v => (props.Append((field.Name, v)).ToArray()))
                : Gen.Const(props)));
        }
        return acc.Select(props => FuzzValue.Obj(props));
    }

    public static readonly Kind Free = new FreeKind(Fresh("free{0:x}"));
    public static readonly Kind Name = new TextKind("name", Rules.Name, Fresh("Fuzz {0:x}"));
    public static readonly Kind Email = new TextKind("email", Rules.Email, Gen.Int[0, int.MaxValue].SelectMany(a => Gen.Int[0, int.MaxValue], (a, b) => FuzzValue.Str($"fuzz.{a:x}.{b:x}@example.com")));
    public static readonly Kind Bool = new BoolKind(Gen.OneOf(FuzzValue.Bool(true), FuzzValue.Bool(false), FuzzValue.Str("true"), FuzzValue.Str("0"), FuzzValue.Num("1")));
    public static readonly Kind True = new BoolKind(Gen.OneOf(FuzzValue.Bool(true), FuzzValue.Str("true"), FuzzValue.Str("1")));
    public static readonly Kind CloudName = new TextKind("cloud_name", Rules.CloudName, Fresh("fz_{0:x}"));
    public static readonly Kind Attributes = new MapKind(Gen.OneOf(FuzzValue.Obj(("team", FuzzValue.Str("web"))), FuzzValue.Str("team=web|tier=gold"), FuzzValue.Obj()));
    public static readonly Kind Role = new TextKind("role", Rules.OneOf([.. WireEnum<LegacyRole>.Names]), Strs([.. WireEnum<LegacyRole>.Names.Where(r => r != LegacyRole.MasterAdmin.Wire())]));
    public static readonly Kind ProductEnvironmentIds = new ListKind(Rules.Real, Gen.OneOf(FuzzValue.Arr(), FuzzValue.Arr(FuzzValue.Ref("pe"))));
    public static readonly Kind ProductEnvironment = new TextKind("sub_account_id", Rules.Real, Const(FuzzValue.Ref("pe")));
    public static readonly Kind FreeIds = new ListKind(Rules.Free, Gen.OneOf(FuzzValue.Arr(FuzzValue.Ref("pe")), FuzzValue.Ref("pe")), max: 100);
    public static readonly Kind FreeText = new FreeKind(Strs("Fu", "fuzz", "PE"));
    public static readonly Kind Date = new TextKind("date", Rules.Date, Strs("2024-01-31", "31-01-2024", "2024-01-31T10:00:00Z"));
    public static readonly Kind Token = new TextKind("token", Rules.Token, Const(FuzzValue.Ref("token")));
    public static readonly Kind ResetToken = new TextKind("token", Rules.Token, Const(FuzzValue.Ref("resetToken")));
    public static readonly Kind Password = new TextKind("password", Rules.Password, Strs("correct horse battery staple", "another long passphrase"));
    public static readonly Kind RequiredText = new TextKind("text", Rules.RequiredText, Strs("root@example.com", "not the password"));
    public static readonly Kind KeyName = new TextKind("name", Rules.NameLookup, Gen.Frequency((3, Const(FuzzValue.Ref("spareKeyName"))), (1, Fresh("nokey{0:x}"))));

    public static Kind OneOf(string[] values, bool ignoreCase = true, bool trim = true) =>
        new TextKind("enum", Rules.OneOf(values, ignoreCase, trim), Strs(values));

    public static Kind Int(long min, long max, params long[] valid) =>
        new IntKind(min, max, Gen.OneOf(valid).SelectMany(v => Gen.OneOf(FuzzValue.Num(v.ToString(System.Globalization.CultureInfo.InvariantCulture)), FuzzValue.Str(v.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

    // The Permissions API's kinds.
    public static readonly string[] ScopeTypes = ["account", "prodenv"];
    public static readonly string[] PermissionTypes = ["global", "content"];
    public static readonly string[] PrincipalTypes = ["user", "group", "apiKey", "provisioningKey"];
    public static readonly string[] ManagementTypes = ["system", "custom"];
    public static readonly string[] Operations = ["add", "remove"];

    public static readonly Kind Id = new TextKind("id", Rules.Id, Gen.Frequency((3, Const(FuzzValue.Ref("user"))), (1, Const(FuzzValue.Ref("pe"))), (1, Fresh("id{0:x}"))));
    public static readonly Kind UserId = new TextKind("id", Rules.Id, Const(FuzzValue.Ref("user")));
    public static readonly Kind ScopeId = new TextKind("scope_id", (s, c) => Rules.Id(s, c).Then(() => s.Trim() == "all" || c.IsRealId(s.Trim()) ? Verdict.Any : Verdict.Refuse("no such product environment")),
        Gen.OneOf(FuzzValue.Str("all"), FuzzValue.Ref("pe")));
    public static readonly Kind FilterScopeId = new TextKind("scope_id", Rules.Id, Gen.OneOf(FuzzValue.Str("all"), FuzzValue.Ref("pe")));
    public static readonly Kind FolderParam = new TextKind("folder_id", Rules.Id, Strs("f1", "top"));
    public static readonly Kind FreeIdList = new ListKind((s, c) => Rules.Id(s, c), Gen.OneOf(FuzzValue.Arr(FuzzValue.Str("folder_id")), FuzzValue.Str("[\"folder_id\"]")), jsonText: true);
    public static readonly Kind PolicyIds = new ListKind(
        (s, c) => Rules.Id(s, c).Then(() => CloudinaryCatalogue.FindPolicy(s) is not null ? Verdict.Any : Verdict.Refuse("no such system policy")),
        Gen.OneOf(FuzzValue.Arr(), FuzzValue.Arr(FuzzValue.Str("cld::policy::global::users_and_groups::manage"))), jsonText: true);
    public static readonly Kind PolicyParameters = new StringMapKind(Gen.OneOf(FuzzValue.Obj(), FuzzValue.Obj(("folder_id", FuzzValue.Str("f1")))));
    public static readonly Kind Description = new TextKind("description", Rules.Text(2000), Strs("A role made by the fuzzer.", "Line one\nline two\ttabbed"));
    public static readonly Kind RoleId = new TextKind("id", Rules.RoleId, Fresh("fz_role_{0:x}"));
    public const string ValidStatement =
        "permit(principal == Cloudinary::APIKey::\"1234\", action == Cloudinary::Action::\"read\", resource is Cloudinary::Folder) "
        + "when { resource.ancestor_ids.contains(\"asdfjkl12347890\") };";

    public static readonly Kind Statement = new TextKind("policy_statement", Rules.Cedar, Strs(ValidStatement));
    public static readonly Kind AlwaysRefused = new TextKind("asset_id", Rules.Never, Strs("a1"));

    public static Field[] ContentFilters =>
    [
        new("folder_id", FolderParam), new("collection_id", FolderParam), new("param_key", FreeIdList), new("param_value", FreeIdList),
        new("asset_id", AlwaysRefused, NeverValid: true),
    ];

    // The decisions' kinds: strings must be strings.
    public static readonly Kind StrictId = new TextKind("id", Rules.Id, Gen.Frequency((3, Const(FuzzValue.Ref("user"))), (1, Fresh("f{0:x}"))));
    public static readonly Kind StrictText = new FreeKindStrict(Strs("a/b", "x"));

    public static Field[] DecisionFields =>
    [
        new("principal", new ObjectKind([
            new("type", OneOf(PrincipalTypes, ignoreCase: false, trim: false), Required: true),
            new("id", new TextKind("id", Rules.Id, Const(FuzzValue.Ref("user"))), Required: true, BlankIsMissing: false),
        ]), Required: true),
        new("action", new TextKind("action", Rules.OneOf([.. CloudinaryActions.All, .. CloudinaryActions.All.Select(a => $"Cloudinary::Action::\"{a}\"")], false, false),
            Strs("read", "Cloudinary::Action::\"read\"", "update")), Required: true),
        new("resource", new ObjectKind([
            new("type", new TextKind("type", Rules.OneOf(["Folder", "Cloudinary::Folder"], false, false), Strs("Folder", "Cloudinary::Folder")), Required: true),
            new("id", new TextKind("id", Rules.Id, Strs("f1", "folder 2")), Required: true, BlankIsMissing: false),
            new("product_environment_id", new TextKind("id", Rules.Id, Const(FuzzValue.Ref("pe"))), Required: true, BlankIsMissing: false),
            new("ancestor_ids", new ListKind(Rules.Id, Gen.OneOf(FuzzValue.Arr(), FuzzValue.Arr(FuzzValue.Str("top"))), max: 100)),
            new("path", StrictText),
        ]), Required: true),
        new("context", new ContextKind(Gen.OneOf(FuzzValue.Obj(), FuzzValue.Obj(("ip", FuzzValue.Str("10.0.0.1")))))),
    ];

    // The folder endpoints.
    public static readonly Kind Ancestors = new ListKind(Rules.FolderId, Gen.OneOf(FuzzValue.Arr(FuzzValue.Str("top")), FuzzValue.Str("top,mid"), FuzzValue.Arr()), max: 100, distinctFromFolder: true);
    // Note: besides the four system folder roles, any custom role id may name a role an earlier accepted request created
    // (a corrupted id such as "1" is a valid role id), so only a system role of another scope is sure to be refused.
    private static readonly Func<string, JudgeContext, Verdict> _systemFolderRole =
        Rules.OneOf([SystemRoleIds.FolderViewer, SystemRoleIds.FolderContributor, SystemRoleIds.FolderEditor, SystemRoleIds.FolderManager], false, false);
    public static readonly Kind FolderRoleIds = new ListKind(
        (s, c) => s.StartsWith("cld::", StringComparison.Ordinal) ? _systemFolderRole(s, c) : Rules.RoleId(s, c),
        Gen.OneOf(FuzzValue.Arr(FuzzValue.Str(SystemRoleIds.FolderViewer)), FuzzValue.Str(SystemRoleIds.FolderEditor)), min: 1, max: 10);
    public static readonly Kind FolderPrincipal = new FolderPrincipalKind(Gen.OneOf(
        FuzzValue.Obj(("type", FuzzValue.Str("user")), ("id", FuzzValue.Ref("user"))),
        FuzzValue.Obj(("type", FuzzValue.Str("group")), ("id", FuzzValue.Ref("group")))));
}

/// <summary>A free text the decisions read strictly: any string, and nothing but a string.</summary>
public sealed class FreeKindStrict(Gen<FuzzValue> valid) : Kind
{
    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c) => value is FStr || !c.Strict ? Verdict.Any : WrongType("a string");
}

/// <summary>
/// The per-endpoint table: how each endpoint of the OpenAPI document reads its parameters (read from the
/// handlers and the <c>.WithDescription</c> of each route). Endpoints the document lists and this table does not are
/// fuzzed too, with the fields their description names, and judged only on 5xx, the error shape and the database.
/// </summary>
public static class FuzzEndpoints
{
    private const string P = "/v1_1/provisioning/accounts/{account_id}";
    private const string V2 = "/v2/accounts/{account_id}/permissions";
    private const string Api = "/api/accounts/{account_id}";

    private static readonly string[] _byIds = ["ids", "emails"];
    private static readonly string[] _byProductEnvironmentIds = ["ids"];

    private static Field[] UserFields(bool create) =>
    [
        new("name", Name, Required: create), new("email", Email, Required: create), new("role", Role),
        new("sub_account_ids", ProductEnvironmentIds), new("enabled", create ? Bool : True), new("first_name", Name), new("last_name", Name),
    ];

    private static Field[] CustomPolicyFields(bool replace) =>
    [
        new("name", Name, Required: true), new("scope_type", OneOf(["prodenv"]), Required: true), new("policy_statement", Statement, Required: true),
        new("description", Description), new("enabled", Bool, Required: replace), new("scope_id", ScopeId),
    ];

    private static readonly Gen<FuzzValue> _roleBase = Gen.OneOf(
            (Global: true, Scope: "account", Policies: FuzzValue.Arr(FuzzValue.Str("cld::policy::global::users_and_groups::manage"))),
            (Global: true, Scope: "account", Policies: FuzzValue.Arr()),
            (Global: false, Scope: "prodenv", Policies: FuzzValue.Arr(FuzzValue.Str("cld::policy::content::folder::view_download"))))
        .SelectMany(c => Name.Valid, (c, name) => (c, name))
        .SelectMany(t => RoleId.Valid, (t, id) => FuzzValue.Obj(
            ("name", t.name), ("permission_type", FuzzValue.Str(t.c.Global ? "global" : "content")), ("scope_type", FuzzValue.Str(t.c.Scope)),
            ("id", id), ("description", FuzzValue.Str("made by the fuzzer")), ("system_policy_ids", t.c.Policies)));

    public static readonly IReadOnlyDictionary<string, EndpointSpec> Known = new Dictionary<string, EndpointSpec>(StringComparer.Ordinal)
    {
        ["GET /healthz"] = new(Reader.None, []),
        ["GET /readyz"] = new(Reader.None, []),
        ["GET /ping"] = new(Reader.None, []),

        ["GET " + P + "/sub_accounts"] = new(Reader.Values, [
            new("enabled", Bool, SkippedBy: _byProductEnvironmentIds), new("ids", FreeIds), new("cloud_names", FreeIds),
            new("prefix", FreeText, SkippedBy: _byProductEnvironmentIds)]),
        ["POST " + P + "/sub_accounts"] = new(Reader.Values, [
            new("name", Name, Required: true), new("cloud_name", CloudName), new("custom_attributes", Attributes), new("enabled", Bool),
            new("base_sub_account_id", ProductEnvironment)]),
        ["GET " + P + "/sub_accounts/{sub_account_id}"] = new(Reader.None, []),
        ["PUT " + P + "/sub_accounts/{sub_account_id}"] = new(Reader.Values, [
            new("name", Name), new("cloud_name", CloudName), new("custom_attributes", Attributes), new("enabled", True)]),
        ["DELETE " + P + "/sub_accounts/{sub_account_id}"] = new(Reader.None, []),
        ["GET " + P + "/sub_accounts/{sub_account_id}/access_keys"] = new(Reader.Values, [
            new("page_size", Int(1, 100, 1, 100)), new("page", Int(1, int.MaxValue, 1, 2)),
            new("sort_by", OneOf(["api_key", "created_at", "name", "enabled"])), new("sort_order", OneOf(["desc", "asc"]))]),
        ["POST " + P + "/sub_accounts/{sub_account_id}/access_keys"] = new(Reader.Values, [new("name", Name), new("enabled", Bool)]),
        ["DELETE " + P + "/sub_accounts/{sub_account_id}/access_keys"] = new(Reader.Values, [new("name", KeyName, Required: true)]),
        ["PUT " + P + "/sub_accounts/{sub_account_id}/access_keys/{api_key}"] = new(Reader.Values, [
            new("name", Name), new("enabled", True), new("dedicated_for", OneOf(["webhooks"]))]),
        ["DELETE " + P + "/sub_accounts/{sub_account_id}/access_keys/{api_key}"] = new(Reader.None, []),

        ["GET " + P + "/users"] = new(Reader.Values, [
            new("ids", FreeIds), new("emails", FreeIds), new("page_size", Int(1, 1000, 1, 1000)), new("page", Int(1, int.MaxValue, 1, 3)),
            new("sort_by", OneOf(["name", "role", "status", "activity", "created_at"])), new("sort_order", OneOf(["desc", "asc"])),
            new("status", OneOf(["pending", "active", "inactive"]), SkippedBy: _byIds), new("pending", Bool, SkippedBy: _byIds),
            new("prefix", FreeText, SkippedBy: _byIds), new("sub_account_id", ProductEnvironment, SkippedBy: _byIds),
            new("last_login", Bool, SkippedBy: _byIds), new("union_type", OneOf(["include", "exclude"]), SkippedBy: _byIds),
            new("from", Date, SkippedBy: _byIds), new("to", Date, SkippedBy: _byIds)]),
        ["POST " + P + "/users"] = new(Reader.Values, UserFields(create: true)),
        ["GET " + P + "/users/{user_id}"] = new(Reader.None, []),
        ["PUT " + P + "/users/{user_id}"] = new(Reader.Values, UserFields(create: false)),
        ["DELETE " + P + "/users/{user_id}"] = new(Reader.None, []),
        ["GET " + P + "/users/{user_id}/groups"] = new(Reader.None, []),
        ["GET " + P + "/users/{user_id}/sub_accounts"] = new(Reader.None, []),

        ["GET " + P + "/user_groups"] = new(Reader.Values, [new("extended_details", Bool)]),
        ["POST " + P + "/user_groups"] = new(Reader.Values, [new("name", Name, Required: true)]),
        ["GET " + P + "/user_groups/{group_id}"] = new(Reader.Values, [new("extended_details", Bool)]),
        ["PUT " + P + "/user_groups/{group_id}"] = new(Reader.Values, [new("name", Name, Required: true)]),
        ["DELETE " + P + "/user_groups/{group_id}"] = new(Reader.None, []),
        ["GET " + P + "/user_groups/{group_id}/users"] = new(Reader.None, []),
        ["POST " + P + "/user_groups/{group_id}/users/{user_id}"] = new(Reader.None, []),
        ["DELETE " + P + "/user_groups/{group_id}/users/{user_id}"] = new(Reader.None, []),

        ["GET " + V2 + "/policies/system"] = new(Reader.Values, [new("permission_type", OneOf(PermissionTypes)), new("scope_type", OneOf(ScopeTypes))]),
        ["GET " + V2 + "/policies/effective"] = new(Reader.Values, [
            new("scope_type", OneOf(ScopeTypes)), new("scope_id", FilterScopeId), new("principal_type", OneOf(PrincipalTypes)), new("principal_id", Id)]),
        ["GET " + V2 + "/roles"] = new(Reader.Values, [
            new("permission_type", OneOf(PermissionTypes), Required: true), new("scope_type", OneOf(ScopeTypes)),
            new("management_type", OneOf(ManagementTypes)), new("policy_parameters", FreeIdList)]),
        ["POST " + V2 + "/roles"] = new(Reader.Values, [
            new("name", Name, Required: true), new("permission_type", OneOf(PermissionTypes), Required: true), new("scope_type", OneOf(ScopeTypes), Required: true),
            new("id", RoleId), new("description", Description), new("system_policy_ids", PolicyIds)], _roleBase),
        ["GET " + V2 + "/roles/{role_id}"] = new(Reader.Values, ContentFilters),
        ["PUT " + V2 + "/roles/{role_id}"] = new(Reader.Values, [
            new("name", Name, Required: true), new("description", Description), new("system_policy_ids", PolicyIds)]),
        ["DELETE " + V2 + "/roles/{role_id}"] = new(Reader.Values, [new("force", Bool)]),
        ["GET " + V2 + "/roles/{role_id}/principals"] = new(Reader.Values, [
            new("scope_type", OneOf(ScopeTypes)), new("scope_id", FilterScopeId), new("verbose", Bool), .. ContentFilters]),
        ["PUT " + V2 + "/roles/{role_id}/principals"] = new(Reader.Values, [
            new("operation", OneOf(Operations), Required: true),
            new("principals", new ObjectListKind([
                new("principal_type", OneOf(["user"]), Required: true), new("principal_id", UserId, Required: true),
                new("scope_id", FilterScopeId), new("policy_parameters", PolicyParameters)], 0, 100), Required: true)]),
        ["GET " + V2 + "/principal_roles"] = new(Reader.Values, [
            new("principal_type", OneOf(["user"]), Required: true), new("principal_id", UserId, Required: true),
            new("permission_type", OneOf(PermissionTypes), Required: true), new("management_type", OneOf(ManagementTypes)),
            new("scope_type", OneOf(ScopeTypes)), new("scope_id", FilterScopeId), .. ContentFilters]),
        ["PUT " + V2 + "/principal_roles"] = new(Reader.Values, [
            new("operation", OneOf(Operations), Required: true),
            new("principal", new ObjectKind([new("type", OneOf(["user"]), Required: true), new("id", UserId, Required: true)]), Required: true),
            new("roles", new ObjectListKind([
                new("id", new TextKind("id", Rules.Id, Gen.OneOf(FuzzValue.Ref("role"), FuzzValue.Str(SystemRoleIds.AccountReports))), Required: true),
                new("scope_id", FilterScopeId), new("policy_parameters", PolicyParameters)], 0, 100), Required: true)]),
        ["GET " + V2 + "/principal_roles/inspect"] = new(Reader.Values, [
            new("scope_type", OneOf(ScopeTypes), Required: true), new("scope_id", FilterScopeId), new("principal_type", OneOf(PrincipalTypes)),
            new("principal_id", Id), new("cursor", Free), .. ContentFilters]),
        ["POST " + V2 + "/principal_roles/inspect"] = new(Reader.Values, [
            new("scope_type", OneOf(ScopeTypes), Required: true), new("scope_id", FilterScopeId),
            new("principals", new ObjectListKind([new("type", OneOf(["user", "group"]), Required: true), new("id", UserId, Required: true)], 0, 100), Required: true),
            new("policy_parameters", PolicyParameters)]),
        ["POST " + V2 + "/authorize"] = new(Reader.Json, DecisionFields),
        ["POST " + V2 + "/authorize/batch"] = new(Reader.Json, [new("requests", new ObjectListKind(DecisionFields, 1, 100), Required: true)]),
        ["POST " + V2 + "/migration"] = new(Reader.Values, [new("dry_run", Bool)]),
        ["GET " + V2 + "/policies/custom"] = new(Reader.Values, [
            new("scope_type", OneOf(ScopeTypes)), new("scope_id", FilterScopeId), new("enabled", Bool), new("cursor", Free)]),
        ["POST " + V2 + "/policies/custom"] = new(Reader.Values, CustomPolicyFields(replace: false)),
        ["GET " + V2 + "/policies/custom/{policy_id}"] = new(Reader.None, []),
        ["PUT " + V2 + "/policies/custom/{policy_id}"] = new(Reader.Values, CustomPolicyFields(replace: true)),
        ["DELETE " + V2 + "/policies/custom/{policy_id}"] = new(Reader.None, []),
        ["GET /v2/accounts/permissions/public/catalog"] = new(Reader.None, []),
        ["GET /v2/accounts/permissions/public/schema"] = new(Reader.None, []),
        ["POST /v2/accounts/permissions/public/validate"] = new(Reader.Values, [new("policy", new TextKind("policy", Rules.RequiredText, Statement.Valid), Required: true)]),

        ["GET /v1_1/{cloud_name}/folder_operations/invite/{folder_id}"] = new(Reader.Values, [new("ancestor_ids", Ancestors), new("permitted_roles", Bool)]),
        ["POST /v1_1/{cloud_name}/folder_operations/invite/{folder_id}"] = new(Reader.Values, [
            new("principal", FolderPrincipal, Required: true), new("operation", OneOf(Operations), Required: true),
            new("roles", FolderRoleIds, Required: true), new("ancestor_ids", Ancestors)]),

        ["GET " + Api] = new(Reader.None, []),
        ["PUT " + Api + "/additional_user_subscriptions"] = new(Reader.Values, [new("count", Int(0, int.MaxValue, 0, 3), Required: true)]),
        ["PUT " + Api + "/two_factor_requirement"] = new(Reader.Values, [new("required", Bool, Required: true)]),
        ["POST " + Api + "/api_key/rotate"] = new(Reader.None, []),
        ["POST " + Api + "/cancel"] = new(Reader.Values, [new("email", RequiredText, Required: true), new("password", RequiredText, Required: true)]),
        ["POST " + Api + "/users"] = new(Reader.Values, UserFields(create: true)),
        ["POST " + Api + "/users/{user_id}/password_reset"] = new(Reader.None, []),
        ["POST " + Api + "/users/{user_id}/force_logout"] = new(Reader.None, []),
        ["POST " + Api + "/users/{user_id}/unlock"] = new(Reader.None, []),
        ["POST " + Api + "/users/{user_id}/two_factor_reset"] = new(Reader.None, []),
        ["POST " + Api + "/users/{user_id}/resend_invitation"] = new(Reader.None, []),
        ["GET " + Api + "/outbox"] = new(Reader.Values, [
            new("status", OneOf(["pending", "sent", "failed"])), new("limit", Int(1, 500, 1, 500)), new("before", Int(1, int.MaxValue, 1, 1000))]),
        ["POST " + Api + "/outbox/{message_id}/retry"] = new(Reader.None, []),
        ["GET " + Api + "/audit_events"] = new(Reader.Values, [
            new("limit", Int(1, 500, 1, 500)), new("before", Int(1, int.MaxValue, 1, 1000)), new("action", FreeText), new("target_id", FreeText)]),
        ["POST /api/invitations/accept"] = new(Reader.Values, [new("token", Token, Required: true), new("password", Password, Required: true)]),
        ["POST /api/password_resets/complete"] = new(Reader.Values, [new("token", ResetToken, Required: true), new("password", Password, Required: true)]),
    };
}
