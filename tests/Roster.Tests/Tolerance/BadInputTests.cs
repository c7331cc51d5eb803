using Roster.Features.Users;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Tolerance;

/// <summary>One account with a user, a product environment and a group, and a second account to poke at.</summary>
public sealed class BadInputFixture : RosterFixture
{
    public TestAccount A { get; private set; } = null!;
    public Dictionary<string, string> Values { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateAccountAsync();
        var b = await CreateAccountAsync();
        var pe = await A.CreateProductEnvironmentAsync();
        Values["{a}"] = A.Id;
        Values["{user}"] = (await A.CreateUserAsync()).GetProperty("id").GetString()!;
        Values["{pe}"] = pe.GetProperty("id").GetString()!;
        Values["{key}"] = pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!;
        Values["{group}"] = (await A.CreateGroupAsync()).GetProperty("id").GetString()!;
        Values["{otherUser}"] = (await b.CreateUserAsync()).GetProperty("id").GetString()!;
        Values["{otherPe}"] = (await b.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        Values["{otherGroup}"] = (await b.CreateGroupAsync()).GetProperty("id").GetString()!;
    }

    public string Resolve(string text) => Values.Aggregate(text, (t, v) => t.Replace(v.Key, v.Value));
}

public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const string V1 = "/v1_1/provisioning/accounts/{a}";
    private const string Api = "/api/accounts/{a}";
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private static readonly string _huge = new('x', 300_000);

    public static TheoryData<string, string, string?, string?, int> BadRequests => new()
    {
        // Bodies that are not what they claim, or not an object.
        { "POST", V1 + "/users", Json, "{", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":", 400 },
        { "POST", V1 + "/users", Json, "[1,2]", 400 },
        { "POST", V1 + "/users", Json, "\"text\"", 400 },
        { "POST", V1 + "/users", Json, "null", 400 },
        { "POST", V1 + "/users", Json, "42", 400 },
        { "PUT", V1 + "/users/{user}", Json, "[]", 400 },
        { "DELETE", V1 + "/sub_accounts/{pe}/access_keys", Json, "[\"name\"]", 400 },
        { "POST", V1 + "/users", "text/xml", "<user/>", 400 },
        { "POST", V1 + "/users", "multipart/form-data", "garbage", 400 },
        { "POST", V1 + "/users", Json, new string('[', 200) + new string(']', 200), 400 },
        // Wrong types and shapes.
        { "POST", V1 + "/users", Json, "{\"name\":{},\"email\":\"a@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":[\"a\"],\"email\":\"a@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":123}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"not-an-email\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a b@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"Name <a@example.com>\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"email\":\"a@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"   \",\"email\":\"a@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a@example.com\",\"role\":\"god\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a@example.com\",\"enabled\":\"maybe\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a@example.com\",\"enabled\":{}}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a@example.com\",\"sub_account_ids\":{}}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a@example.com\",\"sub_account_ids\":[{}]}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a@example.com\",\"role\":\"admin\",\"sub_account_ids\":[\"nope\"]}", 404 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"a@example.com\",\"role\":\"admin\",\"sub_account_ids\":[\"{otherPe}\"]}", 404 },
        // _huge strings and control characters.
        { "POST", V1 + "/users", Json, "{\"name\":\"" + _huge + "\",\"email\":\"a@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"N\",\"email\":\"" + _huge + "@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"bad\\u0000name\",\"email\":\"a@example.com\"}", 400 },
        { "POST", V1 + "/users", Json, "{\"name\":\"bad\\u001bname\",\"email\":\"a@example.com\"}", 400 },
        { "POST", V1 + "/users", Form, "name=bad%00name&email=a%40example.com", 400 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"" + _huge + "\"}", 400 },
        { "POST", V1 + "/user_groups", Json, "{\"name\":\"" + _huge + "\"}", 400 },
        { "PUT", V1 + "/users/{user}", Json, "{\"name\":\"tab\\tname\"}", 400 },
        // Query values of the wrong shape.
        { "GET", V1 + "/users?page_size=abc", null, null, 400 },
        { "GET", V1 + "/users?page_size=0", null, null, 400 },
        { "GET", V1 + "/users?page=-1", null, null, 400 },
        { "GET", V1 + "/users?page=99999999999999999999", null, null, 400 },
        { "GET", V1 + "/users?sort_by=nope", null, null, 400 },
        { "GET", V1 + "/users?sort_order=sideways", null, null, 400 },
        { "GET", V1 + "/users?status=sleeping", null, null, 400 },
        { "GET", V1 + "/users?pending=perhaps", null, null, 400 },
        { "GET", V1 + "/users?last_login=true&from=yesterday", null, null, 400 },
        { "GET", V1 + "/users?last_login=true&to=2024-13-45", null, null, 400 },
        { "GET", V1 + "/users?union_type=both", null, null, 400 },
        { "GET", V1 + "/users?ids=" + string.Join(",", Enumerable.Range(0, 101)), null, null, 400 },
        { "GET", V1 + "/users?sub_account_id=nope", null, null, 404 },
        { "GET", V1 + "/users?sub_account_id={otherPe}", null, null, 404 },
        { "GET", V1 + "/sub_accounts?enabled=sometimes", null, null, 400 },
        { "GET", V1 + "/sub_accounts?cloud_names=" + string.Join(",", Enumerable.Range(0, 101)), null, null, 400 },
        { "GET", V1 + "/user_groups?extended_details=lots", null, null, 400 },
        // Unknown ids, other accounts' ids.
        { "GET", V1 + "/users/nope", null, null, 404 },
        { "GET", V1 + "/users/{otherUser}", null, null, 404 },
        { "PUT", V1 + "/users/{otherUser}", Json, "{\"name\":\"Mine\"}", 404 },
        { "DELETE", V1 + "/users/{otherUser}", null, null, 404 },
        { "GET", V1 + "/users/{otherUser}/groups", null, null, 404 },
        { "GET", V1 + "/users/{otherUser}/sub_accounts", null, null, 404 },
        { "POST", Api + "/users/{otherUser}/password_reset", null, null, 404 },
        { "POST", Api + "/users/{otherUser}/force_logout", null, null, 404 },
        { "GET", V1 + "/sub_accounts/{otherPe}", null, null, 404 },
        { "PUT", V1 + "/sub_accounts/{otherPe}", Json, "{\"name\":\"Mine\"}", 404 },
        { "DELETE", V1 + "/sub_accounts/{otherPe}", null, null, 404 },
        { "GET", V1 + "/sub_accounts/nope", null, null, 404 },
        { "GET", V1 + "/user_groups/{otherGroup}", null, null, 404 },
        { "PUT", V1 + "/user_groups/{otherGroup}", Json, "{\"name\":\"Mine\"}", 404 },
        { "DELETE", V1 + "/user_groups/{otherGroup}", null, null, 404 },
        { "GET", V1 + "/user_groups/{otherGroup}/users", null, null, 404 },
        { "POST", V1 + "/user_groups/{otherGroup}/users/{user}", null, null, 404 },
        { "POST", V1 + "/user_groups/{group}/users/{otherUser}", null, null, 404 },
        { "POST", V1 + "/user_groups/{group}/users/nope", null, null, 404 },
        { "DELETE", V1 + "/user_groups/{group}/users/nope", null, null, 404 },
        // Product environments and access keys.
        { "POST", V1 + "/sub_accounts", Json, "{}", 400 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"N\",\"cloud_name\":\"bad name!\"}", 400 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"N\",\"cloud_name\":\"" + new string('a', 65) + "\"}", 400 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"N\",\"custom_attributes\":123}", 400 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"N\",\"custom_attributes\":[1]}", 400 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"N\",\"custom_attributes\":\"novalue\"}", 400 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"N\",\"base_sub_account_id\":\"nope\"}", 404 },
        { "POST", V1 + "/sub_accounts", Json, "{\"name\":\"N\",\"base_sub_account_id\":\"{otherPe}\"}", 404 },
        { "GET", V1 + "/sub_accounts/{pe}/access_keys?page_size=101", null, null, 400 },
        { "GET", V1 + "/sub_accounts/{pe}/access_keys?page_size=x", null, null, 400 },
        { "GET", V1 + "/sub_accounts/{pe}/access_keys?sort_by=secret", null, null, 400 },
        { "GET", V1 + "/sub_accounts/{pe}/access_keys?page=0", null, null, 400 },
        { "GET", V1 + "/sub_accounts/nope/access_keys", null, null, 404 },
        { "PUT", V1 + "/sub_accounts/{pe}/access_keys/{key}", Json, "{\"dedicated_for\":\"email\"}", 400 },
        { "PUT", V1 + "/sub_accounts/{pe}/access_keys/{key}", Json, "{\"enabled\":\"yes please\"}", 400 },
        { "PUT", V1 + "/sub_accounts/{pe}/access_keys/000000000000000", Json, "{\"enabled\":true}", 404 },
        { "PUT", V1 + "/sub_accounts/{otherPe}/access_keys/{key}", Json, "{\"enabled\":true}", 404 },
        { "DELETE", V1 + "/sub_accounts/{pe}/access_keys", null, null, 400 },
        { "DELETE", V1 + "/sub_accounts/{pe}/access_keys?name=", null, null, 400 },
        { "DELETE", V1 + "/sub_accounts/{pe}/access_keys?name=nope", null, null, 404 },
        { "DELETE", V1 + "/sub_accounts/{otherPe}/access_keys/{key}", null, null, 404 },
        { "POST", V1 + "/sub_accounts/{pe}/access_keys", Json, "{\"name\":{}}", 400 },
        // Groups.
        { "POST", V1 + "/user_groups", Json, "{\"name\":{}}", 400 },
        { "POST", V1 + "/user_groups", Json, "{}", 400 },
        { "PUT", V1 + "/user_groups/{group}", Json, "{\"name\":\"\\u0007\"}", 400 },
        // Roster's own endpoints.
        { "PUT", Api + "/additional_user_subscriptions", Json, "{}", 400 },
        { "PUT", Api + "/additional_user_subscriptions", Json, "{\"count\":\"abc\"}", 400 },
        { "PUT", Api + "/additional_user_subscriptions", Json, "{\"count\":1.5}", 400 },
        { "PUT", Api + "/additional_user_subscriptions", Json, "{\"count\":99999999999999999999}", 400 },
        { "POST", Api + "/users/nope/password_reset", null, null, 404 },
        { "POST", Api + "/cancel", Json, "{}", 400 },
        { "POST", Api + "/cancel", Json, "{\"email\":\"x@example.com\"}", 400 },
        { "GET", Api + "/audit_events?limit=0", null, null, 400 },
        { "GET", Api + "/audit_events?limit=abc", null, null, 400 },
        { "GET", Api + "/audit_events?before=-5", null, null, 400 },
        { "POST", "/api/invitations/accept", Json, "{}", 400 },
        { "POST", "/api/invitations/accept", Json, "{\"token\":\"x\",\"password\":\"long enough password\"}", 400 },
        { "POST", "/api/invitations/accept", Json, "{\"token\":{},\"password\":\"long enough password\"}", 400 },
        { "POST", "/api/password_resets/complete", Json, "{\"token\":\"x\",\"password\":\"" + new string('p', 300) + "\"}", 400 },
        // Odd paths and methods.
        { "GET", V1 + "/nope", null, null, 404 },
        { "GET", V1 + "/users/a%2Fb", null, null, 404 },
        { "GET", V1 + "/users/" + new string('z', 2000), null, null, 404 },
        { "GET", V1 + "/users/%E2%82%AC%F0%9F%98%80", null, null, 404 },
        { "PATCH", V1 + "/users/{user}", Json, "{}", 405 },
        { "GET", "/v1_1/provisioning/accounts/nope/users", null, null, 401 },
        { "GET", "/v1_1/provisioning/accounts//users", null, null, 404 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_Never500_4xxWithErrorBody(string method, string path, string? contentType, string? body, int expected)
    {
        var content = body is null ? null : Http.Raw(fixture.Resolve(body), contentType);

        var response = await fixture.A.Client.SendAsync(new HttpMethod(method), fixture.Resolve(path), content);

        Assert.InRange(response.Code, 400, 499);
        response.Error(expected);
        // Refused requests change nothing: the account holds what the fixture made.
        var a = fixture.A.Id;
        var counts = await fixture.WithDbAsync(db => Task.FromResult((
            db.Users.Count(u => u.AccountId == a && u.Status != UserStatus.Inactive),
            db.ProductEnvironments.Count(p => p.AccountId == a),
            db.UserGroups.Count(g => g.AccountId == a))));
        Assert.Equal((2, 1, 1), counts);
    }
}
