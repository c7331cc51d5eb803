using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Profile;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Cancelling the account (<c>/console/account/cancel</c>), for the root user alone, with the root password, through
/// <see cref="CancelAccount"/>: every user becomes inactive (their sessions end with it) and the keys stop working.
/// </summary>
public sealed class AccountCancelModel(
    RosterDb db, IPasswordHasher<User> hasher, SignInLimits limits, TimeProvider time, ILogger<AccountCancelModel> logger) : ConsolePage
{
    public const string PasswordField = "password";
    public const string OnlyRoot = "Only the root user can cancel the account.";

    [BindProperty(Name = PasswordField)]
    public string? Password { get; set; }

    public IActionResult OnGet()
    {
        if (!Shell.UserIsRoot)
        {
            return LocalRedirect(ConsoleLinks.Forbidden);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Shell.UserIsRoot)
        {
            Flash(OnlyRoot, refusal: true);
            return LocalRedirect(ConsoleLinks.Home);
        }
        if (string.IsNullOrEmpty(Password))
        {
            Errors[PasswordField] = "Enter your password to cancel the account.";
            return Page();
        }
        // Note: a wrong password counts towards the sign-in lock, as for every change of one's own that asks for it, so a
        // session left open cannot be used to guess it.
        var root = await ProfileUser.LoadAsync(db, UserId, ct);
        if (!root.Succeeded)
        {
            return Refused(root.Error, PasswordField);
        }
        var actor = Actor.From(HttpContext);
        if (await ProfileUser.ConfirmPasswordAsync(root.Value, Password, PasswordField, "account_cancel", db, hasher, limits, actor, time, logger, ct) is { } wrong)
        {
            return Refused(wrong, PasswordField);
        }
        if (await CancelAccount.RunAsync(AccountId, Shell.UserEmail, Password, db, hasher, actor, time, ct) is { } refused)
        {
            return Refused(refused, PasswordField);
        }
        SessionCookie.Delete(HttpContext);
        return LocalRedirect(ConsoleLinks.SignIn + "?ended=1");
    }
}
