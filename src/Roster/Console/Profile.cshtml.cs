using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Features.Profile;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// My Profile (<c>/console/profile</c>): the signed-in user's own name, e-mail address, password, e-mail preferences,
/// two-factor status and sessions, one form per section, each posted to its own handler. A refused form comes back with
/// the reason next to its field and what was typed (passwords excepted); a saved one redirects to the page with a notice,
/// so that reloading it posts nothing twice.
/// </summary>
public sealed class ProfileModel(
    RosterDb db, IPasswordHasher<User> hasher, OutboxPayloads outbox, SignInLimits limits, SessionLimits sessions, TimeProvider time,
    ILogger<ProfileModel> logger) : ConsolePage
{
    /// <summary>The key of a section's own error, one not tied to a field.</summary>
    public const string SessionsSection = "sessions";
    public const string PreferencesField = "email_preferences";

    private static readonly Dictionary<string, string> _notices = new(StringComparer.Ordinal)
    {
        ["name"] = "Your name is saved.",
        ["email"] = "Almost done: open the link we sent to your new address to confirm it. Until then your address stays as it is.",
        ["password"] = "Your password is changed. Your other sessions have ended; this one continues.",
        ["preferences"] = "Your e-mail preferences are saved.",
        ["session"] = "The session has ended.",
        ["others"] = "You are signed out everywhere else.",
    };

    [BindProperty(Name = ChangeName.NameField)]
    public string? Name { get; set; }

    [BindProperty(Name = ChangeName.FirstNameField)]
    public string? FirstName { get; set; }

    [BindProperty(Name = ChangeName.LastNameField)]
    public string? LastName { get; set; }

    [BindProperty(Name = RequestEmailChange.NewEmailField)]
    public string? NewEmail { get; set; }

    [BindProperty(Name = RequestEmailChange.PasswordField)]
    public string? EmailPassword { get; set; }

    [BindProperty(Name = ChangePassword.CurrentPasswordField)]
    public string? CurrentPassword { get; set; }

    [BindProperty(Name = ChangePassword.NewPasswordField)]
    public string? NewPassword { get; set; }

    [BindProperty(Name = PreferencesField)]
    public List<string>? ChosenPreferences { get; set; }

    [BindProperty(Name = "session_id")]
    public string? SessionToEnd { get; set; }

    public string? Notice { get; private set; }

    public string Email { get; private set; } = "";

    public bool HasPassword { get; private set; }

    public bool TwoFactorOn { get; private set; }

    public PendingEmailChange? PendingEmail { get; private set; }

    public IReadOnlyDictionary<string, bool> Preferences { get; private set; } = new Dictionary<string, bool>();

    public IReadOnlyList<ActiveSession> Sessions { get; private set; } = [];

    // Note: the section whose form came back refused keeps what was typed; every other section shows what is stored.
    private bool _nameTyped;

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is null or PageResult)
            {
                await DescribeAsync(HttpContext.RequestAborted);
            }
            return executed;
        });

    public void OnGet(string? done)
    {
        Notice = done is null ? null : _notices.GetValueOrDefault(done);
    }

    public async Task<IActionResult> OnPostNameAsync(CancellationToken ct)
    {
        _nameTyped = true;
        foreach (var refusal in new[]
                 {
                     ChangeName.Refusal(ChangeName.NameField, Name), ChangeName.Refusal(ChangeName.FirstNameField, FirstName),
                     ChangeName.Refusal(ChangeName.LastNameField, LastName),
                 }.OfType<InvalidField>())
        {
            Errors[refusal.Name] = refusal.Message;
        }
        var change = ChangeName.Read(Name, FirstName, LastName);
        if (!change.Succeeded)
        {
            return Page();
        }
        var saved = await ChangeName.RunAsync(UserId, change.Value, db, Actor.From(HttpContext), time, ct);
        return saved.Succeeded ? Done("name") : Refused(saved.Error, ChangeName.NameField);
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken ct)
    {
        var email = RequestEmailChange.ReadEmail(NewEmail);
        if (!email.Succeeded)
        {
            Refused(email.Error, RequestEmailChange.NewEmailField);
        }
        if (string.IsNullOrEmpty(EmailPassword))
        {
            Errors[RequestEmailChange.PasswordField] = "Enter your current password.";
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var requested = await RequestEmailChange.RunAsync(
            UserId, new EmailChangeRequest(email.Value, EmailPassword), db, hasher, outbox, limits, Actor.From(HttpContext), time, logger, ct);
        if (requested.Succeeded)
        {
            return Done("email");
        }
        return requested.Error is EmailAlreadyTaken
            ? Refused(new InvalidField(RequestEmailChange.NewEmailField, null, "Another user of Roster has this address: choose another one."),
                RequestEmailChange.NewEmailField)
            : Refused(requested.Error, RequestEmailChange.PasswordField);
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors[ChangePassword.CurrentPasswordField] = "Enter your current password.";
        }
        if (string.IsNullOrEmpty(NewPassword))
        {
            Errors[ChangePassword.NewPasswordField] = "Enter the new password.";
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var changed = await ChangePassword.RunAsync(
            UserId, SessionId, new PasswordChange(CurrentPassword, NewPassword), db, hasher, limits, sessions, Actor.From(HttpContext), time,
            logger, ct);
        if (!changed.Succeeded)
        {
            return Refused(changed.Error, ChangePassword.CurrentPasswordField);
        }
        // The new stamp ended the session this request came with; the new cookie carries on in its place.
        SessionCookie.Write(HttpContext, changed.Value.Token);
        return Done("password");
    }

    public async Task<IActionResult> OnPostPreferencesAsync(CancellationToken ct)
    {
        var chosen = ChosenPreferences ?? [];
        var known = SetEmailPreferences.Known.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (chosen.Any(name => !known.Contains(name)))
        {
            Errors[PreferencesField] = "There is no e-mail preference of that name.";
            return Page();
        }
        var choices = known.ToDictionary(name => name, chosen.Contains, StringComparer.Ordinal);
        var saved = await SetEmailPreferences.RunAsync(UserId, choices, db, Actor.From(HttpContext), time, ct);
        return saved.Succeeded ? Done("preferences") : Refused(saved.Error, PreferencesField);
    }

    public async Task<IActionResult> OnPostEndSessionAsync(CancellationToken ct)
    {
        var ended = await EndSession.RunAsync(UserId, SessionToEnd ?? "", SessionId, db, Actor.From(HttpContext), time, ct);
        return ended.Succeeded ? Done("session") : Refused(ended.Error, SessionsSection);
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken ct)
    {
        var ended = await EndOtherSessions.RunAsync(UserId, SessionId, db, Actor.From(HttpContext), time, ct);
        return ended.Succeeded ? Done("others") : Refused(ended.Error, SessionsSection);
    }

    private LocalRedirectResult Done(string what) => LocalRedirect($"{ConsoleLinks.Profile}?done={what}");

    /// <summary>What the page shows, read after the handler ran, so it shows what the handler left.</summary>
    private async Task DescribeAsync(CancellationToken ct)
    {
        var userId = UserId;
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct);
        if (!_nameTyped)
        {
            (Name, FirstName, LastName) = (user.Name, user.FirstName, user.LastName);
        }
        Email = user.Email;
        HasPassword = user.PasswordHash is not null;
        TwoFactorOn = user.TwoFactorKey is not null;
        PendingEmail = await RequestEmailChange.PendingAsync(db, userId, time, ct);
        Preferences = SetEmailPreferences.Known.ToDictionary(p => p.Name, p => SetEmailPreferences.IsOn(user, p.Name), StringComparer.Ordinal);
        Sessions = await ListSessions.RunAsync(userId, SessionId, db, sessions, time, ct);
        // Note: passwords are never sent back into the page.
        (EmailPassword, CurrentPassword, NewPassword) = (null, null, null);
    }
}
