using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Roster.Authorization.Catalogue;
using Roster.Cli;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;
using static Roster.Tests.Permissions.LegacyScenarios;

namespace Roster.Tests.Observability;

/// <summary>
/// <c>roster serve</c> as a process with its metrics: <c>/metrics</c> on a port of its own (loopback unless told otherwise, never
/// on the public port), and OTLP export when the standard OpenTelemetry setting names a collector.
/// </summary>
public sealed class MetricsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roster-metrics-").FullName;

    [Fact]
    public async Task Serve_MetricsPortSet_ScrapeShowsHttpRequestsAndRosterCountersMoveAfterASignInAndADecision_PublicPortAnswers404()
    {
        var port = ServeProcess.FreePort();
        await using var server = await StartAsync(new() { ["Roster__Metrics__Port"] = Text(port) });
        var url = await ServeProcess.ListeningUrlAsync(server);
        var demo = DemoBanner.Read(server.StdoutLines);
        using var client = ServeProcess.Client(url, demo);
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var user = (await client.PostJsonAsync($"/api/accounts/{demo.AccountId}/users", new { name = "Metered", email = Unique.Email() }))
            .Ok().GetProperty("id").GetString()!;

        var before = await ScrapeAsync(scraper);
        using var browser = new HttpClient { BaseAddress = new Uri(url) };
        var signIn = await new FormClient(browser).SignInAsync(DemoAccount.RootEmail, "not the password");
        var decision = (await client.PostJsonAsync($"/v2/accounts/{demo.AccountId}/permissions/authorize",
            new { principal = Principal("user", user), action = "update", resource = Feature(CloudinaryFeatures.SettingsUpdate) }))
            .Ok().GetProperty("decision").GetString()!;
        var after = await ScrapeUntilAsync(scraper, m => m.Sum("roster_sign_ins_total", ("method", "password"), ("outcome", "failure"))
            > before.Sum("roster_sign_ins_total", ("method", "password"), ("outcome", "failure")));

        Assert.Contains("The e-mail address or password is incorrect", signIn.Html);
        Assert.Equal(1, after.Sum("roster_sign_ins_total", ("method", "password"), ("outcome", "failure"))
            - before.Sum("roster_sign_ins_total", ("method", "password"), ("outcome", "failure")));
        Assert.Equal(1, after.Sum("roster_authorization_decisions_total", ("decision", decision), ("principal_type", "user"))
            - before.Sum("roster_authorization_decisions_total", ("decision", decision), ("principal_type", "user")));
        Assert.True(after.Sum("roster_policy_set_compilations_total", ("outcome", "success")) >= 1, after.Text);
        Assert.True(after.Sum("roster_policy_set_compilation_duration_seconds_count") >= 1, after.Text);
        Assert.Equal(1, after.Sum("http_server_request_duration_seconds_count",
            ("http_route", "/v2/accounts/{account_id}/permissions/authorize"), ("http_response_status_code", "200")));
        // The demo account's invitation went out through the outbox as the server started.
        Assert.True(after.Sum("roster_outbox_deliveries_total", ("outcome", "sent"), ("kind", "invitation")) >= 1, after.Text);
        Assert.True(after.Sum("dotnet_gc_heap_total_allocated_bytes_total") > 0, after.Text);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Serve_MetricsAddressNotSet_ListensOn127001Only_AndOnTheAddressWhenSet()
    {
        // Every 127/8 address reaches this machine, so a second loopback address shows a listener bound to one address
        // without opening anything beyond loopback.
        var other = IPAddress.Parse("127.0.0.2");
        var port = ServeProcess.FreePort();
        await using (var server = await StartAsync(new() { ["Roster__Metrics__Port"] = Text(port) }))
        {
            await server.WaitForLineAsync(l => l.Contains($"Metrics: http://127.0.0.1:{port}/metrics", StringComparison.Ordinal));

            Assert.True(await AnswersAsync(IPAddress.Loopback, port));
            Assert.False(await AnswersAsync(other, port), $"/metrics answered on {other}");
        }

        var chosen = ServeProcess.FreePort();
        await using var open = await StartAsync(new() { ["Roster__Metrics__Port"] = Text(chosen), ["Roster__Metrics__Address"] = other.ToString() });
        await open.WaitForLineAsync(l => l.Contains($"Metrics: http://{other}:{chosen}/metrics", StringComparison.Ordinal));
        Assert.True(await AnswersAsync(other, chosen), $"/metrics did not answer on {other}");
        Assert.False(await AnswersAsync(IPAddress.Loopback, chosen), "/metrics answered on 127.0.0.1 though told to listen on 127.0.0.2");
    }

    [Theory]
    [InlineData("metrics", null, "Roster__Metrics__Port must be a port number from 1 to 65535, not 'metrics'.")]
    [InlineData("70000", null, "Roster__Metrics__Port must be a port number from 1 to 65535, not '70000'.")]
    [InlineData("9464", "localhost:9464", "Roster__Metrics__Address must be an IP address (such as 127.0.0.1, 0.0.0.0 or ::), not 'localhost:9464'.")]
    [InlineData(null, "0.0.0.0", "Roster__Metrics__Address is set but Roster__Metrics__Port is not")]
    public async Task Serve_MetricsSettingThatCannotWork_RefusesToStartSayingWhich(string? port, string? address, string message)
    {
        var environment = new Dictionary<string, string>();
        if (port is not null)
        {
            environment["Roster__Metrics__Port"] = port;
        }
        if (address is not null)
        {
            environment["Roster__Metrics__Address"] = address;
        }

        var (exit, stdout, stderr) = await RosterProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(_directory, "refused.db")],
            environment: environment);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task Serve_MetricsPortTaken_StopsAtStartSayingWhichSetting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, _, stderr) = await RosterProcess.RunAsync(
            ["serve", "--urls", "http://127.0.0.1:0", "--database", ServeProcess.DatabaseArgument(await RosterFixture.FreshDatabaseAsync(_directory))],
            environment: new Dictionary<string, string> { ["Roster__Metrics__Port"] = Text(port), ["Roster__Logging__Format"] = "plain" });

        Assert.Equal(1, exit);
        Assert.Contains($"The metrics cannot be served on Roster__Metrics__Address=127.0.0.1, Roster__Metrics__Port={port}: ", stderr);
    }

    [Fact]
    public async Task Serve_OtlpEndpointSet_ExportsMetricsAsOtlpHttpProtobuf_AndServesNoMetricsPortWhenNoneIsSet()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var server = await StartAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        var url = await ServeProcess.ListeningUrlAsync(server);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(200, (int)(await client.GetAsync("/healthz")).StatusCode);

        // The demo account's invitation goes out through the outbox as the server starts.
        var export = await collector.WaitForAsync("/v1/metrics", ["http.server.request.duration", "roster.outbox.deliveries"], server);

        Assert.Equal("application/x-protobuf", export.ContentType);
        Assert.DoesNotContain(server.StdoutLines, l => l.Contains("Metrics: http", StringComparison.Ordinal));
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

    private async Task<RunningProcess> StartAsync(Dictionary<string, string> environment)
    {
        var target = await RosterFixture.FreshDatabaseAsync(_directory);
        environment["Roster__Logging__Format"] = "plain";
        var server = RosterProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--database", ServeProcess.DatabaseArgument(target)],
            environment, Directory.CreateDirectory(Path.Combine(_directory, Guid.NewGuid().ToString("N"))).FullName);
        await ServeProcess.ListeningUrlAsync(server);
        return server;
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<Scrape> ScrapeAsync(HttpClient scraper)
    {
        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until <paramref name="done"/> holds: the exporter caches its answer for a moment, and counters are read as they are collected.</summary>
    private static async Task<Scrape> ScrapeUntilAsync(HttpClient scraper, Func<Scrape, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var scrape = await ScrapeAsync(scraper);
            if (done(scrape) || attempt == 50)
            {
                return scrape;
            }
            await Task.Delay(200);
        }
    }

    private static async Task<bool> AnswersAsync(IPAddress address, int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var response = await client.GetAsync($"http://{new IPEndPoint(address, port)}/metrics");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException)
        {
            return false;
        }
    }

    /// <summary>A Prometheus text exposition, read sample by sample.</summary>
    private sealed record Scrape(string Text)
    {
        /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
        public double Sum(string name, params (string Name, string Value)[] labels) =>
            Text.Split('\n')
                .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                .Where(l => labels.All(p => l.Contains($"{p.Name}=\"{p.Value}\"", StringComparison.Ordinal)))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>An OTLP/HTTP receiver on loopback that keeps what it is sent, by path.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<(string Path, string? ContentType, byte[] Body)> _received = [];

        private OtlpCollector(WebApplication app) => _app = app;

        public string Url => _app.Urls.Single();

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{ServeProcess.FreePort()}");
            var collector = new OtlpCollector(builder.Build());
            collector._app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                lock (collector._received)
                {
                    collector._received.Add((context.Request.Path, context.Request.ContentType, body.ToArray()));
                }
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/x-protobuf";
            });
            await collector._app.StartAsync();
            return collector;
        }

        /// <summary>Waits for an export to <paramref name="path"/> that names every one of <paramref name="names"/> (protobuf keeps strings as UTF-8).</summary>
        public async Task<(string? ContentType, string Text)> WaitForAsync(string path, string[] names, RunningProcess server)
        {
            for (var waited = 0; waited < 600; waited++)
            {
                lock (_received)
                {
                    foreach (var (p, type, body) in _received)
                    {
                        var decoded = Encoding.UTF8.GetString(body);
                        if (p == path && names.All(n => decoded.Contains(n, StringComparison.Ordinal)))
                        {
                            return (type, decoded);
                        }
                    }
                }
                await Task.Delay(100);
            }
            Assert.Fail($"No export to {path} naming {string.Join(" and ", names)} within 60 s; received {string.Join(", ", _received.Select(r => r.Path))}\n{server}");
            return default;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
