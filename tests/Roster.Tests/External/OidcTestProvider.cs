using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.External;

/// <summary>
/// A real OpenID Connect provider (npm <c>oidc-provider</c>, tests/oidc/provider.mjs) running in Node on a loopback port:
/// authorization code flow with PKCE required, client_secret_basic, signed ID tokens, userinfo. The test registers Roster
/// as its client and chooses who the next login is; everything else is the provider's own HTTP.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "roster-test";

    public string ClientSecret { get; } = Guid.NewGuid().ToString("N");

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly HttpClient _hooks = new();

    public Uri Issuer { get; }

    private OidcTestProvider(Process process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
        _hooks.BaseAddress = issuer;
    }

    public static async Task<OidcTestProvider> StartAsync()
    {
        var directory = Path.Combine(Repository.Root, "tests", "oidc");
        Assert.True(Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")),
            $"The test provider is not installed: run `npm ci` in {directory} (./test.sh does).");
        var port = ServeProcess.FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("provider.mjs");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        var provider = new OidcTestProvider(process, new Uri($"http://127.0.0.1:{port}/"));
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            provider.Keep(e.Data);
            if (e.Data?.StartsWith("listening ", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => provider.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(started == listening.Task, $"The test provider did not start:\n{provider.Output}");
        return provider;
    }

    /// <summary>Roster as the provider's one client, sending people back to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClientAsync(Uri redirectUri)
    {
        using var response = await _hooks.PostAsJsonAsync("_test/client",
            new { client_id = ClientId, client_secret = ClientSecret, redirect_uri = redirectUri.ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The person the next login at the provider is: its subject, e-mail address (or none) and whether it is verified.</summary>
    public async Task NextLoginAsync(string subject, string? email, bool emailVerified)
    {
        using var response = await _hooks.PostAsJsonAsync("_test/login", new { sub = subject, email, email_verified = emailVerified });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The parameters of the last authorization request the provider handled (pushed ones included).</summary>
    public async Task<System.Text.Json.JsonElement> LastAuthorizationAsync() =>
        await _hooks.GetFromJsonAsync<System.Text.Json.JsonElement>("_test/last-authorization");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join("\n", _output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _hooks.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
