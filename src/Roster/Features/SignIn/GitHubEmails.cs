using System.Net.Http.Headers;
using System.Text.Json;

namespace Roster.Features.SignIn;

/// <summary>
/// A GitHub user's primary e-mail address and whether GitHub verified it. GitHub is OAuth 2.0 without OpenID Connect: its
/// profile (<c>/user</c>) shows only the address the person chose to make public, with no word on verification, so the
/// address comes from <c>/user/emails</c>, which the <c>user:email</c> scope opens.
/// </summary>
public static class GitHubEmails
{
    public const string HttpClientName = "Roster.GitHub";

    public static readonly Uri ApiBase = new("https://api.github.com/");

    /// <summary>The primary address, or null when GitHub answered none (or no usable answer).</summary>
    public static async Task<(string Email, bool Verified)?> PrimaryAsync(HttpClient http, string accessToken, ILogger logger, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "user/emails");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        // Note: GitHub refuses API requests without a User-Agent.
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Roster", null));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("GitHub answered {Status} for the user's e-mail addresses", (int)response.StatusCode);
                return null;
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            return Primary(document.RootElement);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "The user's e-mail addresses could not be read from GitHub");
            return null;
        }
    }

    /// <summary>The primary address of GitHub's list (<c>[{"email","primary","verified",…}]</c>) and whether it is verified.</summary>
    public static (string Email, bool Verified)? Primary(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty("primary", out var primary) && primary.ValueKind == JsonValueKind.True
                && entry.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String)
            {
                var verified = entry.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True;
                return (email.GetString()!, verified);
            }
        }
        return null;
    }
}
