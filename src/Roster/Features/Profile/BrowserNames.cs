namespace Roster.Features.Profile;

/// <summary>
/// A short name a person recognises for a session's browser, from its User-Agent header ("Chrome on Linux"). Only the
/// common browsers and systems are told apart; the header is the client's own claim, so the name is a hint, never a proof.
/// </summary>
public static class BrowserNames
{
    public const string Unknown = "Unknown browser";

    // Note: the order matters. Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux",
    // and iOS browsers also say "Mac OS X".
    private static readonly (string Marker, string Name)[] _browsers =
    [
        ("Edg/", "Edge"), ("EdgiOS/", "Edge"), ("EdgA/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("Chromium/", "Chromium"), ("HeadlessChrome/", "Chrome"), ("Chrome/", "Chrome"),
        ("CriOS/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"),
    ];

    private static readonly (string Marker, string Name)[] _systems =
    [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }
        var browser = First(_browsers, userAgent);
        var system = First(_systems, userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            (null, { } os) => $"A browser on {os}",
            ({ } name, null) => name,
            ({ } name, { } os) => $"{name} on {os}",
        };
    }

    private static string? First((string Marker, string Name)[] table, string userAgent) =>
        table.FirstOrDefault(entry => userAgent.Contains(entry.Marker, StringComparison.Ordinal)).Name;
}
