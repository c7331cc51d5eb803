using System.Net;
using System.Text.RegularExpressions;

namespace Roster.Tests.External;

/// <summary>Where a chain of redirects ended: the address, its status and its HTML.</summary>
public sealed record Landing(Uri Url, HttpStatusCode Status, string Html)
{
    public string PathAndQuery => Url.PathAndQuery;

    public bool Contains(string text) => WebUtility.HtmlDecode(Html).Contains(text, StringComparison.Ordinal);
}

/// <summary>
/// A browser without JavaScript across several origins: it keeps cookies per host, as a browser does, and follows every
/// redirect by hand (Roster → the provider → Roster), remembering each address it visited.
/// </summary>
public sealed partial class RedirectingClient : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public RedirectingClient()
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = _cookies });
    }

    private readonly List<string> _trace = [];

    /// <summary>Each request with its status, for a failing test's message.</summary>
    public string Trace => string.Join("\n", _trace);

    /// <summary>Every address requested, redirects included, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>Where the last request was sent when it answered a redirect that was not followed (see <see cref="GetAsync"/>).</summary>
    public Uri? StoppedAt { get; private set; }

    /// <summary>Gets <paramref name="url"/> and follows redirects, except those to a path <paramref name="stopAt"/> says to stop before.</summary>
    public async Task<Landing> GetAsync(Uri url, Func<Uri, bool>? stopAt = null)
    {
        StoppedAt = null;
        for (var hop = 0; hop < 20; hop++)
        {
            Visited.Add(url);
            using var response = await _http.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            _trace.Add($"{(int)response.StatusCode} {url}");
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = new Uri(url, location);
                if (stopAt?.Invoke(next) == true)
                {
                    StoppedAt = next;
                    return new Landing(url, response.StatusCode, html);
                }
                url = next;
                continue;
            }
            return new Landing(url, response.StatusCode, html);
        }
        throw new InvalidOperationException("Too many redirects:\n" + string.Join("\n", Visited));
    }

    /// <summary>Posts a form to <paramref name="url"/> with the antiforgery field of <paramref name="from"/>, and follows redirects.</summary>
    public async Task<Landing> PostFormAsync(Uri url, Landing from, IReadOnlyDictionary<string, string> fields)
    {
        var values = fields.ToDictionary();
        if (AntiforgeryPattern().Match(from.Html) is { Success: true } token)
        {
            values["__antiforgery"] = token.Groups[1].Value;
        }
        Visited.Add(url);
        using var response = await _http.PostAsync(url, new FormUrlEncodedContent(values));
        _trace.Add($"{(int)response.StatusCode} POST {url}");
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            return await GetAsync(new Uri(url, location));
        }
        return new Landing(url, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public string? Cookie(Uri site, string name) => _cookies.GetCookies(site)[name]?.Value;

    /// <summary>The href of the sign-in page's button for <paramref name="provider"/>, if the page has one.</summary>
    public static string? ButtonFor(string html, string provider) =>
        ButtonPattern().Matches(html).FirstOrDefault(m => m.Groups["provider"].Value == provider) is { } match
            ? WebUtility.HtmlDecode(match.Groups["href"].Value)
            : null;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("<a class=\"button secondary\" href=\"(?<href>[^\"]+)\" data-provider=\"(?<provider>[^\"]+)\"")]
    private static partial Regex ButtonPattern();
}
