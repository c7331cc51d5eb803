using System.Text.Json;
using System.Text.RegularExpressions;
using Roster.Cli;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Cli;

/// <summary><c>roster serve</c> as a process: what it logs, and its Data Protection key ring. SQLite files only.</summary>
[Trait("Database", "none")]
public sealed partial class ServeTests : IDisposable
{
    private const string NotEncryptedLine =
        "The Data Protection keys in {0} are not encrypted at rest: protect that folder like the database, or set Roster__DataProtection__Certificate.";

    private readonly string _directory = Directory.CreateTempSubdirectory("roster-serve-").FullName;

    [Fact]
    public async Task Serve_StdoutRedirected_LogsJsonLinesSayingWhereItListensAndWhereTheDataIs()
    {
        var database = Path.Combine(_directory, "json", "roster.db");
        await using var server = RosterProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--database", database]);
        var url = await ServeProcess.ListeningUrlAsync(server);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(200, (await client.GetJsonAsync("/healthz")).Code);
        await server.WaitForLineAsync(l => l.Contains("/healthz", StringComparison.Ordinal));

        var logs = LinesAfterTheBanner(server).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        Assert.All(logs, l => Assert.True(l.TryGetProperty("Category", out _) && l.TryGetProperty("LogLevel", out _), l.ToString()));
        Assert.Equal(
            [$"Listening on {url}", $"API docs: {url}/docs", $"Database: SQLite {database}", string.Format(NotEncryptedLine, Path.Combine(_directory, "json", "keys"))],
            logs.Where(l => l.GetProperty("Category").GetString() == "Roster").Take(4).Select(l => l.GetProperty("Message").GetString()));
        Assert.Single(logs, l => l.GetProperty("Category").GetString()!.Contains("HttpLogging", StringComparison.Ordinal)
            && l.GetProperty("State").GetProperty("Path").GetString() == "/healthz"
            && l.GetProperty("State").GetProperty("StatusCode").GetInt32() == 200);
        Assert.Single(server.StdoutLines, l => l.Contains("not encrypted at rest", StringComparison.Ordinal));
        Assert.DoesNotContain("No XML encryptor configured", server.ToString());
    }

    [Fact]
    public async Task Serve_PlainFormat_DemoBannerThenPlainLinesSayingWhereItListensAndWhereTheDataIs()
    {
        var database = Path.Combine(_directory, "plain", "roster.db");
        await using var server = RosterProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--database", database],
            new Dictionary<string, string> { ["Roster__Logging__Format"] = "plain" });
        var url = await ServeProcess.ListeningUrlAsync(server);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(200, (await client.GetJsonAsync("/healthz")).Code);
        await server.WaitForLineAsync(l => l.Contains("/healthz", StringComparison.Ordinal));

        var banner = DemoBanner.Read(server.StdoutLines);
        Assert.StartsWith("Roster created a demo Enterprise account.", server.StdoutLines[0]);
        Assert.StartsWith("  sign in:     http://127.0.0.1:0/console/invitation?token=", server.StdoutLines[5]);
        Assert.Equal($"CLOUDINARY_ACCOUNT_URL=account://{banner.ApiKey}:{banner.ApiSecret}@{banner.AccountId}?upload_prefix=http://127.0.0.1:0",
            server.StdoutLines[6]);
        var logs = LinesAfterTheBanner(server);
        Assert.Equal(
            [$"info: Roster[0] Listening on {url}", $"info: Roster[0] API docs: {url}/docs", $"info: Roster[0] Database: SQLite {database}",
                "warn: Roster[0] " + string.Format(NotEncryptedLine, Path.Combine(_directory, "plain", "keys"))],
            logs.Where(l => l.Contains(" Roster[0] ", StringComparison.Ordinal)).Take(4)
                .Select(l => TimeOfDay().Match(l) is { Success: true } time ? l[time.Length..] : "(no time of day) " + l));
        Assert.Single(logs, l => l.Contains("HttpLogging", StringComparison.Ordinal) && l.Contains("Path: /healthz StatusCode: 200", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.StartsWith('{'));
        Assert.DoesNotContain("No XML encryptor configured", server.ToString());
    }

    [Fact]
    public async Task Serve_EmptyDatabase_PrintsTheRootInvitationLink_AndWritesItsMailBesideTheDatabase_NamedInTheLog()
    {
        var database = Path.Combine(_directory, "newcomer", "roster.db");
        await using var server = RosterProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--database", database],
            new Dictionary<string, string> { ["Roster__Logging__Format"] = "plain", ["Roster__PublicUrl"] = "http://roster.localhost:5080/" });
        var url = await ServeProcess.ListeningUrlAsync(server);

        var line = await server.WaitForLineAsync(l => l.Contains("(invitation) written to ", StringComparison.Ordinal));

        var signIn = Assert.Single(server.StdoutLines, l => l.StartsWith("  sign in:", StringComparison.Ordinal));
        var link = SignInLink().Match(signIn);
        Assert.True(link.Success, signIn);
        Assert.Contains("works once, until ", signIn);
        Assert.StartsWith("info: Roster.Features.Outbox.FileMailTransport[0] Outbox message 1 (invitation) written to ", line[(TimeOfDay().Match(line).Length)..]);
        var path = line[(line.IndexOf(" written to ", StringComparison.Ordinal) + " written to ".Length)..].Trim();
        Assert.Equal(Path.Combine(_directory, "newcomer", "mail"), Path.GetDirectoryName(path));
        var mail = await MimeKit.MimeMessage.LoadAsync(path);
        Assert.Equal(DemoAccount.RootEmail, mail.To.Mailboxes.Single().Address);
        Assert.Contains(link.Value, mail.TextBody);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var accepted = await client.PostJsonAsync("/api/invitations/accept",
            new { token = Uri.UnescapeDataString(link.Groups["token"].Value), password = "correct horse battery staple" });
        Assert.Equal(200, accepted.Code);
    }

    [Fact]
    public async Task Serve_UnknownLogFormat_RefusesToStart()
    {
        var (exit, stdout, stderr) = await RosterProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(_directory, "x.db")],
            environment: new Dictionary<string, string> { ["Roster__Logging__Format"] = "xml" });

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("Roster__Logging__Format must be json or plain", stderr);
    }

    [Theory]
    [InlineData(null, true, LogFormat.Json)]
    [InlineData("", false, LogFormat.Plain)]
    [InlineData(null, false, LogFormat.Plain)]
    [InlineData("json", false, LogFormat.Json)]
    [InlineData("PLAIN", true, LogFormat.Plain)]
    public void TryChoose_SettingAndTerminal_Format(string? setting, bool outputRedirected, LogFormat expected)
    {
        Assert.True(ServeLog.TryChoose(setting, outputRedirected, out var format));
        Assert.Equal(expected, format);
    }

    [Fact]
    public async Task Serve_WithCertificate_KeyRingEncryptedAndReadAfterTheCertificateRollsOver()
    {
        var first = TestCertificates.Write(_directory, "first.pfx", "Roster keys 1", "first-password");
        var second = TestCertificates.Write(_directory, "second.pfx", "Roster keys 2", "second-password");
        var database = Path.Combine(_directory, "certificate", "roster.db");
        var keys = Path.Combine(_directory, "certificate", "keys");
        string[] serve = ["serve", "--urls", "http://127.0.0.1:0", "--database", database];

        DemoBanner demo;
        string productEnvironmentId, secret;
        await using (var server = RosterProcess.Start(serve, new Dictionary<string, string>
        {
            ["Roster__DataProtection__Certificate"] = first,
            ["Roster__DataProtection__CertificatePassword"] = "first-password",
        }))
        {
            var url = await ServeProcess.ListeningUrlAsync(server);
            demo = DemoBanner.Read(server.StdoutLines);
            using var client = ServeProcess.Client(url, demo);
            // Note: the key ring's line follows the listening line, which may be all that is read so far on a busy machine.
            var keysLine = $"Data Protection keys: {keys}, encrypted with the certificate CN=Roster keys 1";
            await server.WaitForLineAsync(l => l.Contains(keysLine, StringComparison.Ordinal));
            Assert.Single(server.StdoutLines, l => l.Contains(keysLine, StringComparison.Ordinal));
            var created = (await client.PostJsonAsync($"/v1_1/provisioning/accounts/{demo.AccountId}/sub_accounts", new { name = "Keys" })).Ok();
            productEnvironmentId = created.GetProperty("id").GetString()!;
            secret = created.GetProperty("api_access_keys")[0].GetProperty("secret").GetString()!;
            Assert.DoesNotContain("not encrypted at rest", server.ToString());
        }

        var files = Directory.GetFiles(keys, "*.xml");
        Assert.NotEmpty(files);
        Assert.All(files, f =>
        {
            var xml = File.ReadAllText(f);
            Assert.Contains("<EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
        var productEnvironment = $"/v1_1/provisioning/accounts/{demo.AccountId}/sub_accounts/{productEnvironmentId}";

        // A restart with a new certificate: the first, listed as previous, still reads the key ring.
        await using (var server = RosterProcess.Start(serve, new Dictionary<string, string>
        {
            ["Roster__DataProtection__Certificate"] = second,
            ["Roster__DataProtection__CertificatePassword"] = "second-password",
            ["Roster__DataProtection__PreviousCertificates__0__Path"] = first,
            ["Roster__DataProtection__PreviousCertificates__0__Password"] = "first-password",
        }))
        {
            using var client = ServeProcess.Client(await ServeProcess.ListeningUrlAsync(server), demo);
            var read = (await client.GetJsonAsync(productEnvironment)).Ok();
            Assert.Equal(secret, read.GetProperty("api_access_keys")[0].GetProperty("secret").GetString());
        }

        // Without the first certificate, the key that protected the secret cannot be read.
        await using (var server = RosterProcess.Start(serve, new Dictionary<string, string>
        {
            ["Roster__DataProtection__Certificate"] = second,
            ["Roster__DataProtection__CertificatePassword"] = "second-password",
        }))
        {
            using var client = ServeProcess.Client(await ServeProcess.ListeningUrlAsync(server), demo);
            Assert.Equal(500, (await client.GetJsonAsync(productEnvironment)).Code);
        }
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

    /// <summary>The log lines: stdout without the demo account's banner (seven lines, when it is printed).</summary>
    private static List<string> LinesAfterTheBanner(RunningProcess server)
    {
        var lines = server.StdoutLines.ToList();
        var end = lines.FindIndex(l => l.StartsWith("CLOUDINARY_ACCOUNT_URL=", StringComparison.Ordinal));
        return lines[(end + 1)..];
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d ")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"http://roster\.localhost:5080/console/invitation\?token=(?<token>[A-Za-z0-9_%-]+)")]
    private static partial Regex SignInLink();
}
