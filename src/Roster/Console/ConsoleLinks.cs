namespace Roster.ConsolePages;

/// <summary>Where console pages send people, and the one check that a return address stays inside the console.</summary>
public static class ConsoleLinks
{
    public const string Home = "/console";
    public const string SignIn = "/console/sign-in";
    public const string Profile = "/console/profile";
    public const string TwoFactorEnrolment = "/console/profile/two-factor";
    public const string ForgotPassword = "/console/forgot-password";
    public const string Forbidden = "/console/forbidden";

    // The account's pages, each under its own path (sub-pages below it: /console/users/{id}/…).
    public const string Users = "/console/users";
    public const string Groups = "/console/groups";
    public const string Roles = "/console/roles";
    public const string ProductEnvironments = "/console/product-environments";
    public const string Account = "/console/account";
    public const string AuditLog = "/console/audit-log";
    public const string AddUsers = "/console/users/new";
    public const string UserLimit = "/console/account/user-limit";
    public const string AccountMigrate = "/console/account/migrate";

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path inside the console, else the console's home: a sign-in link must not
    /// send anyone elsewhere (no other host, no scheme-relative <c>//host</c>, no backslash tricks).
    /// </summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 }
        && (returnUrl == Home || returnUrl.StartsWith(Home + "/", StringComparison.Ordinal) || returnUrl.StartsWith(Home + "?", StringComparison.Ordinal))
        && !returnUrl.Contains('\\') && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : Home;

    /// <summary><paramref name="path"/> carrying the return address along, when there is a safe one.</summary>
    public static string WithReturn(string path, string? returnUrl) =>
        SafeReturn(returnUrl) is var back && back != Home ? $"{path}?return_url={Uri.EscapeDataString(back)}" : path;
}
