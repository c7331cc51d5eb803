using System.Diagnostics;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Health;

/// <summary>
/// <c>roster serve</c> on a PostgreSQL cluster of the test's own, stopped while the server runs and started again: meanwhile
/// requests are answered 503 with Retry-After in their API's error shape and /readyz says so, /healthz stays 200, and the
/// server serves again by itself once the database is back. It brings its own cluster, so it runs once, with the tests that
/// need no database.
/// </summary>
[Trait("Database", "none")]
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task DatabaseStoppedWhileServing_503WithRetryAfterInEachApisShape_ThenRecoversByItself()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var server = RosterProcess.Start(
            ["serve", "--urls", "http://127.0.0.1:0", "--database", postgres.ConnectionString("roster_outage")],
            new Dictionary<string, string> { ["Roster__Logging__Format"] = "plain" });
        var url = await ServeProcess.ListeningUrlAsync(server, 120);
        var demo = DemoBanner.Read(server.StdoutLines);
        using var client = ServeProcess.Client(url, demo);
        using var anonymous = new HttpClient { BaseAddress = new Uri(url) };
        var users = $"/v1_1/provisioning/accounts/{demo.AccountId}/users";
        var roles = $"/v2/accounts/{demo.AccountId}/permissions/roles?permission_type=global";
        (await client.GetJsonAsync(users)).Ok();
        Assert.Equal(200, (await client.GetJsonAsync(roles)).Code);
        var ready = (await anonymous.GetJsonAsync("/readyz")).Ok();
        Assert.Equal("ready", ready.GetProperty("status").GetString());

        await postgres.StopAsync();

        var v1 = await client.GetJsonAsync(users);
        Assert.Equal(503, v1.Code);
        Assert.Equal("5", v1.Header("Retry-After"));
        Assert.Equal("database_unavailable", v1.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("database cannot be reached", v1.ErrorMessage());
        var v2 = await client.GetJsonAsync(roles);
        Assert.Equal(503, v2.Code);
        Assert.Equal("5", v2.Header("Retry-After"));
        var v2Error = v2.Json.GetProperty("error");
        Assert.Equal(("server_error", "ACCOUNTS_00001"), (v2Error.GetProperty("category").GetString(), v2Error.GetProperty("code").GetString()));
        var signIn = await anonymous.PostJsonAsync("/api/invitations/accept", new { token = "whatever", password = "correct horse battery staple" });
        Assert.Equal(503, signIn.Code);
        var notReady = await anonymous.GetJsonAsync("/readyz");
        Assert.Equal((503, "5"), (notReady.Code, notReady.Header("Retry-After")));
        Assert.Equal("database_unavailable", notReady.Json.GetProperty("status").GetString());
        Assert.Equal(200, (await anonymous.GetJsonAsync("/healthz")).Code);

        await postgres.StartAgainAsync();

        var clock = Stopwatch.StartNew();
        ApiResponse readyAgain;
        do
        {
            await Task.Delay(200);
            readyAgain = await anonymous.GetJsonAsync("/readyz");
        }
        while (readyAgain.Code != 200 && clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(200, readyAgain.Code);
        // Note: a pooled connection cut by the shutdown is found broken at its next use (answered 503) and dropped.
        ApiResponse served;
        do
        {
            served = await client.GetJsonAsync(users);
        }
        while (served.Code == 503 && clock.Elapsed < TimeSpan.FromSeconds(30));
        served.Ok();
        Assert.Equal(200, (await client.GetJsonAsync(roles)).Code);
        Assert.DoesNotContain(server.StdoutLines, l => l.StartsWith("fail: Roster[0] Unhandled", StringComparison.Ordinal));
        Assert.Contains(server.StdoutLines, l => l.Contains("The database is unavailable; GET /v1_1/provisioning/accounts/", StringComparison.Ordinal));
    }
}
