using System.Text;
using Roster.Common;

namespace Roster.Tests.Tolerance;

/// <summary>The whole-body check that runs before any field is read: what it lets through and what it refuses, and why.</summary>
[Trait("Database", "none")]
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\":\"Ana\",\"roles\":[\"a\",{\"b\":1}]}")]
    [InlineData("{\"face\":\"\\ud83d\\ude00\"}")]
    [InlineData("{\"\\ud83d\\ude00\":\"x\\n\\\"\\\\u\"}")]
    [InlineData("{\"a\":{\"k\":1},\"b\":{\"k\":2}}")]
    [InlineData("{\"x\":\"\\u00e9\\u20AC\"}")]
    public void A_well_formed_body_passes(string json) => Assert.Null(JsonBody.Problem(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"name\":\"\\ud800\"}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"name\":\"\\udfff\"}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"name\":\"\\ud83d x\"}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"name\":\"\\ud83d\\u0041\"}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"\\uDC00\":1}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"deep\":[{\"a\":[\"\\ud800\"]}]}", "unpaired UTF-16 surrogate")]
    [InlineData("{\"name\":\"a\",\"name\":\"b\"}", "not valid JSON")]
    [InlineData("{\"o\":{\"k\":1,\"k\":2}}", "not valid JSON")]
    [InlineData("{\"name\":", "not valid JSON")]
    public void A_body_no_field_could_be_read_from_is_refused_saying_why(string json, string reason) =>
        Assert.Contains(reason, JsonBody.Problem(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Invalid_UTF8_is_refused() =>
        Assert.Equal("The request body is not valid UTF-8.", JsonBody.Problem([.. "{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]));

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var deep = new string('[', JsonBody.MaxDepth + 1) + new string(']', JsonBody.MaxDepth + 1);
        Assert.Contains("not valid JSON", JsonBody.Problem(Encoding.UTF8.GetBytes("{\"a\":" + deep + "}")));
    }
}
