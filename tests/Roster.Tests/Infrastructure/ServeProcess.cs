using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Roster.Tests.Infrastructure;

/// <summary>What the tests of <c>roster serve</c> as a process share: its address, its demo account, a client for it.</summary>
public static partial class ServeProcess
{
    /// <summary>Waits for the "Listening on" line and returns the address in it.</summary>
    public static async Task<string> ListeningUrlAsync(RunningProcess server, int timeoutSeconds = 180)
    {
        var line = await server.WaitForLineAsync(l => l.Contains("Listening on ", StringComparison.Ordinal), timeoutSeconds);
        return ListenUrl().Match(line).Value;
    }

    /// <summary>A client of the server authenticated as the demo account's key.</summary>
    public static HttpClient Client(string url, DemoBanner demo)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{demo.ApiKey}:{demo.ApiSecret}")));
        return client;
    }

    /// <summary>The <c>--database</c> value for a fresh database: the connection string on PostgreSQL, the file on SQLite.</summary>
    public static string DatabaseArgument(Roster.Data.DatabaseTarget target) => target.Provider == Roster.Data.DatabaseProvider.Postgres
        ? target.ConnectionString
        : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource;

    /// <summary>A TCP port free on loopback a moment ago, for a listener the test starts or has started.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListenUrl();
}

/// <summary>The demo account's credentials, as <c>serve</c> prints them on an empty database.</summary>
public sealed record DemoBanner(string AccountId, string ApiKey, string ApiSecret)
{
    public static DemoBanner Read(IReadOnlyList<string> stdout) =>
        new(Value(stdout, "account id:"), Value(stdout, "API key:"), Value(stdout, "API secret:"));

    /// <summary>Whether this output has the banner (only the server that created the demo account prints it).</summary>
    public static bool IsIn(IReadOnlyList<string> stdout) => stdout.Any(l => l.StartsWith("  account id:", StringComparison.Ordinal));

    private static string Value(IReadOnlyList<string> stdout, string label) =>
        Assert.Single(stdout, l => l.StartsWith("  " + label, StringComparison.Ordinal))[(label.Length + 2)..].Trim();
}

public static class TestCertificates
{
    /// <summary>Writes a self-signed certificate with its private key as a PFX file in <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, string file, string subject, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var path = Path.Combine(directory, file);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
