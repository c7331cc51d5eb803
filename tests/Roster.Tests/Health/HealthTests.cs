using Microsoft.AspNetCore.TestHost;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Health;

/// <summary>/healthz (the process answers) and /readyz (the database answers, with every migration), and what the API document says of them.</summary>
public sealed class HealthTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Readyz_MigratedDatabase_200Ready()
    {
        var ready = (await fixture.Anonymous().GetJsonAsync("/readyz")).Ok();

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(RosterFixture.OnPostgres ? "postgres" : "sqlite", ready.GetProperty("database").GetString());
        Assert.Equal(0, ready.GetProperty("pending_migrations").GetArrayLength());
    }

    [Fact]
    public async Task Readyz_DatabaseWithoutItsMigrations_503MigrationsPendingNamed_WhileHealthzAnswers200()
    {
        var unmigrated = await fixture.CreateDatabaseAsync();
        await using var server = await fixture.StartAnotherServerAsync(database: unmigrated);
        using var client = server.GetTestClient();

        var readiness = await client.GetJsonAsync("/readyz");

        Assert.Equal((503, "5"), (readiness.Code, readiness.Header("Retry-After")));
        Assert.Equal("migrations_pending", readiness.Json.GetProperty("status").GetString());
        var pending = readiness.Json.GetProperty("pending_migrations").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(pending, m => m!.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Contains(pending, m => m!.EndsWith("_KeyRingInDatabase", StringComparison.Ordinal));
        Assert.Equal(200, (await client.GetJsonAsync("/healthz")).Code);
    }

    [Fact]
    public async Task OpenApiDocument_HealthEndpointsAnonymousWithTheirStatuses_AndEveryDatabaseEndpointLists503()
    {
        var paths = (await fixture.Anonymous().GetJsonAsync("/openapi/v1.json")).Ok().GetProperty("paths");

        Assert.Equal(["200"], Statuses(paths, "/healthz", "get"));
        Assert.Equal(["200", "503"], Statuses(paths, "/readyz", "get"));
        Assert.False(paths.GetProperty("/readyz").GetProperty("get").TryGetProperty("security", out _));
        Assert.Contains("503", Statuses(paths, "/v1_1/provisioning/accounts/{account_id}/users", "get"));
        Assert.Contains("503", Statuses(paths, "/v2/accounts/{account_id}/permissions/roles", "post"));
        Assert.Contains("503", Statuses(paths, "/api/invitations/accept", "post"));
    }

    private static List<string> Statuses(System.Text.Json.JsonElement paths, string path, string method) =>
        [.. paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal)];
}
