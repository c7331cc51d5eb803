using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Cancelling the account (<c>/console/account/cancel</c>), for the root user alone, with the root password, through
/// <see cref="CancelAccount"/>: every user becomes inactive (their sessions end with it) and the keys stop working.
/// </summary>
public sealed class AccountCancelModel(RosterDb db, IPasswordHasher<User> hasher, TimeProvider time) : ConsolePage
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
        var refused = await CancelAccount.RunAsync(AccountId, Shell.UserEmail, Password, db, hasher, Actor.From(HttpContext), time, ct);
        if (refused is not null)
        {
            Errors[PasswordField] = refused is InvalidCredentials ? "The password is not right." : refused.Message;
            return Page();
        }
        SessionCookie.Delete(HttpContext);
        return LocalRedirect(ConsoleLinks.SignIn + "?ended=1");
    }
}
