using Roster.Tests.Infrastructure;

namespace Roster.Tests.External;

/// <summary><c>roster serve</c> with providers configured: what it says at start, and what it refuses.</summary>
[Trait("Database", "none")]
public sealed class ServeExternalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roster-serve-external-").FullName;

    [Fact]
    public async Task HalfAClient_ServeRefusesToStart_NamingTheSetting()
    {
        var run = await RosterProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(_directory, "r.db")],
            environment: new Dictionary<string, string> { ["Roster__External__GitHub__ClientId"] = "Iv1.only-the-id" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Roster__External__GitHub: set both ClientId and ClientSecret", run.Stderr);
    }

    [Fact]
    public async Task ProvidersConfigured_ServeSaysEachRedirectPath()
    {
        await using var server = RosterProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(_directory, "ok.db")],
            new Dictionary<string, string>
            {
                ["Roster__Logging__Format"] = "plain",
                ["Roster__External__Google__ClientId"] = "id.apps.example", ["Roster__External__Google__ClientSecret"] = "secret",
                ["Roster__External__Oidc__Corp__Issuer"] = "https://sso.corp.example", ["Roster__External__Oidc__Corp__ClientId"] = "roster",
                ["Roster__External__Oidc__Corp__ClientSecret"] = "secret",
            });

        await server.WaitForLineAsync(l => l.Contains("Sign-in with Corp", StringComparison.Ordinal));
        Assert.Contains(server.StdoutLines, l => l.EndsWith(
            "Sign-in with Google: its redirect URI is Roster's public https:// address followed by /console/sign-in/external/callback/google",
            StringComparison.Ordinal));
        Assert.Contains(server.StdoutLines, l => l.EndsWith("followed by /console/sign-in/external/callback/corp", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Note: a file still open on some platform is not worth failing a test run over.
        }
    }
}
