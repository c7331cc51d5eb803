using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Parsing;

public class ExpressionParsingTests
{
    /// <summary>Every expression construct, and the tree it must give.</summary>
    public static TheoryData<string, string> Constructs => new()
    {
        // literals and variables
        { "true", "true" },
        { "false", "false" },
        { "42", "42" },
        { "\"hello\"", "\"hello\"" },
        { "User::\"alice\"", "User::\"alice\"" },
        { "Cloudinary::Folder::\"f 1\"", "Cloudinary::Folder::\"f 1\"" },
        { "principal", "principal" },
        { "action", "action" },
        { "resource", "resource" },
        { "context", "context" },
        // sets and records (Cedar allows a trailing comma)
        { "[]", "(set)" },
        { "[1, \"a\", principal]", "(set 1 \"a\" principal)" },
        { "[1, 2,]", "(set 1 2)" },
        { "[[1], []]", "(set (set 1) (set))" },
        { "{}", "(record)" },
        { "{a: 1, \"b c\": true}", "(record \"a\" 1 \"b c\" true)" },
        { "{principal: 1, if2: 2,}", "(record \"principal\" 1 \"if2\" 2)" },
        { "{\"if\": {nested: [1]}}", "(record \"if\" (record \"nested\" (set 1)))" },
        // member access and calls
        { "principal.name", "(. principal \"name\")" },
        { "principal[\"first name\"]", "(. principal \"first name\")" },
        { "context.a.b[\"c\"].d", "(. (. (. (. context \"a\") \"b\") \"c\") \"d\")" },
        { "principal.principal", "(. principal \"principal\")" },
        { "{a: 1}.a", "(. (record \"a\" 1) \"a\")" },
        { "User::\"a\".name", "(. User::\"a\" \"name\")" },
        { "[1].contains(1)", "(.contains (set 1) 1)" },
        { "resource.tags.containsAll([\"a\", \"b\"])", "(.containsAll (. resource \"tags\") (set \"a\" \"b\"))" },
        { "resource.tags.containsAny([])", "(.containsAny (. resource \"tags\") (set))" },
        { "principal.groups.isEmpty()", "(.isEmpty (. principal \"groups\"))" },
        { "resource.getTag(\"owner\")", "(.getTag resource \"owner\")" },
        { "resource.hasTag(\"owner\")", "(.hasTag resource \"owner\")" },
        { "ip(\"10.0.0.1\")", "(ip \"10.0.0.1\")" },
        { "ip(\"10.0.0.1\").isInRange(ip(\"10.0.0.0/8\"))", "(.isInRange (ip \"10.0.0.1\") (ip \"10.0.0.0/8\"))" },
        { "decimal(\"1.5\").lessThan(decimal(\"2.0\"))", "(.lessThan (decimal \"1.5\") (decimal \"2.0\"))" },
        { "context.addr.isLoopback()", "(.isLoopback (. context \"addr\"))" },
        { "ip(\"10.0.0.1\",)", "(ip \"10.0.0.1\")" },
        { "datetime(\"2024-10-15\").offset(duration(\"1h\"))", "(.offset (datetime \"2024-10-15\") (duration \"1h\"))" },
        // has, like, is
        { "principal has name", "(has principal \"name\")" },
        { "principal has \"first name\"", "(has principal \"first name\")" },
        { "context has principal", "(has context \"principal\")" },
        { "principal has a.b", "(&& (has principal \"a\") (has (. principal \"a\") \"b\"))" },
        { "principal has a.b.c", "(&& (&& (has principal \"a\") (has (. principal \"a\") \"b\")) (has (. (. principal \"a\") \"b\") \"c\"))" },
        { "resource.name like \"*.jpg\"", "(like (. resource \"name\") [* \".jpg\"])" },
        { "resource.name like \"a*b**\"", "(like (. resource \"name\") [\"a\" * \"b\" * *])" },
        { "resource.name like \"\"", "(like (. resource \"name\") [])" },
        { "resource.name like \"a\\*b\"", "(like (. resource \"name\") [\"a*b\"])" },
        { "resource.name like \"\\u{2a}\\x2A\\n\"", "(like (. resource \"name\") [* * \"\\n\"])" },
        { "resource is Folder", "(is resource Folder)" },
        { "resource is Cloudinary::Folder", "(is resource Cloudinary::Folder)" },
        { "resource is Folder in Folder::\"root\"", "(is resource Folder in Folder::\"root\")" },
        { "principal is User in principal.team", "(is principal User in (. principal \"team\"))" },
        // operators
        { "principal == User::\"a\"", "(== principal User::\"a\")" },
        { "1 != 2", "(!= 1 2)" },
        { "1 < 2", "(< 1 2)" },
        { "1 <= 2", "(<= 1 2)" },
        { "1 > 2", "(> 1 2)" },
        { "1 >= 2", "(>= 1 2)" },
        { "principal in Group::\"g\"", "(in principal Group::\"g\")" },
        { "resource in [Folder::\"a\", Folder::\"b\"]", "(in resource (set Folder::\"a\" Folder::\"b\"))" },
        { "1 + 2", "(+ 1 2)" },
        { "1 - 2", "(- 1 2)" },
        { "context.a * context.b", "(* (. context \"a\") (. context \"b\"))" },
        { "!context.ok", "(! (. context \"ok\"))" },
        { "!!!!true", "(! (! (! (! true))))" },
        { "-context.n", "(neg (. context \"n\"))" },
        { "if context.a then 1 else 2", "(if (. context \"a\") 1 2)" },
        { "if a == 1 then if b then 1 else 2 else 3".Replace("a ", "context.a ").Replace("if b", "if context.b"), "(if (== (. context \"a\") 1) (if (. context \"b\") 1 2) 3)" },
        { "(principal)", "principal" },
        { "// a comment\nprincipal // another\n", "principal" },
    };

    /// <summary>Cedar's precedence and associativity.</summary>
    public static TheoryData<string, string> Precedence => new()
    {
        { "true || false && false", "(|| true (&& false false))" },
        { "true && false || true", "(|| (&& true false) true)" },
        { "true || false || true", "(|| (|| true false) true)" },
        { "true && false && true", "(&& (&& true false) true)" },
        { "1 + 2 * 3", "(+ 1 (* 2 3))" },
        { "1 * 2 + 3", "(+ (* 1 2) 3)" },
        { "1 - 2 - 3", "(- (- 1 2) 3)" },
        { "1 - 2 + 3", "(+ (- 1 2) 3)" },
        { "2 * 3 * 4", "(* (* 2 3) 4)" },
        { "1 + 2 < 3 * 4", "(< (+ 1 2) (* 3 4))" },
        { "1 < 2 && 3 > 4 || false", "(|| (&& (< 1 2) (> 3 4)) false)" },
        { "!true && false", "(&& (! true) false)" },
        { "!principal.ok", "(! (. principal \"ok\"))" },
        { "-context.n * 2", "(* (neg (. context \"n\")) 2)" },
        { "1 - -2", "(- 1 -2)" },
        { "principal has a && principal.a == 1", "(&& (has principal \"a\") (== (. principal \"a\") 1))" },
        { "principal is User && principal in Group::\"g\"", "(&& (is principal User) (in principal Group::\"g\"))" },
        { "context.n + 1 is Long", "(is (+ (. context \"n\") 1) Long)" },
        { "if true then 1 else 2 + 3", "(if true 1 (+ 2 3))" },
        { "if true then false else true || false", "(if true false (|| true false))" },
        { "(1 + 2) * 3", "(* (+ 1 2) 3)" },
        { "(true || false) && true", "(&& (|| true false) true)" },
        { "(1 < 2) == true", "(== (< 1 2) true)" },
        { "(if true then [1] else []).contains(1)", "(.contains (if true (set 1) (set)) 1)" },
        { "(-5).foo", "(. -5 \"foo\")" },
        { "-5.foo", "(neg (. 5 \"foo\"))" },
    };

    /// <summary>Integer literals at and beyond the limits of a signed 64-bit integer.</summary>
    public static TheoryData<string, string> Integers => new()
    {
        { "0", "0" },
        { "9223372036854775807", "9223372036854775807" },
        { "-9223372036854775808", "-9223372036854775808" },
        { "-9223372036854775807", "-9223372036854775807" },
        { "-5", "-5" },
        { "--5", "(neg -5)" },
        { "- 5", "-5" },
        { "-(5)", "(neg 5)" },
        { "----9223372036854775808", "(neg (neg (neg -9223372036854775808)))" },
        { "007", "7" },
    };

    /// <summary>Cedar's string escapes.</summary>
    public static TheoryData<string, string> Strings => new()
    {
        { "\"\"", "\"\"" },
        { "\"a\\nb\"", "\"a\\nb\"" },
        { "\"\\r\\t\"", "\"\\r\\t\"" },
        { "\"back\\\\slash\"", "\"back\\\\slash\"" },
        { "\"nul\\0\"", "\"nul\\0\"" },
        { "\"it\\'s\"", "\"it's\"" },
        { "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"" },
        { "\"\\u{48}\\u{49}\"", "\"HI\"" },
        { "\"\\u{1F600}\"", "\"\U0001F600\"" },
        { "\"\\u{1_F6_00}\"", "\"\U0001F600\"" },
        { "\"\\x41\"", "\"A\"" },
        { "\"caf\u00e9 \u65e5\u672c\"", "\"caf\u00e9 \u65e5\u672c\"" },
        { "\"line\nbreak\"", "\"line\\nbreak\"" },
        { "\"// not a comment\"", "\"// not a comment\"" },
    };

    [Theory]
    [MemberData(nameof(Constructs))]
    [MemberData(nameof(Precedence))]
    [MemberData(nameof(Integers))]
    [MemberData(nameof(Strings))]
    public void ParseExpression_ValidText_GivesTheTree(string text, string tree) =>
        Assert.Equal(tree, TreeText.Of(PolicyParser.ParseExpression(text)));

    [Theory]
    [InlineData("User::\"alice\"", "User", "alice")]
    [InlineData("Cloudinary::Folder::\"a\\\"b\"", "Cloudinary::Folder", "a\"b")]
    [InlineData("  Action :: \"view\"  ", "Action", "view")]
    public void ParseEntityUid_ValidText_GivesTypeAndId(string text, string type, string id) =>
        Assert.Equal(new EntityUid(type, id), PolicyParser.ParseEntityUid(text));
}
