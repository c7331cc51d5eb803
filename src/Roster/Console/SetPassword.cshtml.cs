using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// "Set your password": the page an invitation link opens (<c>/console/invitation</c>) and the one a password-reset link
/// opens (<c>/console/reset-password</c>). On success the user is active and signed in.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(RosterDb db, IPasswordHasher<User> hasher, SessionLimits sessions, TimeProvider time) : PageModel
{
    public const string ResetPath = "/console/reset-password";

    [BindProperty(Name = "token", SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    public string? Email { get; private set; }

    public bool Invalid { get; private set; }

    public string? PasswordError { get; private set; }

    private TokenPurpose Purpose => Request.Path.StartsWithSegments(ResetPath) ? TokenPurpose.PasswordReset : TokenPurpose.Invitation;

    public string Title => Purpose == TokenPurpose.Invitation ? "Set your password" : "Set a new password";

    public string InvalidMessage => Purpose == TokenPurpose.Invitation
        ? "This invitation link is not valid: it has expired, was already used, or a newer invitation replaced it."
        : "This password link is not valid: it has expired, was already used, or a newer link replaced it.";

    public string NextStep => Purpose == TokenPurpose.Invitation
        ? "Ask an administrator of your account to send you a new invitation. If you have already set your password,"
        : "You can ask for a new link:";

    public string? NextStepLink => Purpose == TokenPurpose.Invitation ? ConsoleLinks.SignIn : ConsoleLinks.ForgotPassword;

    public string NextStepLinkText => Purpose == TokenPurpose.Invitation ? "sign in" : "send me a new link";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = string.IsNullOrEmpty(Token) ? null : await RedeemToken.PeekAsync(Purpose, Token, db, time, ct);
        Invalid = user is null;
        Email = user?.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await RedeemToken.RunAsync(
            Purpose, new Redemption(Token ?? "", Password ?? ""), db, hasher, Actor.From(HttpContext), time, ct, signIn: sessions);
        if (!outcome.Succeeded)
        {
            if (outcome.Error is InvalidToken)
            {
                Invalid = true;
                return Page();
            }
            PasswordError = outcome.Error.Message;
            Email = (await RedeemToken.PeekAsync(Purpose, Token ?? "", db, time, ct))?.Email;
            Invalid = Email is null;
            return Page();
        }
        if (outcome.Value.Session is not { } started)
        {
            return LocalRedirect(ConsoleLinks.SignIn);
        }
        SessionCookie.Write(HttpContext, started.Token);
        return LocalRedirect(started.Session.Stage == SessionStage.SecondFactor ? SessionAuthenticationHandler.SecondFactorPath : ConsoleLinks.Home);
    }
}
