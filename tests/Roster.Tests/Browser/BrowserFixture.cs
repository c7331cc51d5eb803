using Microsoft.Playwright;
using Roster.Tests.Outbox;

namespace Roster.Tests.Browser;

/// <summary>
/// Roster listening on a loopback port and mailing through a real SMTP server (<see cref="SmtpFixture"/>), and a real
/// Chromium (Debian's, driven by Playwright) to use it as a person does: links come from the mail that arrived. Each test
/// takes a fresh browser context (its own cookies) from <see cref="NewPageAsync"/>.
/// </summary>
public class BrowserFixture : SmtpFixture
{
    /// <summary>Where Chromium is, when not on the PATH as <c>chromium</c>.</summary>
    public const string ChromiumVariable = "ROSTER_CHROMIUM";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected override bool ListensOnLoopback => true;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>The path and query of the newest link mailed to <paramref name="recipient"/> (of at least <paramref name="count"/> messages).</summary>
    public async Task<string> MailedLinkAsync(string recipient, int count = 1)
    {
        var mail = (await Sink.WaitForAsync(recipient, count))[^1];
        return new Uri(Mail.LinkIn(mail).Link).PathAndQuery;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // Note: the tests run as root in CI, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A page in a new browser context, with the server as its base URL.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    private static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
        {
            return configured;
        }
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists);
        Assert.True(found is not null, "Chromium is not installed: ./test.sh installs Debian's chromium package.");
        return found!;
    }
}
