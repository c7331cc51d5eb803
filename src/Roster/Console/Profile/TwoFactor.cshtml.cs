using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;
using Roster.Features.TwoFactor;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// My Profile → Two-factor authentication (<c>/console/profile/two-factor</c>). Off: a new key as a QR code and as text, and
/// a code to turn it on; the key goes back and forth in the form protected, bound to the user, for ten minutes. Just
/// turned on: the recovery codes, shown this once. On: the password and a current code turn it off.
/// </summary>
public sealed class TwoFactorModel(
    RosterDb db, TwoFactorKeys keys, IPasswordHasher<User> hasher, SignInLimits limits, TimeProvider time, ILogger<TwoFactorModel> logger)
    : ConsolePage
{
    [BindProperty(Name = "pending")]
    public string? Pending { get; set; }

    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    public bool IsOn { get; private set; }

    public DateTimeOffset? EnabledAt { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The account requires two-factor authentication and the user has none yet: every other page sends them here.</summary>
    public bool Required { get; private set; }

    /// <summary>The codes of a setup just finished; null on every other answer.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    /// <summary>The key being set up, as text (in groups of four, as people type it) and as the QR code's SVG.</summary>
    public string? KeyText { get; private set; }

    public string? QrSvg { get; private set; }

    public string? CodeError { get; private set; }

    public string? PasswordError { get; private set; }

    public string? Notice { get; private set; }

    private byte[]? _setupKey;

    protected override bool OpenBeforeTwoFactorEnrolment => true;

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            await DescribeAsync(HttpContext.RequestAborted);
            return executed;
        });

    public void OnGet()
    {
    }

    public async Task OnPostEnableAsync(CancellationToken ct)
    {
        var outcome = await EnableTwoFactor.RunAsync(UserId, Pending, Code, db, keys, Actor.From(HttpContext), time, ct);
        if (outcome.Succeeded)
        {
            NewRecoveryCodes = outcome.Value.RecoveryCodes;
            return;
        }
        switch (outcome.Error)
        {
            case InvalidField wrong:
                // The same key again: the person has scanned it already.
                _setupKey = keys.UnprotectPending(UserId, Pending, time);
                CodeError = wrong.Message;
                break;
            case TwoFactorSetupExpired expired:
                Pending = null;
                CodeError = expired.Message;
                break;
            default:
                Notice = outcome.Error.Message;
                break;
        }
    }

    public async Task OnPostDisableAsync(CancellationToken ct)
    {
        var outcome = await DisableTwoFactor.RunAsync(
            UserId, new TwoFactorDisable(Password, Code), db, hasher, keys, limits, Actor.From(HttpContext), time, logger, ct);
        if (outcome.Succeeded)
        {
            Notice = "Two-factor authentication is off. Your recovery codes no longer work.";
            return;
        }
        if (outcome.Error is InvalidField { Name: "password" })
        {
            PasswordError = outcome.Error.Message;
        }
        else if (outcome.Error is InvalidField)
        {
            CodeError = outcome.Error.Message;
        }
        else
        {
            Notice = outcome.Error.Message;
        }
    }

    /// <summary>What the page shows, read after the handler ran: the state it left, and a new key to set up when it is off.</summary>
    private async Task DescribeAsync(CancellationToken ct)
    {
        var userId = UserId;
        var state = await (
                from u in db.Users.AsNoTracking()
                join a in db.Accounts on u.AccountId equals a.Id
                where u.Id == userId
                select new { On = u.TwoFactorKey != null, u.TwoFactorEnabledAt, a.RequireTwoFactor })
            .FirstAsync(ct);
        IsOn = state.On;
        EnabledAt = state.TwoFactorEnabledAt;
        Required = state.RequireTwoFactor && !state.On;
        if (IsOn)
        {
            RecoveryCodesLeft = await RecoveryCodes.RemainingAsync(db, userId, ct);
            Pending = null;
            return;
        }
        if (_setupKey is null)
        {
            _setupKey = AuthenticationCodes.NewKey();
            Pending = keys.ProtectPending(userId, _setupKey, time);
        }
        var text = AuthenticationCodes.Text(_setupKey);
        KeyText = string.Join(' ', text.Chunk(4).Select(c => new string(c)));
        QrSvg = Qr(AuthenticationCodes.UriFor(_setupKey, Shell.AccountName, Shell.UserEmail));
    }

    /// <summary>The QR code as inline SVG: markup only (rectangles and a path), nothing the content policy forbids.</summary>
    private static string Qr(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
