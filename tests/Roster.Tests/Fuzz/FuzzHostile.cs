using System.Text;
using CsCheck;

namespace Roster.Tests.Fuzz;

/// <summary>A hostile value and the class of input it stands for (how failures are grouped in the report).</summary>
public sealed record Hostile(FuzzValue Value, string Class);

/// <summary>A whole body that is not what it claims (or not an object), with the Content-Type it is sent with.</summary>
public sealed record RawBody(byte[] Bytes, string? ContentType, string Class, string Label);

/// <summary>The hostile values, bodies, path segments and query strings the fuzzer corrupts requests with.</summary>
public static class FuzzHostile
{
    public const string LoneSurrogate = "lone surrogate";
    public const string Control = "control character";
    public const string HugeString = "100,000-character string";
    public const string MebibyteString = "1 MiB string";
    public const string Boundary = "length at a limit";
    public const string Blank = "empty or blank string";
    public const string UnknownEnum = "unknown enum value";
    public const string Tricky = "tricky text";
    public const string EdgeNumber = "edge number";
    public const string WrongBool = "boolean";
    public const string Null = "null";
    public const string WrongArray = "wrong type: array";
    public const string WrongObject = "wrong type: object";
    public const string Deep = "nesting 10,000 deep";
    public const string BadUtf8 = "invalid UTF-8 bytes";

    private static readonly string _huge = new('x', 100_000);
    private static readonly string _hugeAccented = new('é', 100_000);
    private static readonly string _mebibyte = new('y', 1 << 20);
    private static readonly string _deepArray = new string('[', 10_000) + new string(']', 10_000);
    private static readonly string _deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);

    private static FuzzValue S(string s) => FuzzValue.Str(s);

    private static FuzzValue N(string raw) => FuzzValue.Num(raw);

    private static (int, Gen<Hostile>) Of(int weight, string cls, params FuzzValue[] values) =>
        (weight, Gen.OneOf(values).Select(v => new Hostile(v, cls)));

    public static readonly Gen<Hostile> Value = Gen.Frequency(
        Of(14, LoneSurrogate, S("\ud800"), S("\udfff"), S("x\ud800y"), S("\udc00\ud800"), S("Fuzz \udbff")),
        Of(12, Control, S("\u0000"), S("bad\u0000name"), S("\u001b[31m"), S("\u0007"), S("\u007f"), S("\u0085"), S("tab\tname"), S("line\nbreak"), S("\r")),
        Of(6, HugeString, S(_huge), S(_hugeAccented), S("a," + _huge)),
        Of(1, MebibyteString, S(_mebibyte)),
        Of(4, Boundary, S(new string('a', 255)), S(new string('a', 256)), S(new string('a', 64)), S(new string('a', 65)), S(new string('d', 2001))),
        Of(5, Blank, S(""), S("   "), S("\u3000")),
        Of(6, UnknownEnum, S("sideways"), S("ADMIN_OF_EVERYTHING"), S("cld::role::nope"), S("Cloudinary::Action::\"fly\""), S("maybe")),
        Of(8, Tricky, S("%zz"), S("%00"), S("\u200b"), S("\uFFFD"), S("\ud83d\ude00"), S("a,b,,c"), S("k=v|x"), S("{\"a\":1}"), S("[1,2]"),
            S("true"), S("null"), S("0"), S("-1"), S("1e309"), S("../../etc/passwd"), S("' OR 1=1 --"), S("<script>"), S("\u202eevil"), S(" padded ")),
        Of(8, EdgeNumber, N("1e309"), N("-1e309"), N("-1"), N("0"), N("-0"), N("1"), N("9223372036854775808"), N("-9223372036854775809"),
            N("1e-400"), N("1.5"), N("1E2"), N("100000000000000000000000000000000")),
        Of(3, WrongBool, FuzzValue.Bool(true), FuzzValue.Bool(false)),
        Of(3, Null, FuzzValue.Null),
        Of(8, WrongArray, FuzzValue.Arr(), FuzzValue.Arr(S("a")), FuzzValue.Arr(N("1")), FuzzValue.Arr(FuzzValue.Arr()), FuzzValue.Arr(FuzzValue.Obj()),
            FuzzValue.Arr(FuzzValue.Null), FuzzValue.Arr(FuzzValue.Bool(true)), FuzzValue.Arr(S("\ud800")), FuzzValue.Arr(S(""), S("  ")),
            new FArr(Enumerable.Repeat(S("a"), 1000).ToList())),
        Of(8, WrongObject, FuzzValue.Obj(), FuzzValue.Obj(("a", N("1"))), FuzzValue.Obj(("type", S("user"))), FuzzValue.Obj(("a", FuzzValue.Obj(("b", FuzzValue.Arr())))),
            FuzzValue.Obj(("\ud800", S("x"))), FuzzValue.Obj(("", S(""))), FuzzValue.Obj(("k", S("\ud800")))),
        Of(3, Deep, new FRaw(_deepArray, "[[[…10,000…]]]", TooDeep: true), new FRaw(_deepObject, "{\"a\":{\"a\":…10,000…}}", TooDeep: true)),
        Of(2, BadUtf8, new FBadUtf8()));

    /// <summary>Cedar policies with something hostile inside a string literal.</summary>
    public static readonly Gen<Hostile> Statement = Gen.OneOf(
            new Hostile(S("permit(principal, action, resource) when { resource.name == \"\ud800\" };"), LoneSurrogate),
            new Hostile(S("permit(principal, action, resource) when { resource.name == \"a\u0000b\" };"), Control),
            new Hostile(S("permit(principal, action, resource) when { resource.name == \"" + _huge + "\" };"), HugeString),
            new Hostile(S("permit(principal, action, resource) when " + string.Concat(Enumerable.Repeat("(", 5000)) + "true" + new string(')', 5000) + ";"), Deep));

    private static RawBody Body(string text, string? contentType, string cls, string? label = null) =>
        new(Encoding.UTF8.GetBytes(text), contentType, cls, label ?? FStr.Escape(text, 40));

    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    public const string MalformedJson = "malformed JSON";
    public const string NotObject = "body that is not an object";
    public const string DeepBody = "body nested 10,000 deep";
    public const string MalformedForm = "malformed form";
    public const string MalformedMultipart = "malformed multipart";
    public const string WrongContentType = "wrong Content-Type";
    public const string EmptyBody = "empty body";
    public const string ForeignEncoding = "body not in UTF-8";

    private static RawBody Multipart(string label, string contentType, string body) =>
        new(Encoding.UTF8.GetBytes(body), contentType, MalformedMultipart, label);

    public static readonly Gen<RawBody> WholeBody = Gen.OneOf(
        Body("{", Json, MalformedJson), Body("{\"name\":", Json, MalformedJson), Body("{\"a\":1,}", Json, MalformedJson),
        Body("{'a':1}", Json, MalformedJson), Body("{\"a\":1}garbage", Json, MalformedJson), Body("{\"a\" 1}", Json, MalformedJson),
        Body("\u0000", Json, MalformedJson), Body("{\"a\":\"\\x\"}", Json, MalformedJson), Body("{\"a\":\"\\ud800\\u\"}", Json, MalformedJson),
        Body("NaN", Json, MalformedJson), Body("{\"a\":NaN}", Json, MalformedJson), Body("{\"a\":01}", Json, MalformedJson),
        Body("[]", Json, NotObject), Body("[1,2]", Json, NotObject), Body("\"text\"", Json, NotObject), Body("42", Json, NotObject),
        Body("null", Json, NotObject), Body("true", Json, NotObject), Body("\"\\ud800\"", Json, NotObject),
        Body(_deepArray, Json, DeepBody, "[[[…10,000…]]]"), Body(_deepObject, Json, DeepBody, "{\"a\":{…10,000…}}"),
        Body("", Json, EmptyBody), Body("   \r\n", Json, EmptyBody), Body("{}", Json, EmptyBody),
        new RawBody([0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0], Json, ForeignEncoding, "UTF-16 with BOM"),
        new RawBody([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], Json, ForeignEncoding, "UTF-8 BOM then {}"),
        new RawBody([(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC0, 0x80, 0xFF, (byte)'"', (byte)'}'], Json, ForeignEncoding, "overlong NUL and 0xFF in a string"),
        Body("<user name=\"x\"/>", "text/xml", WrongContentType), Body("{\"name\":\"x\"}", "application/octet-stream", WrongContentType),
        Body("{\"name\":\"x\"}", "image/png", WrongContentType), Body("{\"name\":\"x\"}", "garbage", WrongContentType),
        Body("{\"name\":\"x\"}", ";;;", WrongContentType), Body("{\"name\":\"x\"}", "application/json; charset=\"", WrongContentType),
        Body("{\"name\":\"x\"}", "multipart/form-data", WrongContentType, "JSON sent as multipart without a boundary"),
        Body("{\"name\":\"x\"}", Form, WrongContentType, "JSON sent as a form"),
        Body("%zz=%&a=%ED%A0%80&%00=%00", Form, MalformedForm), Body("=&=&==&&&", Form, MalformedForm), Body("name", Form, MalformedForm),
        Body("name=%", Form, MalformedForm), Body("a[=1&a]=2&a[]][=3", Form, MalformedForm), Body(new string('k', 3000) + "=v", Form, MalformedForm, "a 3,000-character key"),
        Body(string.Join("&", Enumerable.Range(0, 2000).Select(i => $"k{i}=v")), Form, MalformedForm, "2,000 pairs"),
        Body("name=" + _huge, Form, MalformedForm, "a 100,000-character value"),
        Multipart("another boundary than the header's", "multipart/form-data; boundary=AAA",
            "--BBB\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--BBB--\r\n"),
        Multipart("truncated inside a part", "multipart/form-data; boundary=AAA", "--AAA\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx"),
        Multipart("no closing boundary", "multipart/form-data; boundary=AAA", "--AAA\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--AAA\r\n"),
        Multipart("a part without Content-Disposition", "multipart/form-data; boundary=AAA", "--AAA\r\nContent-Type: text/plain\r\n\r\nx\r\n--AAA--\r\n"),
        Multipart("a 100-character boundary", "multipart/form-data; boundary=" + new string('b', 100),
            "--" + new string('b', 100) + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--" + new string('b', 100) + "--\r\n"),
        Multipart("an empty boundary", "multipart/form-data; boundary=\"\"", "--\r\n\r\n"),
        Multipart("a 20,000-character header", "multipart/form-data; boundary=AAA",
            "--AAA\r\nContent-Disposition: form-data; name=\"name\"\r\nX-Pad: " + new string('p', 20_000) + "\r\n\r\nx\r\n--AAA--\r\n"),
        Multipart("a file instead of fields", "multipart/form-data; boundary=AAA",
            "--AAA\r\nContent-Disposition: form-data; name=\"name\"; filename=\"a.txt\"\r\n\r\nx\r\n--AAA--\r\n"),
        Multipart("garbage", "multipart/form-data; boundary=AAA", "garbage"));

    /// <summary>Path segments as sent (percent-encoded as they stand), with what they are.</summary>
    public static readonly Gen<(string Raw, string Label)> PathSegment = Gen.OneOf(
        ("%zz", "bad percent-encoding %zz"), ("%", "a lone %"), ("%0", "a truncated %0"), ("%00", "NUL %00"), ("%ED%A0%80", "lone surrogate %ED%A0%80"),
        ("%C0%80", "overlong NUL %C0%80"), ("%FF%FE", "bytes %FF%FE"), ("%E2%82%AC%F0%9F%98%80", "€ and an emoji"), ("a%2Fb", "an encoded slash"),
        ("%2e%2e", "encoded .."), ("%20", "a space"), (new string('z', 100_000), "a 100,000-character segment"),
        (string.Concat(Enumerable.Repeat("%41", 30_000)), "30,000 encoded characters"), ("null", "null"), ("0", "0"), ("-1", "-1"),
        ("%27%3B--", "quote and semicolon"), ("%7B%7D", "{}"), ("%0A", "a line feed"), ("%1B", "ESC"));

    /// <summary>Query-string fragments with bad percent-encoding or odd shapes, appended as they stand.</summary>
    public static readonly Gen<string> QueryGarbage = Gen.OneOf(
        "%zz=%zz", "a=%", "%=%", "a=%ED%A0%80", "%00=%00", "a=%C0%80", "=&=&", "&&&", "a", "a[=1", "a[]]=2", "a%5B%5D=x",
        "zz_unknown=" + new string('q', 100_000), string.Join("&", Enumerable.Range(0, 500).Select(i => $"k{i}=v")), "a=%FF%FE", "+=+", "a=%2");

    /// <summary>A field's value in a query string as sent: bad percent-encoding where a value should be.</summary>
    public static readonly Gen<(string Raw, string Class)> QueryValue = Gen.OneOf(
        ("%zz", "bad percent-encoding"), ("%", "bad percent-encoding"), ("%2", "bad percent-encoding"), ("%ED%A0%80", "lone surrogate"),
        ("%00", "control character"), ("x%00y", "control character"), ("%C0%80", "bad percent-encoding"), ("%FF", "bad percent-encoding"),
        ("%0A", "control character"), ("+", "empty or blank string"), ("%20%20", "empty or blank string"), (new string('x', 100_000), HugeString));

    /// <summary>Keys no endpoint knows, for fields added to bodies.</summary>
    public static readonly Gen<string> UnknownKey = Gen.OneOf("zz_unknown", "__proto__", "constructor", "", "\ud800", "a.b", "name[", "$where");
}
