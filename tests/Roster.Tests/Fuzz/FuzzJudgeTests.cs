using System.Text;

namespace Roster.Tests.Fuzz;

/// <summary>The fuzzer's own rules: what it takes an endpoint must refuse, and how it reads requests as the server does.</summary>
[Trait("Database", "none")]
public sealed class FuzzJudgeTests
{
    private static readonly JudgeContext _context = new() { IsRealId = id => id == "real", IsToken = t => t == "token" };

    public static TheoryData<string, string, bool> Values => new()
    {
        // kind, JSON value, must refuse
        { "name", "\"Ada\"", false },
        { "name", "123", false },
        { "name", "\"\\ud800\"", true },
        { "name", "\"a\\u0000b\"", true },
        { "name", "\"   \"", true },
        { "name", "{}", true },
        { "bool", "\"TRUE \"", false },
        { "bool", "-0", false },
        { "bool", "2", true },
        { "bool", "\"maybe\"", true },
        { "int", "\"7\"", false },
        { "int", "1e309", true },
        { "int", "1.5", true },
        { "int", "9223372036854775808", true },
        { "ids", "[\"real\"]", false },
        { "ids", "\"real, real\"", false },
        { "ids", "[\"nope\"]", true },
        { "ids", "[{}]", true },
        { "ids", "7", true },
        { "attributes", "\"k=v\"", false },
        { "attributes", "\"novalue\"", true },
        { "attributes", "[1]", true },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Judge_GivenValue_RefusesWhatTheEndpointMust(string kind, string json, bool mustRefuse)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var value = FuzzWire.FromJson(document.RootElement);
        var field = kind switch
        {
            "name" => new Field("name", FuzzBase.Name),
            "bool" => new Field("enabled", FuzzBase.Bool),
            "int" => new Field("page", FuzzBase.Int(1, 100, 1)),
            "ids" => new Field("sub_account_ids", FuzzBase.ProductEnvironmentIds),
            _ => new Field("custom_attributes", FuzzBase.Attributes),
        };

        Assert.Equal(mustRefuse, field.Judge(value, _context).MustRefuse);
    }

    [Fact]
    public void Judge_RequiredFieldMissingOrEmpty_MustRefuse()
    {
        var field = new Field("name", FuzzBase.Name, Required: true);

        Assert.True(field.Judge(null, _context).MustRefuse);
        Assert.True(field.Judge(FuzzValue.Null, _context).MustRefuse);
        Assert.True(field.Judge(FuzzValue.Str(""), _context).MustRefuse);
        Assert.False(new Field("name", FuzzBase.Name).Judge(FuzzValue.Null, _context).MustRefuse);
    }

    [Fact]
    public async Task ServerView_FormWithBracketedKeys_FoldsListsAndMaps()
    {
        var body = Encoding.ASCII.GetBytes("ids[]=a&ids[]=b&attrs[team]=web&name=x&name=y");
        var request = new FuzzRequest("POST", "/x", "", null, body, "application/x-www-form-urlencoded");

        var view = await ServerView.OfAsync(request, Reader.Values, []);

        Assert.Equal("[\"a\",\"b\"]", view.Values.Get("ids")?.ToString());
        Assert.Equal("{\"team\":\"web\"}", view.Values.Get("attrs")?.ToString());
        Assert.Equal("[\"x\",\"y\"]", view.Values.Get("name")?.ToString());
    }

    [Fact]
    public async Task ServerView_TruncatedMultipart_Unreadable()
    {
        var body = Encoding.ASCII.GetBytes("--AAA\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx");
        var request = new FuzzRequest("POST", "/x", "", null, body, "multipart/form-data; boundary=AAA");

        Assert.NotNull((await ServerView.OfAsync(request, Reader.Values, [])).Unreadable);
    }

    [Fact]
    public void GuessedFields_OperationOutsideTheTable_NamesFromItsDescriptionAndQuery()
    {
        var operation = new Operation("POST", "/api/new", "Create a thing. Body: name, enabled. Filters: page_size.", ["cursor"]);

        var names = operation.GuessedFields().Select(f => f.Name).ToList();

        Assert.Equal(["cursor", "page_size", "name", "enabled"], names);
    }

    [Fact]
    public void Json_LoneSurrogate_WrittenAsItsEscape()
    {
        Assert.Equal("{\"name\":\"\\ud800\"}", Encoding.UTF8.GetString(FuzzWire.Json(FuzzValue.Obj(("name", FuzzValue.Str("\ud800"))))));
    }
}
