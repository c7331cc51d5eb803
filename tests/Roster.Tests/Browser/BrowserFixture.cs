using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Tests.Infrastructure;
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
        Assertions.SetDefaultExpectTimeout(15_000);
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
        // Note: generous, for a loaded machine (the whole suite runs in parallel on two cores); a wait ends as soon as it is met.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser signed in as <paramref name="email"/> through the sign-in form, on the console's home.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password = Scenarios.Password)
    {
        var page = await NewPageAsync();
        await SubmitSignInAsync(page, email, password);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));
        return page;
    }

    /// <summary>Signs in on the sign-in page as a person does; where it lands is the caller's to check.</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password = Scenarios.Password)
    {
        await FillSignInAsync(page, email, password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Opens the sign-in page and fills its two fields, found by their autocomplete tokens as password managers find them.</summary>
    public static async Task FillSignInAsync(IPage page, string email, string password = Scenarios.Password)
    {
        await page.GotoAsync("/console/sign-in");
        await page.Locator("input[autocomplete=username]").FillAsync(email);
        await page.Locator("input[autocomplete=current-password]").FillAsync(password);
    }

    /// <summary>
    /// The serious and critical accessibility violations axe-core (npm, in tests/browser) finds on the page as it is now,
    /// one line each ("rule: help (target)"); the tests assert there are none. axe is evaluated through the browser's
    /// debugging protocol, which the page's content policy does not govern, so the page is checked under its own policy.
    /// </summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(await AxeSourceAsync());
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .flatMap(v => v.nodes.map(n => `${v.id}: ${v.help} (${n.target.join(" ")})`));
            }
            """);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>Asserts axe-core finds no serious or critical violation on the page.</summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// Full-page screenshots of the page at 1280×800 and at 390×844 (a phone), written to TestResults/screenshots/ at the
    /// top of the repository as NAME-desktop.png and NAME-phone.png, to be looked at; the page's width is put back after.
    /// Returns whether the phone-sized page fits its width (no sideways scrolling of the whole page).
    /// </summary>
    public async Task<bool> ScreenshotsAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var before = page.ViewportSize;
        await page.SetViewportSizeAsync(1280, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-phone.png"), FullPage = true });
        var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
        if (before is not null)
        {
            await page.SetViewportSizeAsync(before.Width, before.Height);
        }
        return fits;
    }

    private static string? _axeSource;

    private static async Task<string> AxeSourceAsync()
    {
        if (_axeSource is not null)
        {
            return _axeSource;
        }
        var path = Path.Combine(Repository.Root, "tests", "browser", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), "axe-core is not installed: ./test.sh runs npm ci in tests/browser.");
        return _axeSource = await File.ReadAllTextAsync(path);
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
