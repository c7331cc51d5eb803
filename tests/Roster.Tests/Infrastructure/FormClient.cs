using System.Net;
using System.Text.RegularExpressions;

namespace Roster.Tests.Infrastructure;

/// <summary>A page as a form-posting client saw it: where it ended up after redirects, its status and its HTML.</summary>
public sealed record FormPage(HttpStatusCode Status, string Path, string Html, HttpResponseMessage Response)
{
    /// <summary>The value of the hidden antiforgery field of the page's (first) form.</summary>
    public string? AntiforgeryToken => Regex.Match(Html, "name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"") is { Success: true } m
        ? m.Groups[1].Value
        : null;

    public bool Contains(string text) => WebUtility.HtmlDecode(Html).Contains(text, StringComparison.Ordinal);

    /// <summary>The value of the (first) input named <paramref name="name"/>, decoded; null when there is no such input.</summary>
    public string? Field(string name)
    {
        var input = Regex.Match(Html, $"<input\\b[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>");
        if (!input.Success)
        {
            return null;
        }
        var value = Regex.Match(input.Value, "\\bvalue=\"([^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
    }

    /// <summary>Whether the page has an input named <paramref name="name"/>.</summary>
    public bool HasField(string name) => Field(name) is not null;

    /// <summary>The text of the (first) element with <c>data-testid="<paramref name="testId"/>"</c>, tags stripped and decoded; null when none.</summary>
    public string? Text(string testId)
    {
        var element = Regex.Match(Html, $"<(\\w+)\\b[^>]*\\bdata-testid=\"{Regex.Escape(testId)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return element.Success ? Squeeze(WebUtility.HtmlDecode(Regex.Replace(element.Groups[2].Value, "<[^>]+>", ""))) : null;
    }

    /// <summary>Every match of <paramref name="pattern"/>'s first group in the page, e.g. the ids of a table's rows.</summary>
    public IReadOnlyList<string> All(string pattern) =>
        Regex.Matches(Html, pattern).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static string Squeeze(string text) => Regex.Replace(text, "\\s+", " ").Trim();
}

/// <summary>
/// The console through plain HTTP, as a browser without JavaScript uses it: cookies kept, redirects followed, forms
/// posted with the antiforgery field of the page they came from. For flows a real browser need not drive (timeouts with a
/// fake clock, refusals of forged posts).
/// </summary>
public sealed class FormClient(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public FormPage? Last { get; private set; }

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public Task<FormPage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>
    /// Opens <paramref name="page"/> and posts one of its forms to <paramref name="action"/> (its path and query, e.g. a named
    /// handler), as a person filling it in does; a name may come more than once (checkboxes of one name).
    /// </summary>
    public async Task<FormPage> SubmitAsync(string page, string action, params (string Name, string Value)[] fields)
    {
        await GetAsync(page);
        return await PostAsync(action, fields);
    }

    /// <summary>Posts <paramref name="fields"/>, in order and names repeated as given, with the antiforgery token of <paramref name="from"/> (else the last page).</summary>
    public Task<FormPage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields, FormPage? from = null)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if ((from ?? Last)?.AntiforgeryToken is { } token)
        {
            values.Add(new("__antiforgery", token));
        }
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) });
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/>, with the antiforgery token of the last page unless told not to.</summary>
    public Task<FormPage> PostAsync(string path, IReadOnlyDictionary<string, string> fields, bool withAntiforgery = true)
    {
        var values = fields.ToDictionary();
        if (withAntiforgery && Last?.AntiforgeryToken is { } token)
        {
            values["__antiforgery"] = token;
        }
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) });
    }

    private async Task<FormPage> SendAsync(HttpRequestMessage request)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await http.SendAsync(request);
            Keep(response);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && response.Headers.Location is { } next)
            {
                request = new HttpRequestMessage(HttpMethod.Get, next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString);
                continue;
            }
            Last = new FormPage(response.StatusCode, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString, await response.Content.ReadAsStringAsync(), response);
            return Last;
        }
        throw new InvalidOperationException("Too many redirects.");
    }

    private void Keep(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }
        foreach (var cookie in cookies)
        {
            var pair = cookie.Split(';')[0];
            var eq = pair.IndexOf('=');
            var (name, value) = (pair[..eq], pair[(eq + 1)..]);
            var expired = cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (expired || value.Length == 0)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }
}
