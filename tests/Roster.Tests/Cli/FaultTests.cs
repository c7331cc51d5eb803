using System.Collections.Concurrent;
using System.Diagnostics;
using Roster.Data;
using Roster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Roster.Tests.Cli;

/// <summary>
/// Two <c>roster serve</c> processes on a PostgreSQL cluster of the test's own, under a bounded write load: one server is
/// killed (<c>kill -9</c>) and PostgreSQL restarted (<c>pg_ctl restart -m fast</c>) while users are being created. Every
/// user acknowledged with a 200 is there afterwards, none is half-written, the outage is answered 503 with Retry-After (never
/// 500), and the surviving server writes again by itself. It brings its own cluster, so it runs once, with the tests that
/// need no database.
/// </summary>
[Trait("Database", "none")]
public sealed class FaultTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 4;
    private const int RequestsPerWriter = 1500;

    private readonly string _directory = Directory.CreateTempSubdirectory("roster-fault-").FullName;

    [Fact]
    public async Task WritesAcrossTwoServers_OneKilledAndPostgresRestarted_NoAcknowledgedWriteLost_NothingHalfWritten_503sNever500s()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        var database = postgres.ConnectionString("roster_fault");
        var settings = new Dictionary<string, string>
        {
            ["Roster__Logging__Format"] = "plain",
            ["Roster__Plans__DefaultContractSeats"] = "100000",
            ["Roster__RateLimit__Limit"] = "1000000",
        };
        string[] serve = ["serve", "--urls", "http://127.0.0.1:0", "--database", database];
        await using var survivor = RosterProcess.Start(serve, settings, Machine("survivor"));
        var survivorUrl = await ServeProcess.ListeningUrlAsync(survivor, 120);
        var demo = DemoBanner.Read(survivor.StdoutLines);
        await using var victim = RosterProcess.Start(serve, settings, Machine("victim"));
        var victimUrl = await ServeProcess.ListeningUrlAsync(victim, 120);
        using var onSurvivor = ServeProcess.Client(survivorUrl, demo);
        using var onVictim = ServeProcess.Client(victimUrl, demo);
        HttpClient[] clients = [onSurvivor, onVictim];
        foreach (var client in clients)
        {
            client.Timeout = TimeSpan.FromSeconds(60);
        }
        var users = $"/v1_1/provisioning/accounts/{demo.AccountId}/users";

        var phase = (int)Phase.BothUp;
        var writes = new ConcurrentQueue<Write>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var k = 0; k < RequestsPerWriter && !stop.IsCancellationRequested; k++)
            {
                var server = (writer + k) % 2;
                var email = Unique.Email("fault");
                var started = (Phase)Volatile.Read(ref phase);
                try
                {
                    var answer = await clients[server].PostJsonAsync(users, new { name = "Fault " + Unique.Name(), email });
                    writes.Enqueue(new Write(server, email, started, (Phase)Volatile.Read(ref phase),
                        answer.Code, answer.Body, answer.Header("Retry-After"), null));
                    if (answer.Code == 503)
                    {
                        await Task.Delay(100);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    writes.Enqueue(new Write(server, email, started, (Phase)Volatile.Read(ref phase), null, null, null, e.Message));
                    await Task.Delay(50);
                }
            }
        })).ToList();

        await UntilAsync(() => writes.Count(w => w.Code == 200) >= 20, "20 users created on both servers", load);
        Volatile.Write(ref phase, (int)Phase.OneKilled);
        await victim.KillAsync();
        await UntilAsync(() => writes.Count(w => w.Code == 200 && w.Started == Phase.OneKilled) >= 5, "5 users created after the kill", load);
        Volatile.Write(ref phase, (int)Phase.PostgresRestarting);
        await postgres.RestartAsync();
        Volatile.Write(ref phase, (int)Phase.PostgresBack);
        await UntilAsync(() => writes.Count(w => w.Code == 200 && w.Started == Phase.PostgresBack) >= 20, "20 users created after the restart", load);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = writes.ToList();
        var summary = string.Join("\n", all.GroupBy(w => (w.Server, w.Started, w.Code, w.Error is null)).OrderBy(g => g.Key)
            .Select(g => $"server {g.Key.Server}, {g.Key.Started}: {(g.Key.Code?.ToString() ?? "no answer")} x{g.Count()}"));
        output.WriteLine(summary);
        var answers = all.Where(w => w.Code is not null).ToList();
        Assert.All(answers, w => Assert.True(w.Code is 200 or 503, $"{w}\n{summary}"));
        Assert.All(answers.Where(w => w.Code == 503), w =>
        {
            Assert.Equal($"{Roster.Common.DatabaseUnavailable.RetryAfterSeconds}", w.RetryAfter);
            Assert.Contains("\"database_unavailable\"", w.Body);
        });
        // Note: only the killed server may leave a request unanswered; the surviving one answers every request, 503 at worst.
        Assert.All(all.Where(w => w.Code is null), w => Assert.True(w.Server == 1 && w.Ended >= Phase.OneKilled, $"{w}\n{summary}"));
        Assert.Contains(answers, w => w.Code == 200 && w.Ended == Phase.BothUp && w.Server == 1);
        Assert.Contains(answers, w => w.Code == 503);

        var target = new DatabaseTarget(DatabaseProvider.Postgres, database, "the fault test's database");
        var account = $"'{demo.AccountId}'";
        var live = await DatabaseRows.QueryAsync(target,
            $"SELECT \"Id\", \"Email\" FROM \"Users\" WHERE \"AccountId\" = {account} AND \"DeletedAt\" IS NULL",
            r => (Id: r.GetString(0), Email: r.GetString(1)));
        // Every 200 is a user in the database, the one the answer named.
        var acknowledged = answers.Where(w => w.Code == 200)
            .Select(w => (Id: System.Text.Json.JsonDocument.Parse(w.Body!).RootElement.GetProperty("id").GetString()!, w.Email)).ToList();
        Assert.Empty(acknowledged.Except(live));
        // Nothing half-written, acknowledged or not (a write cut by the kill): each user has its audit event and its invitation.
        var audited = await DatabaseRows.QueryAsync(target,
            $"SELECT \"TargetId\" FROM \"AuditEvents\" WHERE \"AccountId\" = {account} AND \"Action\" = 'user.create'", r => r.GetString(0));
        Assert.Equal(live.Select(u => u.Id).Order(), audited.Order());
        var invited = await DatabaseRows.QueryAsync(target,
            $"SELECT DISTINCT t.\"UserId\" FROM \"UserTokens\" t JOIN \"Users\" u ON u.\"Id\" = t.\"UserId\" "
            + $"WHERE u.\"AccountId\" = {account} AND t.\"Purpose\" = 'invitation'", r => r.GetString(0));
        Assert.Equal(live.Select(u => u.Id).Order(), invited.Order());
        var seats = await DatabaseRows.QueryAsync(target, $"SELECT \"LiveUsers\" FROM \"Accounts\" WHERE \"Id\" = {account}", r => r.GetInt32(0));
        Assert.Equal([live.Count], seats);

        // The surviving server serves by itself after the restart: the account it reports counts every live user.
        var reported = (await onSurvivor.GetJsonAsync($"/api/accounts/{demo.AccountId}")).Ok();
        Assert.Equal(live.Count, reported.GetProperty("users").GetInt32());
        var last = acknowledged[^1];
        var listed = (await onSurvivor.GetJsonAsync($"{users}?emails={Uri.EscapeDataString(last.Email)}")).Ok();
        Assert.Equal(last.Id, Assert.Single(listed.GetProperty("users").EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain(survivor.StdoutLines, l => l.StartsWith("fail: Roster[0] Unhandled", StringComparison.Ordinal));
        Assert.Contains(survivor.StdoutLines, l => l.Contains("The database is unavailable; POST /v1_1/provisioning/accounts/", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Note: leftovers in the temporary folder are harmless.
        }
    }

    /// <summary>Waits, while the load runs, until <paramref name="done"/>; fails after a minute or when the load ended first.</summary>
    private static async Task UntilAsync(Func<bool> done, string what, List<Task> load)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.False(load.All(t => t.IsCompleted), $"The load ended before {what}.");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"Not {what} within 60 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>A working directory of its own for one server, as another machine has.</summary>
    private string Machine(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    private enum Phase
    {
        BothUp,
        OneKilled,
        PostgresRestarting,
        PostgresBack,
    }

    /// <summary>One request of the load: the server (0 survives, 1 is killed), the phases it began and ended in, and its answer or error.</summary>
    private sealed record Write(int Server, string Email, Phase Started, Phase Ended, int? Code, string? Body, string? RetryAfter, string? Error);
}
