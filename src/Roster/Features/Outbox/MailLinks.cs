using System.Text.RegularExpressions;

namespace Roster.Features.Outbox;

/// <summary>
/// The links e-mails carry, in one place: the console pages that redeem them use the same paths. A link is the
/// public URL (<c>Roster:PublicUrl</c>) and the page's path with the one-time token.
/// </summary>
public static partial class MailLinks
{
    public const string PublicUrlSetting = "Roster:PublicUrl";

    public const string InvitationPath = "/console/invitation";
    public const string PasswordResetPath = "/console/reset-password";
    public const string EmailChangePath = "/console/confirm-email";

    public static string Invitation(string publicUrl, string token) => Link(publicUrl, InvitationPath, token);

    public static string PasswordReset(string publicUrl, string token) => Link(publicUrl, PasswordResetPath, token);

    public static string EmailChange(string publicUrl, string token) => Link(publicUrl, EmailChangePath, token);

    /// <summary>The link a message of <paramref name="kind"/> carries; null for a notice, which carries none.</summary>
    public static string? For(MailKind kind, string publicUrl, string token) => kind switch
    {
        MailKind.Invitation => Invitation(publicUrl, token),
        MailKind.PasswordReset => PasswordReset(publicUrl, token),
        MailKind.EmailChange => EmailChange(publicUrl, token),
        MailKind.EmailChanged => null,
    };

    /// <summary>
    /// A URL to put links under: without its trailing slash, and with a listening wildcard (<c>*</c>, <c>+</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>) read as <c>localhost</c>, which a browser on this machine can open.
    /// </summary>
    public static string Normalize(string url) => Wildcard().Replace(url.Trim(), "${scheme}localhost").TrimEnd('/');

    private static string Link(string publicUrl, string path, string token) => $"{Normalize(publicUrl)}{path}?token={Uri.EscapeDataString(token)}";

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?:\*|\+|0\.0\.0\.0|\[::\])(?=[:/]|$)")]
    private static partial Regex Wildcard();
}
