using System.Collections.Concurrent;
using System.Net;
using CsCheck;
using Microsoft.Extensions.Logging;
using Roster.ConsolePages;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;
using Roster.Tests.SignIn;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// Every console form that takes a POST, posted with generated hostile values (empty, very long, NUL and other control
/// characters, odd Unicode, lone surrogates, numbers out of range, wrong types, fields missing, repeated or unknown) and a
/// valid antiforgery token, as the account's root user: no answer is a 5xx, and every answer is a console HTML page, never
/// JSON. A post without the token is refused with the console's 400 page.
/// </summary>
public sealed class ConsoleFormsPropertyTests(ConsoleFormsPropertyTests.LoggedFixture fixture) : IClassFixture<ConsoleFormsPropertyTests.LoggedFixture>
{
    /// <summary>The host, with the errors it logs kept, so that a failure shows the bug behind a 500.</summary>
    public sealed class LoggedFixture : RosterFixture
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        protected override void ConfigureLogging(ILoggingBuilder logging) => logging.AddProvider(new ErrorLog(Errors));

        private sealed class ErrorLog(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
        {
            public ILogger CreateLogger(string categoryName) => this;

            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"{formatter(state, exception)} {exception}");
                }
            }

            public void Dispose()
            {
            }
        }
    }

    /// <summary>Generated posts per form: enough variety for each, the whole test in well under two minutes.</summary>
    private const int PostsPerForm = 12;

    /// <summary>What a form needs to exist: ids of the account's things, made once per form.</summary>
    private sealed record Things(string UserId, string GroupId, string ProductEnvironmentId, string ApiKey, string RoleId);

    /// <summary>A form: the page that shows it (for the token), where it posts, and the fields it has.</summary>
    private sealed record ConsoleForm(string Name, Func<Things, string> Page, Func<Things, string> Action, string[] Fields, bool Anonymous = false);

    private static readonly ConsoleForm[] _forms =
    [
        new("add users", _ => "/console/users/new", _ => "/console/users/new",
            ["users[0].email", "users[0].first_name", "users[0].last_name", "users[1].email", "users[99].email", "role", "access", "bundle", "account_role", "pe_role", "pe_access", "pe", "group"]),
        new("add users search", _ => "/console/users/new", _ => "/console/users/new?handler=search", ["pe_q", "group_q", "pe", "group"]),
        new("edit user", t => $"/console/users/{t.UserId}/edit", t => $"/console/users/{t.UserId}/edit",
            ["name", "first_name", "last_name", "email", "enabled", "role", "pe_access", "pe"]),
        new("user roles add", t => $"/console/users/{t.UserId}/roles", t => $"/console/users/{t.UserId}/roles?handler=add", ["role_id", "scope_id"]),
        new("user roles remove", t => $"/console/users/{t.UserId}/roles", t => $"/console/users/{t.UserId}/roles?handler=remove", ["assignment_id", "role_id"]),
        new("user folder role", t => $"/console/users/{t.UserId}/roles", t => $"/console/users/{t.UserId}/roles?handler=addFolderRole", ["folder_role_id", "folder_scope_id", "folder_id"]),
        new("user collection role", t => $"/console/users/{t.UserId}/roles", t => $"/console/users/{t.UserId}/roles?handler=addCollectionRole", ["collection_role_id", "collection_scope_id", "collection_id"]),
        new("user content role remove", t => $"/console/users/{t.UserId}/roles", t => $"/console/users/{t.UserId}/roles?handler=removeContentRole", ["assignment_id"]),
        new("user reset password", t => $"/console/users/{t.UserId}/reset-password", t => $"/console/users/{t.UserId}/reset-password", ["id"]),
        new("user delete", t => $"/console/users/{t.UserId}/delete", t => $"/console/users/{t.UserId}/delete", ["id"]),
        new("create group", _ => "/console/groups", _ => "/console/groups?handler=create", ["name", "q", "p"]),
        new("group members add", t => $"/console/groups/{t.GroupId}", t => $"/console/groups/{t.GroupId}?handler=add", ["user_id", "find", "fp", "p"]),
        new("group members remove", t => $"/console/groups/{t.GroupId}", t => $"/console/groups/{t.GroupId}?handler=remove", ["user_id"]),
        new("rename group", t => $"/console/groups/{t.GroupId}/rename", t => $"/console/groups/{t.GroupId}/rename?handler=rename", ["name"]),
        new("delete group", t => $"/console/groups/{t.GroupId}/delete", t => $"/console/groups/{t.GroupId}/delete?handler=delete", ["id"]),
        new("group account role", t => $"/console/groups/{t.GroupId}/roles", t => $"/console/groups/{t.GroupId}/roles?handler=addAccountRole", ["account_role_id"]),
        new("group environment role", t => $"/console/groups/{t.GroupId}/roles", t => $"/console/groups/{t.GroupId}/roles?handler=addEnvironmentRole", ["environment_role_id", "scope_id"]),
        new("group folder role", t => $"/console/groups/{t.GroupId}/roles", t => $"/console/groups/{t.GroupId}/roles?handler=addFolderRole", ["folder_role_id", "folder_scope_id", "folder_id"]),
        new("group collection role", t => $"/console/groups/{t.GroupId}/roles", t => $"/console/groups/{t.GroupId}/roles?handler=addCollectionRole", ["collection_role_id", "collection_scope_id", "collection_id"]),
        new("group role remove", t => $"/console/groups/{t.GroupId}/roles", t => $"/console/groups/{t.GroupId}/roles?handler=remove", ["assignment_id"]),
        new("new product environment", _ => "/console/product-environments/new", _ => "/console/product-environments/new", ["name", "cloud_name"]),
        new("rename product environment", t => $"/console/product-environments/{t.ProductEnvironmentId}", t => $"/console/product-environments/{t.ProductEnvironmentId}?handler=rename", ["name"]),
        new("product environment status", t => $"/console/product-environments/{t.ProductEnvironmentId}", t => $"/console/product-environments/{t.ProductEnvironmentId}?handler=status", ["enabled"]),
        new("delete product environment", t => $"/console/product-environments/{t.ProductEnvironmentId}/delete", t => $"/console/product-environments/{t.ProductEnvironmentId}/delete", ["id", "confirm"]),
        new("generate key", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys?handler=generate", ["name", "p"]),
        new("rename key", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}?handler=rename", ["name"]),
        new("key status", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}?handler=status", ["enabled"]),
        new("key dedicated", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}?handler=dedicated", ["dedicated_for"]),
        new("delete key", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}/delete", t => $"/console/product-environments/{t.ProductEnvironmentId}/keys/{t.ApiKey}/delete", ["key"]),
        new("account two-factor", _ => "/console/account", _ => "/console/account?handler=twoFactor", ["required", "password"]),
        new("account cancel", _ => "/console/account/cancel", _ => "/console/account/cancel", ["password"]),
        new("account rotate key", _ => "/console/account/rotate-key", _ => "/console/account/rotate-key", ["confirm"]),
        new("user limit", _ => "/console/account/user-limit", _ => "/console/account/user-limit", ["count"]),
        new("new role", _ => "/console/roles/new?scope=account", _ => "/console/roles/new?scope=account", ["name", "description", "system_policy_ids", "scope"]),
        new("edit role", t => $"/console/roles/role/{t.RoleId}/edit", t => $"/console/roles/role/{t.RoleId}/edit", ["name", "description", "system_policy_ids"]),
        new("role holders add", _ => $"/console/roles/role/{PermissionsScenarios.Admin}", _ => $"/console/roles/role/{PermissionsScenarios.Admin}?handler=add", ["principal", "scope_id", "folder_id", "collection_id"]),
        new("role holders remove", _ => $"/console/roles/role/{PermissionsScenarios.Admin}", _ => $"/console/roles/role/{PermissionsScenarios.Admin}?handler=remove", ["assignment_id"]),
        new("role delete", t => $"/console/roles/role/{t.RoleId}", t => $"/console/roles/role/{t.RoleId}?handler=delete", ["force"]),
        new("new policy", _ => "/console/roles/policies/new", _ => "/console/roles/policies/new", ["name", "description", "scope", "policy_statement", "enabled"]),
        new("explain", _ => "/console/roles/explain", _ => "/console/roles/explain",
            ["principal_type", "principal_id", "action", "resource_type", "resource_id", "product_environment_id", "ancestor_ids", "decide"]),
        new("profile name", _ => ProfileScenarios.Page, _ => $"{ProfileScenarios.Page}?handler=name", ["name", "first_name", "last_name"]),
        new("profile email", _ => ProfileScenarios.Page, _ => $"{ProfileScenarios.Page}?handler=email", ["new_email", "email_password"]),
        new("profile password", _ => ProfileScenarios.Page, _ => $"{ProfileScenarios.Page}?handler=password", ["current_password", "new_password"]),
        new("profile preferences", _ => ProfileScenarios.Page, _ => $"{ProfileScenarios.Page}?handler=preferences", ["email_preferences"]),
        new("profile end session", _ => ProfileScenarios.Page, _ => $"{ProfileScenarios.Page}?handler=endSession", ["session_id"]),
        new("two-factor enable", _ => "/console/profile/two-factor", _ => "/console/profile/two-factor?handler=enable", ["pending", "code", "password"]),
        new("two-factor disable", _ => "/console/profile/two-factor", _ => "/console/profile/two-factor?handler=disable", ["code", "password"]),
        new("sign in", _ => "/console/sign-in", _ => "/console/sign-in", ["email", "password", "return_url"], Anonymous: true),
        new("forgot password", _ => "/console/forgot-password", _ => "/console/forgot-password", ["email"], Anonymous: true),
        new("set password", _ => "/console/sign-in", _ => "/console/invitation", ["token", "password"], Anonymous: true),
        new("confirm e-mail", _ => "/console", _ => "/console/confirm-email", ["token"]),
        new("sign-in code", _ => "/console", _ => "/console/sign-in/code", ["code", "recovery_code", "recovery", "return_url"]),
        new("sign out", _ => "/console", _ => "/console/sign-out", ["return_url"]),
    ];

    public static TheoryData<string> FormNames() => [.. _forms.Select(f => f.Name)];

    /// <summary>A value no form should choke on.</summary>
    private static Gen<string> Hostile(Things things) => Gen.OneOf<string>(
        Gen.OneOf("", " ", "\t", "\r\n"),
        Gen.Int[256, 70_000].Select(n => new string('x', n)),
        Gen.Char[(char)0, (char)31].Array[1, 8].Select(c => new string(c)),
        Gen.Char[(char)0, (char)0xFFFF].Array[0, 40].Select(c => new string(c)),
        Gen.OneOf("-1", "0", "-0", "2147483648", "-2147483649", "99999999999999999999999", "1e309", "NaN", "3.5", "0x1F", "٣"),
        Gen.OneOf("true", "false", "on", "null", "[]", "{}", "[\"a\"]", "{\"a\":1}"),
        Gen.OneOf("😀", "\u202Eevil", "e\u0301", "𝕏", "ünïcödé", "<script>alert(1)</script>", "../../etc/passwd", "%00", "a\0b", "\0", "a\u0007b"),
        Gen.OneOf(things.UserId, things.GroupId, things.ProductEnvironmentId, things.ApiKey, things.RoleId, PermissionsScenarios.Admin, "account", "prodenv"));

    /// <summary>A post of <paramref name="fields"/>: each missing, given once or repeated, and now and then a field no form has.</summary>
    private static Gen<List<(string Name, string Value)>> Post(string[] fields, Things things) =>
        Gen.Select(Gen.Int[0, 9].Array[fields.Length], Hostile(things).Array[fields.Length * 3], Gen.Bool, Hostile(things), (how, values, extra, extraValue) =>
        {
            var post = new List<(string, string)>();
            for (var i = 0; i < fields.Length; i++)
            {
                var copies = how[i] switch { 0 => 0, 8 => 2, 9 => 3, _ => 1 };
                post.AddRange(Enumerable.Range(0, copies).Select(c => (fields[i], values[i * 3 + c])));
            }
            if (extra)
            {
                post.Add(("no_such_field", extraValue));
            }
            return post;
        });

    private async Task<(FormClient Browser, Things Things)> SetUpAsync(ConsoleForm form)
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var (userId, _) = await fixture.ActiveUserAsync(account);
        var group = (await account.CreateGroupAsync("Design")).GetProperty("id").GetString()!;
        var pe = await account.CreateProductEnvironmentAsync("Main", Unique.CloudName());
        var browser = await fixture.SignedInBrowserAsync(account.RootEmail);
        var role = await browser.SubmitAsync("/console/roles/new?scope=account", "/console/roles/new?scope=account",
            ("name", "Custom " + Unique.Name()), ("description", "For the property test"), ("system_policy_ids", PermissionsScenarios.UsersAndGroupsManage));
        Assert.StartsWith("/console/roles/role/", role.Path);
        var things = new Things(userId, group, pe.GetProperty("id").GetString()!, pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!,
            Uri.UnescapeDataString(role.Path["/console/roles/role/".Length..]));
        return (form.Anonymous ? new FormClient(fixture.Anonymous()) : browser, things);
    }

    private void AssertConsolePage(ConsoleForm form, FormPage page, string what)
    {
        Assert.True((int)page.Status < 500, $"{form.Name}: {what} answered {(int)page.Status}: {fixture.Errors.LastOrDefault()}");
        Assert.True(page.Response.Content.Headers.ContentType?.MediaType == "text/html",
            $"{form.Name}: {what} answered {page.Response.Content.Headers.ContentType} ({(int)page.Status}) instead of a console page.");
        Assert.Contains("<!DOCTYPE html>", page.Html);
        Assert.DoesNotContain("\"error\":{", page.Html);
    }

    [Theory]
    [MemberData(nameof(FormNames))]
    public async Task EveryConsoleForm_GeneratedHostilePosts_AnswerAConsolePageAndNeverAServerError(string name)
    {
        var form = _forms.Single(f => f.Name == name);
        var (browser, things) = await SetUpAsync(form);
        var page = form.Page(things);
        var action = form.Action(things);

        var shown = await browser.GetAsync(page);
        Assert.True(shown.AntiforgeryToken is not null, $"{form.Name}: {page} ({(int)shown.Status}) shows no form.");
        await Post(form.Fields, things).SampleAsync(async fields =>
        {
            var answer = await browser.PostAsync(action, fields, shown);
            AssertConsolePage(form, answer, "a post of " + string.Join("&", fields.Select(f => $"{f.Name}=({f.Value.Length} chars)")));
        }, iter: PostsPerForm, threads: 1, print: fields => string.Join("&", fields.Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value[..Math.Min(f.Value.Length, 40)])}")));

        // A NUL in every field at once, then no token at all.
        var nul = await browser.PostAsync(action, form.Fields.Select(f => (f, "a\0b")), await browser.GetAsync(page));
        AssertConsolePage(form, nul, "a post of NULs");
        var noToken = await browser.PostAsync(action, form.Fields.ToDictionary(f => f, _ => "x"), withAntiforgery: false);
        AssertConsolePage(form, noToken, "a post without the antiforgery token");
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
        Assert.Equal(ConsoleErrorModel.Expired, noToken.Text("error-message"));
    }

    [Fact]
    public async Task ANulInAField_IsRefusedAtTheField_WithTheRestOfWhatWasTyped()
    {
        var (browser, things) = await SetUpAsync(_forms[0]);
        var path = $"/console/users/{things.UserId}/edit";

        var page = await browser.SubmitAsync(path, path, ("name", "Ann\0 Example"), ("first_name", "Ann"), ("last_name", "Exa\0mple"), ("email", Unique.Email()));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(ConsoleErrors.FormRefusal, page.Text("form-refusal"));
        Assert.Equal("This field must not contain NUL characters.", page.Text("last-name-error"));
        Assert.Equal("Ann Example", page.Field("name"));
        Assert.Equal("Ann", page.Field("first_name"));
        Assert.Equal("Example", page.Field("last_name"));
        Assert.NotEqual("Ann Example", (await browser.GetAsync(path)).Field("name"));
    }
}
