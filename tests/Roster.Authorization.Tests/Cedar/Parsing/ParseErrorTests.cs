using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Parsing;

public class ParseErrorTests
{
    /// <summary>Expressions Cedar refuses: the first problem's line:column and a fragment of its message.</summary>
    public static TheoryData<string, string, string> BadExpressions => new()
    {
        // syntax
        { "1 +", "1:4", "expected an expression, found end of input" },
        { "(1", "1:3", "expected `)`" },
        { "[1, 2", "1:6", "expected `,` or `]`" },
        { "{a: 1", "1:6", "expected `,` or `}`" },
        { "1 2", "1:3", "unexpected `2` after the expression" },
        { "if true then 1", "1:15", "expected `else`" },
        { "if true 1 else 2", "1:9", "expected `then`" },
        { "1 + if true then 1 else 2", "1:5", "`if` expression must be in parentheses" },
        { "principal.", "1:11", "expected an attribute or method name after `.`" },
        { "User::", "1:7", "expected the entity's id in quotes" },
        { "!-5", "1:2", "cannot follow each other directly" },
        { "principal has a == 1", "1:17", "unexpected `==`" },
        // lexical
        { "\"unterminated", "1:1", "unterminated string literal" },
        { "principal #", "1:11", "unexpected character `#`" },
        { "true | false", "1:6", "did you mean `||`?" },
        { "'single'", "1:1", "Cedar strings use double quotes" },
        { "\"a\\\nb\"", "1:3", "a line break cannot be escaped" },
        // operators
        { "1 < 2 < 3", "1:7", "multiple relational operators" },
        { "1 == 2 in [1]", "1:8", "multiple relational operators" },
        { "1 = 2", "1:3", "'=' is not a valid operator in Cedar; use '==' instead" },
        { "4 / 2", "1:3", "division (`/`) is not supported" },
        { "4 % 2", "1:3", "remainder (`%`) is not supported" },
        { "!!!!!true", "1:1", "too many `!` in a row" },
        { "-----5", "1:1", "too many `-` in a row" },
        // variables, names, reserved identifiers
        { "foo", "1:1", "invalid variable: `foo`" },
        { "A::B", "1:1", "invalid variable: `A::B`" },
        { "foo.bar", "1:1", "invalid member access `foo.bar`" },
        { "foo.bar()", "1:1", "`foo` does not have any methods" },
        { "foo[\"x\"]", "1:1", "`foo` has no fields" },
        { "principal(1)", "1:1", "`principal(...)` is not a valid function call" },
        { "(1)(2)", "1:1", "function calls must be of the form" },
        { "principal.if", "1:11", "reserved and cannot be used: `if`" },
        { "principal.in", "1:11", "reserved and cannot be used: `in`" },
        { "context.__cedar", "1:9", "`__cedar` is reserved" },
        { "in::\"x\"", "1:1", "reserved and cannot be used: `in`" },
        { "Ns::is::User::\"x\"", "1:5", "reserved and cannot be used: `is`" },
        { "true::\"x\"", "1:1", "reserved and cannot be used: `true`" },
        { "__cedar::\"x\"", "1:1", "contains `__cedar`, which is reserved" },
        { "A::__cedar::B::\"x\"", "1:1", "contains `__cedar`, which is reserved" },
        { "__cedar::ip(\"1.1.1.1\")", "1:1", "contains `__cedar`, which is reserved" },
        { "User::{a: 1}", "1:1", "invalid entity literal" },
        { "?principal", "1:1", "Roster does not use policy templates" },
        { "?resource == User::\"a\"", "1:1", "Roster does not use policy templates" },
        { "?other", "1:1", "not a valid template slot" },
        // records
        { "{a: 1, a: 2}", "1:8", "duplicate key `a` in record literal" },
        { "{a: 1, \"a\": 2}", "1:8", "duplicate key `a`" },
        { "{1: 2}", "1:2", "invalid attribute name `1`" },
        { "{true: 1}", "1:2", "reserved and cannot be used: `true`" },
        { "{if: 1}", "1:2", "reserved and cannot be used: `if`" },
        { "{__cedar: 1}", "1:2", "`__cedar` is reserved" },
        // has, like, is, index
        { "principal has if", "1:15", "reserved and cannot be used: `if`" },
        { "principal has true", "1:15", "reserved and cannot be used: `true`" },
        { "principal has a.in", "1:17", "reserved and cannot be used: `in`" },
        { "principal has a::b", "1:15", "`a::b` cannot be used as an attribute as it contains a namespace" },
        { "principal has 1", "1:15", "invalid right side of `has`: `1`" },
        { "principal has a + 1", "1:15", "invalid right side of `has`: `a + 1`" },
        { "resource.name like principal", "1:20", "must be a pattern in double quotes" },
        { "resource.name like \"a\" + \"b\"", "1:20", "must be a pattern in double quotes" },
        { "resource is \"User\"", "1:13", "must be an entity type name" },
        { "resource is User::\"a\"", "1:13", "must be an entity type name" },
        { "resource is if", "1:13", "reserved and cannot be used: `if`" },
        { "principal[1]", "1:11", "must be a string literal" },
        // calls
        { "contains([1], 1)", "1:1", "`contains` is a method, not a function" },
        { "isIpv4(ip(\"1.1.1.1\"))", "1:1", "`isIpv4` is a method, not a function" },
        { "ipaddr(\"1.1.1.1\")", "1:1", "`ipaddr` is not a valid function" },
        { "ns::ip(\"1.1.1.1\")", "1:1", "`ns::ip` is not a valid function" },
        { "principal.level.foo()", "1:17", "`foo` is not a valid method" },
        { "principal.roles.size() > 1", "1:17", "`size` is not a valid method" },
        { "[1].contains()", "1:1", "call to `contains` requires exactly 1 argument, but got 0 arguments" },
        { "[1].containsAll([1], [2])", "1:1", "requires exactly 1 argument, but got 2 arguments" },
        { "[1].isEmpty(1)", "1:1", "call to `isEmpty` requires exactly 0 arguments, but got 1 argument" },
        { "ip(\"1.1.1.1\" \"x\")", "1:14", "expected `,` or `)` in the argument list" },
        // integer limits
        { "9223372036854775808", "1:1", "integer literal `9223372036854775808` is too large" },
        { "-9223372036854775809", "1:1", "integer literal `-9223372036854775809` is too large" },
        { "99999999999999999999999", "1:1", "is too large" },
        { "-(9223372036854775808)", "1:3", "is too large" },
        // string escapes
        { "\"\\q\"", "1:2", "`\\q` is not a valid escape" },
        { "\"a\\*b\"", "1:3", "only meaningful in a `like` pattern" },
        { "\"\\u{}\"", "1:2", "it has no digits" },
        { "\"\\u{110000}\"", "1:2", "beyond the last Unicode character" },
        { "\"\\u{D800}\"", "1:2", "a surrogate is not a character" },
        { "\"\\u{1234567}\"", "1:2", "more than 6 digits" },
        { "\"\\u{_1}\"", "1:2", "cannot start with `_`" },
        { "\"\\u{zz}\"", "1:2", "`z` is not a hexadecimal digit" },
        { "\"\\u12\"", "1:2", "`\\u` must be followed by hexadecimal digits in braces" },
        { "\"\\u{12\"", "1:2", "unclosed `\\u{` escape" },
        { "\"\\x80\"", "1:2", "`\\x` escapes go up to `\\x7F`" },
        { "\"\\x4\"", "1:2", "needs two hexadecimal digits" },
        { "\"a\rb\"", "1:3", "carriage return" },
        { "resource.name like \"\\q*\"", "1:21", "`\\q` is not a valid escape" },
        { "principal has \"\\q\"", "1:16", "`\\q` is not a valid escape" },
        // positions on later lines and after wide characters
        { "principal\n  && foo", "2:6", "invalid variable: `foo`" },
        { "\"\U0001F600\" == foo", "1:8", "invalid variable: `foo`" },
    };

    /// <summary>Policies Cedar refuses: the first problem's line:column and a fragment of its message.</summary>
    public static TheoryData<string, string, string> BadPolicies => new()
    {
        { "permit(principal, action, resource)", "1:36", "expected `;` after the policy, found end of input" },
        { "permit(principal, action, resource) when { true } permit(principal, action, resource);", "1:51", "expected `;` after the policy, found `permit`" },
        { "allow(principal, action, resource);", "1:1", "invalid policy effect `allow`" },
        { "permit principal, action, resource);", "1:8", "expected `(` after `permit`" },
        { ";", "1:1", "expected `permit` or `forbid`, found `;`" },
        // scope
        { "permit(principal, action);", "1:7", "missing the `resource` variable" },
        { "permit();", "1:7", "missing the `principal` variable" },
        { "permit(principal, action, resource, context);", "1:37", "an extra element in the scope: `context`" },
        { "permit(action, principal, resource);", "1:8", "found the variable `action` where the variable `principal` must be used" },
        { "permit(principal, action, foo);", "1:27", "invalid variable in the policy scope: `foo`" },
        { "permit(principal,, action, resource);", "1:18", "expected `principal`, `action` or `resource`" },
        { "permit(principal action, resource);", "1:18", "expected `,` or `)` in the policy scope" },
        { "permit(principal: User, action, resource);", "1:17", "type constraints using `:` are not supported" },
        { "permit(principal == \"alice\", action, resource);", "1:21", "write the entity type too" },
        { "permit(principal == User::\"a\" && true, action, resource);", "1:21", "expected an entity uid" },
        { "permit(principal in [User::\"a\"], action, resource);", "1:21", "only the action scope takes a list" },
        { "permit(principal in principal, action, resource);", "1:21", "found the variable `principal`" },
        { "permit(principal is User == User::\"a\", action, resource);", "1:26", "`is` cannot be used together with `==`" },
        { "permit(principal in Group::\"g\" is User, action, resource);", "1:8", "`is` must come first" },
        { "permit(principal = User::\"a\", action, resource);", "1:18", "use '==' instead" },
        { "permit(principal < User::\"a\", action, resource);", "1:18", "invalid operator in the policy scope: `<`" },
        { "permit(principal is \"User\", action, resource);", "1:21", "must be an entity type name" },
        { "permit(principal, action is Action, resource);", "1:19", "`is` cannot appear in the action scope" },
        { "permit(principal, action == User::\"a\", resource);", "1:29", "with type `Action` but got `User::\"a\"`" },
        { "permit(principal, action in [Action::\"a\", User::\"b\", Photo::\"c\"], resource);", "1:29", "`User::\"b\"` and `Photo::\"c\"`" },
        { "permit(principal, action in [Action::\"a\", 1], resource);", "1:43", "in the action list, found the literal `1`" },
        { "permit(principal, action == [Action::\"a\"], resource);", "1:29", "`==` takes one entity, `in` takes a list" },
        { "permit(principal, action != Action::\"a\", resource);", "1:26", "invalid operator in the action scope: `!=`" },
        { "permit(principal == ?principal, action, resource);", "1:21", "Roster does not use policy templates" },
        { "permit(principal, action, resource in ?resource);", "1:39", "Roster does not use policy templates" },
        // conditions
        { "permit(principal, action, resource) when {};", "1:37", "the `when` condition is empty" },
        { "permit(principal, action, resource) unless {};", "1:37", "the `unless` condition is empty" },
        { "permit(principal, action, resource) whenever { true };", "1:37", "invalid policy condition `whenever`" },
        { "permit(principal, action, resource) when true;", "1:42", "expected `{` after `when`" },
        { "permit(principal, action, resource) when { true ;", "1:49", "expected `}` to close the `when` condition" },
        { "permit(principal, action, resource) when { principal.?x };", "1:54", "expected an attribute or method name" },
        // annotations and ids
        { "@id(\"a\") @id(\"b\") permit(principal, action, resource);", "1:10", "duplicate annotation @id" },
        { "@a @a(\"x\") permit(principal, action, resource);", "1:4", "duplicate annotation @a" },
        { "@id(a) permit(principal, action, resource);", "1:5", "as a string in double quotes" },
        { "@id(\"a\" permit(principal, action, resource);", "1:9", "expected `)` after the value of @id" },
        { "@id(\"a\\q\") permit(principal, action, resource);", "1:7", "`\\q` is not a valid escape" },
        { "@(\"a\") permit(principal, action, resource);", "1:2", "expected an annotation name after `@`" },
        { "@id(\"a\") permit(principal, action, resource);\n@id(\"a\") forbid(principal, action, resource);", "2:1", "duplicate policy id `a`: the policy at 1:1 already has it" },
        { "permit(principal, action, resource);\n@id(\"policy0\") permit(principal, action, resource);", "2:1", "duplicate policy id `policy0`" },
    };

    [Theory]
    [MemberData(nameof(BadExpressions))]
    public void ParseExpression_BadText_ReportsWhereAndWhy(string text, string position, string fragment)
    {
        var first = Assert.Throws<CedarParseException>(() => PolicyParser.ParseExpression(text)).Diagnostics[0];
        Assert.Equal(position, first.Span.ToString());
        Assert.Contains(fragment, first.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void ParsePolicies_BadText_ReportsWhereAndWhy(string text, string position, string fragment)
    {
        var first = Assert.Throws<CedarParseException>(() => PolicyParser.ParsePolicies(text)).Diagnostics[0];
        Assert.Equal(position, first.Span.ToString());
        Assert.Contains(fragment, first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsePolicies_SeveralBadPolicies_ReportsEachInTextOrder()
    {
        var error = Assert.Throws<CedarParseException>(() => PolicyParser.ParsePolicies("""
            permit(principal, action, resource) when { foo };
            forbid(principal, action, resource) when { 1 + };
            permit(principal, action, resource) when { "\q" };
            """));

        Assert.Equal(["1:44", "2:48", "3:45"], error.Diagnostics.Select(d => d.Span.ToString()));
        Assert.Contains("invalid variable", error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("expected an expression, found `}`", error.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("not a valid escape", error.Diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseExpression_EscapedLineBreak_IsReportedOnce()
    {
        var error = Assert.Throws<CedarParseException>(() => PolicyParser.ParseExpression("\"a\\\nb\""));

        Assert.Equal("1:3", Assert.Single(error.Diagnostics).Span.ToString());
    }

    [Fact]
    public void ParsePolicies_BadText_MessageListsPositions()
    {
        var error = Assert.Throws<CedarParseException>(() => PolicyParser.ParsePolicies("permit(principal, action, resource)"));

        Assert.Equal("1:36: expected `;` after the policy, found end of input", error.Message);
    }

    [Theory]
    [InlineData("User", "1:5", "expected `::`")]
    [InlineData("User::alice", "1:7", "the entity's id in quotes")]
    [InlineData("\"alice\"", "1:1", "expected an entity reference")]
    [InlineData("User::\"a\" extra", "1:11", "expected end of input")]
    [InlineData("if::\"a\"", "1:1", "reserved and cannot be used: `if`")]
    public void ParseEntityUid_BadText_ReportsWhereAndWhy(string text, string position, string fragment)
    {
        var first = Assert.Throws<CedarParseException>(() => PolicyParser.ParseEntityUid(text)).Diagnostics[0];
        Assert.Equal(position, first.Span.ToString());
        Assert.Contains(fragment, first.Message, StringComparison.Ordinal);
    }
}
