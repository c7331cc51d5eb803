using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Evaluation;

/// <summary>
/// The fixture of the table tests: a principal in a group hierarchy, a document in nested folders,
/// actions with a parent, tags, and a context with extension values.
/// </summary>
internal static class CedarFixture
{
    public const string EntitiesJson = """
        [
          {"uid": {"type": "User", "id": "alice"}, "parents": [{"type": "Group", "id": "eng"}],
           "attrs": {"name": "Alice", "age": 30, "roles": ["admin", "dev"], "manager": {"__entity": {"type": "User", "id": "bob"}},
                     "address": {"city": "Paris", "zip": "75001"}, "laptop": {"__extn": {"fn": "ip", "arg": "192.168.1.10"}},
                     "balance": {"__extn": {"fn": "decimal", "arg": "12.50"}}, "none": []},
           "tags": {"level": "senior", "clearance": 3}},
          {"uid": {"type": "User", "id": "bob"}, "parents": [{"type": "Group", "id": "managers"}], "attrs": {"name": "Bob", "age": 45}},
          {"uid": {"type": "Group", "id": "eng"}, "parents": [{"type": "Group", "id": "staff"}], "attrs": {}},
          {"uid": {"type": "Group", "id": "managers"}, "parents": [{"type": "Group", "id": "staff"}], "attrs": {}},
          {"uid": {"type": "Group", "id": "staff"}, "parents": [], "attrs": {}},
          {"uid": {"type": "Doc", "id": "d1"}, "parents": [{"type": "Folder", "id": "f1"}],
           "attrs": {"owner": {"__entity": {"type": "User", "id": "alice"}}, "public": false, "size": 120}},
          {"uid": {"type": "Folder", "id": "f1"}, "parents": [{"type": "Folder", "id": "root"}], "attrs": {}},
          {"uid": {"type": "Folder", "id": "root"}, "parents": [], "attrs": {}},
          {"uid": {"type": "Action", "id": "view"}, "parents": [{"type": "Action", "id": "read"}], "attrs": {}},
          {"uid": {"type": "Action", "id": "read"}, "parents": [], "attrs": {}},
          {"uid": {"type": "Action", "id": "edit"}, "parents": [], "attrs": {}}
        ]
        """;

    public const string ContextJson = """
        {"ip": {"__extn": {"fn": "ip", "arg": "10.1.2.3"}}, "n": 5, "s": "hello", "flag": true, "items": [1, 2, 3],
         "rec": {"a": 1, "b": {"c": "deep"}}, "amount": {"__extn": {"fn": "decimal", "arg": "3.25"}}, "who": {"__entity": {"type": "User", "id": "bob"}}}
        """;

    public static readonly EntityStore Entities = EntityStore.FromJson(EntitiesJson);
    public static readonly RecordValue Context = CedarJson.ParseContext(ContextJson);

    public static AuthorizationRequest Request(string principal = "User::\"alice\"", string action = "Action::\"view\"", string resource = "Doc::\"d1\"") =>
        new(PolicyParser.ParseEntityUid(principal), PolicyParser.ParseEntityUid(action), PolicyParser.ParseEntityUid(resource), Context);

    /// <summary>The response as the rows write it: <c>Allow [p1, p2] errors [p3]</c>.</summary>
    public static string Describe(AuthorizationResponse response) =>
        $"{response.Decision} [{string.Join(", ", response.Reasons)}] errors [{string.Join(", ", response.Errors.Select(e => e.PolicyId))}]";
}

// Each row's expectation is what the reference implementation (cedar-wasm 4.13) answers for the
// same policies, entities and request; policies it names policyN by position are named here by
// their @id where they have one.
public class ConditionTableTests
{
    /// <summary>A condition's outcome as a lone permit's: true (allowed), false (denied) or Cedar's error.</summary>
    public static TheoryData<string, string> Conditions => new()
    {
        { "1 == 1", "true" },
        { "\"a\" == \"a\"", "true" },
        { "1 == \"1\"", "false" },
        { "principal == User::\"alice\"", "true" },
        { "principal == User::\"bob\"", "false" },
        { "[1, 2] == [2, 1]", "true" },
        { "[1, 1, 2] == [2, 1]", "true" },
        { "{a: 1} == {a: 1}", "true" },
        { "{a: 1} == {a: 1, b: 2}", "false" },
        { "context.rec == {\"a\": 1, \"b\": {\"c\": \"deep\"}}", "true" },
        { "[User::\"alice\"] == [principal]", "true" },
        { "ip(\"10.0.0.1\") == ip(\"10.0.0.1\")", "true" },
        { "decimal(\"1.0\") == decimal(\"1.00\")", "true" },
        { "ip(\"10.0.0.1\") == \"10.0.0.1\"", "false" },
        { "1 != 2", "true" },
        { "principal != resource", "true" },
        { "resource.owner == principal", "true" },
        { "context.who == principal.manager", "true" },
        { "true && false", "false" },
        { "false && (1 + \"a\" == 2)", "false" },
        { "true && 1", "error: type error: expected bool, got long" },
        { "1 && true", "error: type error: expected bool, got long" },
        { "true || (1 + \"a\" == 2)", "true" },
        { "false || 1", "error: type error: expected bool, got long" },
        { "1 || true", "error: type error: expected bool, got long" },
        { "!true", "false" },
        { "!1", "error: type error: expected bool, got long" },
        { "!(principal.missing)", "error: `User::\"alice\"` does not have the attribute `missing`" },
        { "if true then 1 == 1 else 1 + \"a\"", "true" },
        { "if 1 then true else false", "error: type error: expected bool, got long" },
        { "if false then 1 + \"a\" else true", "true" },
        { "if context.flag then \"x\" else false", "error: type error: expected bool, got string" },
        { "1", "error: type error: expected bool, got long" },
        { "\"x\"", "error: type error: expected bool, got string" },
        { "principal", "error: type error: expected bool, got (entity of type `User`)" },
        { "context.items", "error: type error: expected bool, got set" },
        { "1 + 2 == 3", "true" },
        { "5 - 7 == -2", "true" },
        { "3 * -4 == -12", "true" },
        { "context.n * context.n == 25", "true" },
        { "-context.n == -5", "true" },
        { "9223372036854775807 + 1 == 0", "error: integer overflow while attempting to add the values `9223372036854775807` and `1`" },
        { "-9223372036854775807 - 2 == 0", "error: integer overflow while attempting to subtract the values `-9223372036854775807` and `2`" },
        { "9223372036854775807 * 2 == 0", "error: integer overflow while attempting to multiply the values `9223372036854775807` and `2`" },
        { "-(-9223372036854775808) == 0", "error: integer overflow while attempting to negate the value `-9223372036854775808`" },
        { "-9223372036854775808 == -9223372036854775807 - 1", "true" },
        { "1 + true == 2", "error: type error: expected long, got bool" },
        { "\"a\" + \"b\" == \"ab\"", "error: type error: expected long, got string" },
        { "1 < 2", "true" },
        { "2 <= 2", "true" },
        { "3 > 2", "true" },
        { "2 >= 3", "false" },
        { "\"a\" < \"b\"", "error: type error: expected one of [long, datetime, duration], got string" },
        { "1 < \"b\"", "error: type error: expected long, got string" },
        { "true < false", "error: type error: expected one of [long, datetime, duration], got bool" },
        { "context.amount < decimal(\"4.0\")", "error: type error: expected one of [long, datetime, duration], got decimal" },
        { "principal < resource", "error: type error: expected one of [long, datetime, duration], got (entity of type `User`)" },
        { "datetime(\"2024-01-01\") < datetime(\"2024-01-02\")", "true" },
        { "duration(\"1h\") > duration(\"59m\")", "true" },
        { "datetime(\"2024-01-01\") < duration(\"1h\")", "error: type error: expected datetime, got duration" },
        { "principal in Group::\"eng\"", "true" },
        { "principal in Group::\"staff\"", "true" },
        { "principal in Group::\"managers\"", "false" },
        { "principal in principal", "true" },
        { "principal in [Group::\"managers\", Group::\"staff\"]", "true" },
        { "principal in []", "false" },
        { "principal in [1]", "error: type error: expected (entity of type `any_entity_type`), got long" },
        { "principal in [Group::\"eng\", 1]", "error: type error: expected (entity of type `any_entity_type`), got long" },
        { "1 in Group::\"eng\"", "error: type error: expected (entity of type `any_entity_type`), got long" },
        { "principal in 1", "error: type error: expected one of [set, (entity of type `any_entity_type`)], got long" },
        { "principal in \"Group\"", "error: type error: expected one of [set, (entity of type `any_entity_type`)], got string" },
        { "User::\"ghost\" in Group::\"eng\"", "false" },
        { "User::\"ghost\" in User::\"ghost\"", "true" },
        { "resource in Folder::\"root\"", "true" },
        { "action in Action::\"read\"", "true" },
        { "action in [Action::\"edit\", Action::\"read\"]", "true" },
        { "context.who in Group::\"staff\"", "true" },
        { "principal.manager in Group::\"managers\"", "true" },
        { "[principal] in Group::\"eng\"", "error: type error: expected (entity of type `any_entity_type`), got set" },
        { "principal is User", "true" },
        { "principal is Group", "false" },
        { "resource is Doc in Folder::\"root\"", "true" },
        { "resource is User in Folder::\"root\"", "false" },
        { "1 is User", "error: type error: expected (entity of type `any_entity_type`), got long" },
        { "principal is User in 1", "error: type error: expected one of [set, (entity of type `any_entity_type`)], got long" },
        { "principal is Doc in 1", "false" },
        { "principal has name", "true" },
        { "principal has missing", "false" },
        { "context has rec", "true" },
        { "context.rec has b", "true" },
        { "context.rec.b has c", "true" },
        { "context has rec.b.c", "true" },
        { "context has rec.x.c", "false" },
        { "User::\"ghost\" has name", "false" },
        { "1 has a", "error: type error: expected one of [record, (entity of type `any_entity_type`)], got long" },
        { "context.s has a", "error: type error: expected one of [record, (entity of type `any_entity_type`)], got string" },
        { "principal.name == \"Alice\"", "true" },
        { "principal.missing == 1", "error: `User::\"alice\"` does not have the attribute `missing`" },
        { "User::\"ghost\".name == \"x\"", "error: entity `User::\"ghost\"` does not exist" },
        { "context.rec.b.c == \"deep\"", "true" },
        { "context.rec.z == 1", "error: record does not have the attribute `z`" },
        { "context[\"s\"] == \"hello\"", "true" },
        { "context.n.x == 1", "error: type error: expected one of [record, (entity of type `any_entity_type`)], got long" },
        { "principal.manager.name == \"Bob\"", "true" },
        { "principal.manager.manager == 1", "error: `User::\"bob\"` does not have the attribute `manager`" },
        { "principal.address.city like \"Par*\"", "true" },
        { "[1, 2, 3].contains(2)", "true" },
        { "context.items.contains(4)", "false" },
        { "[1, \"a\"].contains(\"a\")", "true" },
        { "context.n.contains(1)", "error: type error: expected set, got long" },
        { "principal.roles.containsAll([\"dev\"])", "true" },
        { "principal.roles.containsAll([\"dev\", \"ops\"])", "false" },
        { "principal.roles.containsAny([\"ops\", \"admin\"])", "true" },
        { "principal.roles.containsAny([])", "false" },
        { "[].containsAll([])", "true" },
        { "principal.roles.containsAll(\"dev\")", "error: type error: expected set, got string" },
        { "\"dev\".containsAny([\"x\"])", "error: type error: expected set, got string" },
        { "principal.none.isEmpty()", "true" },
        { "context.items.isEmpty()", "false" },
        { "context.s.isEmpty()", "error: type error: expected set, got string" },
        { "[[1, 2]].contains([2, 1])", "true" },
        { "[{a: 1}].contains({a: 1})", "true" },
        { "[ip(\"1.2.3.4\")].contains(ip(\"1.2.3.4/32\"))", "true" },
        { "[decimal(\"1.0\")].contains(decimal(\"1.0000\"))", "true" },
        { "[principal, resource].contains(User::\"alice\")", "true" },
        { "[1, 1 + \"a\"].isEmpty()", "error: type error: expected long, got string" },
        { "\"hello\" like \"h*o\"", "true" },
        { "\"hello\" like \"h*l\"", "false" },
        { "\"hello\" like \"*\"", "true" },
        { "\"\" like \"*\"", "true" },
        { "\"\" like \"\"", "true" },
        { "\"a*b\" like \"a\\*b\"", "true" },
        { "\"axb\" like \"a\\*b\"", "false" },
        { "\"hello\" like \"*ll*\"", "true" },
        { "\"hello\" like \"he**o\"", "true" },
        { "\"abcabc\" like \"*abc\"", "true" },
        { "\"aaa\" like \"a*a*a\"", "true" },
        { "\"aa\" like \"a*a*a\"", "false" },
        { "1 like \"1\"", "error: type error: expected string, got long" },
        { "context.s like \"hel*\"", "true" },
        { "principal.hasTag(\"level\")", "true" },
        { "principal.hasTag(\"nope\")", "false" },
        { "principal.getTag(\"level\") == \"senior\"", "true" },
        { "principal.getTag(\"nope\") == 1", "error: `User::\"alice\"` does not have the tag `nope`" },
        { "principal.getTag(\"clearance\") > 2", "true" },
        { "User::\"ghost\".hasTag(\"x\")", "false" },
        { "User::\"ghost\".getTag(\"x\") == 1", "error: entity `User::\"ghost\"` does not exist" },
        { "principal.hasTag(1)", "error: type error: expected string, got long" },
        { "\"x\".hasTag(\"a\")", "error: type error: expected (entity of type `any_entity_type`), got string" },
        { "resource.hasTag(\"level\")", "false" },
        { "principal.getTag(\"name\") == \"Alice\"", "error: `User::\"alice\"` does not have the tag `name`" },
        { "{a: 1, b: \"x\"}.b == \"x\"", "true" },
        { "{a: 1 + \"x\"}.a == 1", "error: type error: expected long, got string" },
        { "{a: 1}.b == 1", "error: record does not have the attribute `b`" },
        { "{\"a b\": 1}[\"a b\"] == 1", "true" },
        { "context.ip.isInRange(ip(\"10.0.0.0/8\"))", "true" },
        { "context.ip.isInRange(ip(\"10.1.2.0/30\"))", "true" },
        { "principal.laptop.isIpv4()", "true" },
        { "principal.laptop.isInRange(context.ip)", "false" },
        { "ip(\"1.2.3.4\").isInRange(\"1.2.3.4\")", "error: type error: expected ipaddr, got string" },
        { "ip(context.n).isIpv4()", "error: type error: expected string, got long" },
        { "ip(\"1.2.3.4\").isInRange(ip(\"1.2.3.4\"), ip(\"1.2.3.4\"))", "error: wrong number of arguments provided to extension function `isInRange`: expected 2, got 3" },
        { "ip(\"not an ip\").isIpv4()", "error: error while evaluating `ipaddr` extension function: invalid IP address: not an ip" },
        { "ip(\"127.0.0.1/8\").isLoopback()", "true" },
        { "ip(\"ff02::1\").isMulticast()", "true" },
        { "principal.balance.greaterThan(context.amount)", "true" },
        { "context.amount.lessThanOrEqual(decimal(\"3.2500\"))", "true" },
        { "decimal(\"1.23456\").lessThan(context.amount)", "error: error while evaluating `decimal` extension function: too many digits after the decimal in `1.23456`" },
        { "decimal(context.s).lessThan(context.amount)", "error: error while evaluating `decimal` extension function: `hello` is not a well-formed decimal value" },
        { "context.amount.lessThan(3)", "error: type error: expected decimal, got long" },
        { "decimal(\"-0.0001\").lessThan(decimal(\"0.0\"))", "true" },
        { "datetime(\"2024-10-15T11:38:02Z\").toTime() == duration(\"11h38m2s\")", "true" },
        { "datetime(\"2024-02-30\") == datetime(\"2024-02-30\")", "error: error while evaluating `datetime` extension function: invalid date: 2024-02-30" },
        { "datetime(\"2024-10-15\").offset(duration(\"1d\")) == datetime(\"2024-10-16\")", "true" },
        { "duration(\"1d2h3m4s5ms\").toMilliseconds() == 93784005", "true" },
        { "duration(\"9223372036854775808ms\") == duration(\"1ms\")", "error: error while evaluating `duration` extension function: Duration overflows internal representation" },
        { "datetime(\"1969-12-31T23:00:00Z\").toDate() == datetime(\"1969-12-31\")", "true" },
        { "datetime(\"2024-10-15T11:38:02+2400\") == datetime(\"2024-10-15\")", "error: error while evaluating `datetime` extension function: invalid offset range: 240" },
        { "datetime(\"2024-10-15\").durationSince(datetime(\"2024-10-14\")).toHours() == 24", "true" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void IsAuthorized_PermitWithCondition_AsCedarDecides(string condition, string expected)
    {
        var policies = PolicySet.Parse($"permit(principal, action, resource) when {{ {condition} }};");
        var response = policies.IsAuthorized(CedarFixture.Request(), CedarFixture.Entities);
        var actual = response.Errors.Count > 0 ? "error: " + response.Errors[0].Message
            : response.Decision == Decision.Allow ? "true" : "false";
        Assert.Equal(expected, actual);
    }
}

public class AuthorizationTableTests
{
    /// <summary>Principal, action, resource, policies, and the response.</summary>
    public static TheoryData<string, string, string, string, string> Requests => new()
    {
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "", "Deny [] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource);", "Allow [policy0] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource); forbid(principal, action, resource);", "Deny [policy1] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "@id(\"b\") permit(principal, action, resource); @id(\"a\") permit(principal, action, resource); @id(\"c\") forbid(principal == User::\"bob\", action, resource);", "Allow [a, b] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "@id(\"f2\") forbid(principal, action, resource); @id(\"f1\") forbid(principal in Group::\"staff\", action, resource); @id(\"p\") permit(principal, action, resource);", "Deny [f1, f2] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal == User::\"alice\", action, resource);", "Allow [policy0] errors []" },
        { "User::\"bob\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal == User::\"alice\", action, resource);", "Deny [] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal in Group::\"staff\", action, resource);", "Allow [policy0] errors []" },
        { "User::\"bob\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal in Group::\"eng\", action, resource);", "Deny [] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal is User, action, resource); permit(principal is Group, action, resource);", "Allow [policy0] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal is User in Group::\"staff\", action, resource); permit(principal is Admin in Group::\"staff\", action, resource);", "Allow [policy0] errors []" },
        { "User::\"ghost\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal in Group::\"staff\", action, resource); permit(principal == User::\"ghost\", action, resource); permit(principal in User::\"ghost\", action, resource);", "Allow [policy1, policy2] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action == Action::\"view\", resource); permit(principal, action == Action::\"edit\", resource);", "Allow [policy0] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action in Action::\"read\", resource); permit(principal, action in [Action::\"edit\", Action::\"read\"], resource); permit(principal, action in [Action::\"edit\"], resource);", "Allow [policy0, policy1] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource == Doc::\"d1\"); permit(principal, action, resource in Folder::\"root\"); permit(principal, action, resource is Doc); permit(principal, action, resource is Folder in Folder::\"root\"); permit(principal, action, resource in Folder::\"other\");", "Allow [policy0, policy1, policy2] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource) when { principal.missing }; permit(principal, action, resource) when { true };", "Allow [policy1] errors [policy0]" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource) when { principal.missing }; forbid(principal, action, resource) when { 1 + \"a\" };", "Deny [] errors [policy0, policy1]" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource) when { true } unless { false }; permit(principal, action, resource) when { true } unless { true }; permit(principal, action, resource) unless { 5 };", "Allow [policy0] errors [policy2]" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource) when { false } when { principal.missing }; permit(principal, action, resource) when { true } when { principal.missing };", "Deny [] errors [policy1]" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal == User::\"bob\", action, resource) when { principal.missing }; permit(principal, action == Action::\"edit\", resource) when { 1 };", "Deny [] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource) when { resource.owner == principal && !resource.public }; forbid(principal, action, resource) unless { context.ip.isInRange(ip(\"10.0.0.0/8\")) };", "Allow [policy0] errors []" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal, action, resource) when { context.n > 3 }; forbid(principal, action, resource) when { principal.getTag(\"clearance\") < 2 };", "Allow [policy0] errors []" },
        { "User::\"bob\"", "Action::\"edit\"", "Folder::\"f1\"", "permit(principal in Group::\"managers\", action == Action::\"edit\", resource in Folder::\"root\") when { principal.age >= 40 }; forbid(principal, action, resource) when { principal has roles && principal.roles.contains(\"intern\") };", "Allow [policy0] errors []" },
        { "Group::\"eng\"", "Action::\"view\"", "Doc::\"d1\"", "permit(principal in Group::\"staff\", action, resource); permit(principal == Group::\"eng\", action, resource) when { principal.name == \"x\" };", "Allow [policy0] errors [policy1]" },
        { "User::\"alice\"", "Action::\"view\"", "Doc::\"d1\"", "@id(\"z\") permit(principal, action, resource) when { principal.x }; @id(\"a\") permit(principal, action, resource) when { principal.y }; @id(\"m\") forbid(principal, action, resource) when { 1 };", "Deny [] errors [a, m, z]" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void IsAuthorized_Policies_AsCedarDecides(string principal, string action, string resource, string policies, string expected)
    {
        var response = PolicySet.Parse(policies).IsAuthorized(CedarFixture.Request(principal, action, resource), CedarFixture.Entities);
        Assert.Equal(expected, CedarFixture.Describe(response));
    }
}
