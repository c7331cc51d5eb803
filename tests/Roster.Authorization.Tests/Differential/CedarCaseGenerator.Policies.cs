using System.Text;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Differential;

// Policies: scopes of every form, and when/unless clauses.
public sealed partial class CedarCaseGenerator
{
    private string Policy()
    {
        var text = new StringBuilder(Chance(0.7) ? "permit" : "forbid");
        text.Append(" (\n  ").Append(PrincipalScope()).Append(",\n  ").Append(ActionScope()).Append(",\n  ").Append(ResourceScope()).Append("\n)");
        var conditions = Roll() switch { < 0.25 => 0, < 0.8 => 1, _ => 2 };
        for (var i = 0; i < conditions; i++)
        {
            text.Append(Chance(0.8) ? "\nwhen { " : "\nunless { ").Append(Bool(2)).Append(" }");
        }
        return text.Append(';').ToString();
    }

    private string PrincipalScope() => Roll() switch
    {
        < 0.30 => "principal",
        < 0.42 => $"principal == {Uid(UserType, Pick(_world.Users))}",
        < 0.65 => $"principal in {Uid(GroupType, Pick(_world.Groups))}",
        < 0.80 => "principal is User",
        < 0.90 => $"principal is User in {Uid(GroupType, Pick(_world.Groups))}",
        < 0.94 => $"principal in {Uid(UserType, Pick(_world.Users))}",
        < 0.97 => $"principal == {Uid(UserType, "ghost")}",
        _ => "principal is Group",
    };

    private string ActionScope() => Roll() switch
    {
        < 0.30 => "action",
        < 0.50 => $"action == {Uid(ActionType, Pick(_leafActions))}",
        < 0.70 => $"action in {Uid(ActionType, Pick<string>(["read", "write", "manage", "view"]))}",
        _ => $"action in [{string.Join(", ", Sample(_leafActions.Concat(["read", "write"]).ToArray(), _random.Next(1, 4)).Select(a => Uid(ActionType, a)))}]",
    };

    private string ResourceScope() => Roll() switch
    {
        < 0.30 => "resource",
        < 0.38 => $"resource == {Uid(AssetType, Pick(_world.Assets))}",
        < 0.62 => $"resource in {Uid(FolderType, Pick(_world.Folders))}",
        < 0.77 => "resource is Media::Asset",
        < 0.88 => $"resource is Media::Asset in {Uid(FolderType, Pick(_world.Folders))}",
        < 0.93 => "resource is Media::Folder",
        < 0.97 => $"resource in {Uid(AssetType, Pick(_world.Assets))}",
        _ => $"resource is Media::Folder in {Uid(FolderType, Pick(_world.Folders))}",
    };

    private static string Uid(string type, string id) => new EntityUid(type, id).ToString();

    // Conditions for the doubtful policies (declared first: static fields initialise in order).
    private static readonly string[] _doubtfulBodies =
    [
        "if true then 1", "1 < 2 < 3", "principal.level ==", "\"\\q\" == \"q\"", "\"\\u{1F600}\" == \"😀\"", "principal in User",
        "context.nosuch.isEmpty(1)", "principal.level.foo()", "isIpv4(ip(\"1.1.1.1\"))", "ip(\"1.1.1.1\", \"2\").isIpv4()", "decimal() == decimal()",
        "-9223372036854775808 == principal.level", "- 9223372036854775808 == 0", "9223372036854775808 > 0", "--1 == 1", "!!!!!true", "!!!!true",
        "principal[\"in\"] == 1", "principal has \"in\"", "principal.if == 1", "{if: 1} has if", "principal.level in [1]", "principal like \"a\"",
        "\"a\" like principal.name", "principal is User in", "[1, 2,].isEmpty()", "{a: 1,} == {a: 1}", "principal.level == 0x10",
        "User::\"a\"::\"b\" == principal", "Media :: Asset :: \"a0\" == resource", "action in [Action::\"view\", 1]", "ip(\"10.0.0.1\").isInRange()",
        "context.amount.lessThan(decimal(\"1.0\"), 2)", "principal.roles.containsAll()", "2 * 3 * 4 == 24", "principal == Action", "true &&",
        "__cedar::ip(\"1.1.1.1\").isIpv4()", "resource is __cedar::Foo", "Action::\"view\" in action", "{a: 1, a: 2} == {a: 2}",
        "principal.has(\"level\")", "\"a\" + \"b\" == \"ab\"", "principal.level - -1 > 0", "principal.level--1 > 0", "[].contains(1)",
        "1 == 1 == true", "(1 == 1) == true", "principal.name like \"\\\\*\"", "\"*\" like \"\\*\"", "\"ab\" like \"a**b\"",
        "context.req[\"n\"] >= 0", "context[\"req\"].n >= 0", "principal.profile.address[\"city\"] like \"*\"", "resource.getTag(\"env\",)",
        "principal.level.lessThan(1)", "ipaddr(\"1.1.1.1\").isIpv4()", "principal.isIpv4()", "\"a\".like(\"a\")", "principal.contains",
        "principal.level()", "(principal.level)(1)", "[1, 2][0] == 1", "{a: 1}.a == 1", "{\"a b\": 1}[\"a b\"] == 1", "{a: 1}[\"a\"] == 1",
        "principal.contains(1, 2)", "context.ip.isInRange(context.ip, context.ip)", "1 in 1", "principal is", "principal is 1",
        "principal is User::Nope", "principal is __cedar", "principal is Media::Asset::\"a0\"", "\"\\'\" == \"'\"", "\"\\0\" != \"\"",
        "\"\\u{0}\" == \"\\0\"", "\"\\u{110000}\" == \"\"", "\"\\x41\" == \"A\"", "\"\\x80\" == \"\"", "'a' == \"a\"",
        "- -1 == 1", "-(-1) == 1", "!(!true)", "principal.level * -1 <= 0", "-9223372036854775807 - 1 == -9223372036854775808",
        "9223372036854775807 == 9223372036854775807", "2 * principal.level * 3 >= 0", "principal.level * principal.level >= 0",
        "if principal has level then principal.level > 1 else false", "if true then true else", "when", "principal.level > 1 unless", "resource in []",
        "context.datetime.foo()", "datetime(\"2024-01-01\") < datetime(\"2024-01-02\")", "duration(\"1h\") <= duration(\"60m\")",
        "decimal(\"1.5\") < decimal(\"2.5\")", "ip(\"10.0.0.1\") < ip(\"10.0.0.2\")", "\"a\" < \"b\"", "true < false",
    ];

    /// <summary>
    /// Policies made from constructs whose acceptance is a fine point of Cedar's grammar, one way or the other:
    /// both engines must agree on whether each parses (and, when it does, on its decisions).
    /// </summary>
    public static IReadOnlyList<string> DoubtfulPolicies { get; } =
    [
        "permit (principal, action, resource) when { true }",
        "permit (principal, action, resource) when { };",
        "permit (action, principal, resource);",
        "permit (principal, action == Action, resource);",
        "forbid (principal, action in [], resource);",
        "permit (principal in [Group::\"staff\"], action, resource);",
        "permit (principal, action == [Action::\"view\"], resource);",
        "permit (principal, action, resource is Media::Asset in [Media::Folder::\"f0\"]);",
        "permit (principal, action, resource,);",
        "PERMIT (principal, action, resource);",
        "permit (principal, action, resource) when { principal.level > 1 };;",
        "@advice(\"read only\") @other permit (principal, action, resource);",
        "@advice(\"a\") @advice(\"b\") permit (principal, action, resource);",
        "permit (principal, action, resource) // a comment\nwhen { true };",
        "permit (principal == ?principal, action, resource);",
        "permit (principal is User::\"alice\", action, resource);",
        "permit (principal, action is Action, resource);",
        "permit (principal in Group::\"staff\", action in Action::\"read\", resource in Media::Folder::\"f0\") when { true } unless { false };",
        "permit (principal, action in Action::\"read\", resource) when { action in Action::\"manage\" };",
        "permit (principal == Action::\"view\", action == User::\"alice\", resource);",
        "permit (principal, action, resource == User::\"\");",
        .. _doubtfulBodies.Select(body => $"permit (principal, action, resource) when {{ {body} }};"),
    ];
}
