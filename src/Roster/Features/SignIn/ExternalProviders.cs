using System.Text.RegularExpressions;

namespace Roster.Features.SignIn;

/// <summary>What kind of service a provider is: the two with their own integration, or any OpenID Connect provider.</summary>
public enum ExternalProviderKind { Google, GitHub, Oidc }

/// <summary>One provider people can sign in with, as the installation configured it.</summary>
/// <param name="Name">The provider's name in paths, in sessions' <c>Method</c>, in links and in <c>providers</c>: lower case.</param>
public sealed record ExternalProvider(string Name, string DisplayName, ExternalProviderKind Kind, string ClientId, string ClientSecret, Uri? Issuer)
{
    /// <summary>Where the sign-in page's button starts the sign-in.</summary>
    public string StartPath => $"{ExternalProviders.PathPrefix}/{Name}";

    /// <summary>Where the provider sends the browser back: the redirect URI to register with it, under the installation's address.</summary>
    public string CallbackPath => $"{ExternalProviders.CallbackPrefix}/{Name}";
}

/// <summary>The settings name a provider Roster cannot use; <c>serve</c> refuses to start, saying why.</summary>
public sealed class ExternalProviderSettingsException(string message) : Exception(message);

/// <summary>
/// The external providers of this installation (<c>Roster:External</c>): <c>Google:ClientId</c> and <c>ClientSecret</c>,
/// <c>GitHub:ClientId</c> and <c>ClientSecret</c>, and any number of OpenID Connect providers under
/// <c>Oidc:&lt;Name&gt;</c> with <c>Issuer</c>, <c>ClientId</c>, <c>ClientSecret</c> and an optional <c>DisplayName</c>.
/// None configured is the default: no buttons, and the external sign-in paths answer 404.
/// </summary>
public sealed partial class ExternalProviders
{
    public const string Section = "Roster:External";
    public const string PathPrefix = "/console/sign-in/external";
    public const string CallbackPrefix = PathPrefix + "/callback";

    public const string GoogleName = "google";
    public const string GitHubName = "github";

    private readonly Dictionary<string, ExternalProvider> _byName;

    public ExternalProviders(IReadOnlyList<ExternalProvider> all, bool allowHttp)
    {
        All = all;
        AllowHttp = allowHttp;
        _byName = all.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The providers in the order the sign-in page shows them: Google, GitHub, then the others by name.</summary>
    public IReadOnlyList<ExternalProvider> All { get; }

    /// <summary>
    /// Whether sign-in may come back over plain HTTP (<c>Roster:External:AllowHttp</c>), for a trial on loopback. Otherwise
    /// the callback must arrive over HTTPS (directly, or through a proxy named in <c>Roster:ForwardedHeaders:KnownProxies</c>),
    /// since it carries the authorization code and the cookie that binds it to the browser.
    /// </summary>
    public bool AllowHttp { get; }

    public bool Any => All.Count > 0;

    public ExternalProvider? Find(string? name) => name is null ? null : _byName.GetValueOrDefault(name);

    public static ExternalProviders From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var providers = new List<ExternalProvider>();
        if (Client(section.GetSection("Google"), "Google") is { } google)
        {
            providers.Add(new ExternalProvider(GoogleName, "Google", ExternalProviderKind.Google, google.Id, google.Secret, null));
        }
        if (Client(section.GetSection("GitHub"), "GitHub") is { } github)
        {
            providers.Add(new ExternalProvider(GitHubName, "GitHub", ExternalProviderKind.GitHub, github.Id, github.Secret, null));
        }
        foreach (var oidc in section.GetSection("Oidc").GetChildren().OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase))
        {
            var name = oidc.Key.ToLowerInvariant();
            var setting = $"Roster__External__Oidc__{oidc.Key}";
            if (!NamePattern().IsMatch(name) || name is GoogleName or GitHubName or "callback")
            {
                throw new ExternalProviderSettingsException(
                    $"{setting}: a provider's name is 1 to 32 letters, digits or dashes, and not google, github or callback.");
            }
            if (providers.Any(p => p.Name == name))
            {
                throw new ExternalProviderSettingsException($"{setting}: another OpenID Connect provider has the same name.");
            }
            if (Client(oidc, $"Oidc__{oidc.Key}") is not { } client)
            {
                throw new ExternalProviderSettingsException($"{setting}__ClientId is missing.");
            }
            if (!Uri.TryCreate(oidc["Issuer"], UriKind.Absolute, out var issuer) || issuer.Scheme is not ("https" or "http")
                || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
            {
                throw new ExternalProviderSettingsException($"{setting}__Issuer must be the provider's issuer URL (https://…).");
            }
            var display = oidc["DisplayName"] is { Length: > 0 } given ? given.Trim() : oidc.Key;
            providers.Add(new ExternalProvider(name, display, ExternalProviderKind.Oidc, client.Id, client.Secret, issuer));
        }
        return new ExternalProviders(providers, section.GetValue("AllowHttp", false));
    }

    /// <summary>The client id and secret of one provider; null when neither is set (the provider is not used).</summary>
    private static (string Id, string Secret)? Client(IConfigurationSection section, string label)
    {
        var (id, secret) = (section["ClientId"]?.Trim(), section["ClientSecret"]?.Trim());
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(secret))
        {
            return null;
        }
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new ExternalProviderSettingsException(
                $"Roster__External__{label}: set both ClientId and ClientSecret (the provider gives both when you register Roster).");
        }
        return (id, secret);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NamePattern();
}
