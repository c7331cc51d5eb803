using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Browser;

/// <summary>The audit log in Chromium: filtering by action, a change's snapshots opened, the CSV downloaded through its link, accessible and laid out for a phone.</summary>
public sealed class AuditLogBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FilterByAction_OpenTheSnapshots_DownloadTheCsv_Accessible_AndFitsAPhone()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var email = Unique.Email();
        var userId = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        (await account.Client.PutJsonAsync($"{account.V1}/users/{userId}", new { name = "Grace Hopper" })).Ok();
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "audit-log"), "The audit log is wider than a phone.");

        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "User updated (user.update)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("action=user.update"));
        var rows = page.GetByTestId("audit-event");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-action", "user.update");
        await Assertions.Expect(rows.First.GetByTestId("event-changes")).ToContainTextAsync("Grace Hopper");
        var after = rows.First.GetByTestId("event-after");
        await Assertions.Expect(after).Not.ToBeVisibleAsync();
        await rows.First.GetByText("Full snapshots").ClickAsync();
        await Assertions.Expect(after).ToBeVisibleAsync();
        await Assertions.Expect(after).ToContainTextAsync("\"name\": \"Grace Hopper\"");
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "audit-log-filtered"), "The filtered audit log is wider than a phone.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        Assert.Equal($"audit-log-{account.Id}-{DateTime.UtcNow:yyyy-MM-dd}.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,time,actor_type,actor_id", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains("user.update", lines[1]);
        Assert.Contains("Grace Hopper", lines[1]);

        await page.GetByLabel("From (UTC)").FillAsync("2026-12-07");
        await page.GetByLabel("To (UTC, inclusive)").FillAsync("2026-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("to-error")).ToHaveTextAsync("The end date is before the start date.");
        await Assertions.Expect(page.GetByLabel("To (UTC, inclusive)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Action")).ToHaveValueAsync("user.update");
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "audit-log-error"), "The audit log with an error is wider than a phone.");
        Assert.Empty(violations);
    }
}
