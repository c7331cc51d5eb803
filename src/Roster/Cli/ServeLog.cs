using Roster.Data;
using Roster.Features.SignIn;

namespace Roster.Cli;

public enum LogFormat { Json, Plain }

/// <summary>
/// How <c>serve</c> logs: one JSON object per line for a log collector, or ASP.NET Core's simple console format for
/// a person at a terminal, chosen by <c>Roster__Logging__Format</c> (<c>json</c> or <c>plain</c>) or else by whether
/// stdout is a terminal. Either way, once it listens, it says where, where the API docs are and where the data lives.
/// </summary>
public static class ServeLog
{
    public const string FormatSetting = "Roster:Logging:Format";

    public static bool TryChoose(string? setting, bool outputRedirected, out LogFormat format)
    {
        switch (setting?.Trim().ToLowerInvariant())
        {
            case null or "":
                format = outputRedirected ? LogFormat.Json : LogFormat.Plain;
                return true;
            case "json":
                format = LogFormat.Json;
                return true;
            case "plain":
                format = LogFormat.Plain;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static void Use(this ILoggingBuilder logging, LogFormat format)
    {
        logging.ClearProviders();
        switch (format)
        {
            case LogFormat.Json:
                logging.AddJsonConsole(o => o.IncludeScopes = true);
                break;
            case LogFormat.Plain:
                // Note: one line per entry, so an HTTP log entry (method, path, status, duration) stays one line.
                logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                });
                break;
        }
    }

    /// <summary>Logs, once the server listens, its addresses, the API docs, the database and the key ring (and whether that is encrypted).</summary>
    public static void LogWhereItIs(this WebApplication app, DatabaseTarget database, KeyRing keyRing)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Roster");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = app.Urls.ToList();
            log.LogInformation("Listening on {Urls}", string.Join(", ", urls));
            if (urls.Count > 0)
            {
                log.LogInformation("API docs: {DocsUrl}", urls[0].TrimEnd('/') + "/docs");
            }
            log.LogInformation("Database: {Database}", database.Description);
            foreach (var provider in app.Services.GetRequiredService<ExternalProviders>().All)
            {
                // Note: the address people reach Roster at (its proxy's, often) is not the one it listens on, so only the path is known here.
                log.LogInformation("Sign-in with {Provider}: its redirect URI is Roster's public https:// address followed by {RedirectPath}",
                    provider.DisplayName, provider.CallbackPath);
            }
            if (keyRing.Certificate is { } certificate)
            {
                log.LogInformation("Data Protection keys: {KeysLocation}, encrypted with the certificate {Subject} ({Thumbprint})",
                    keyRing.Where(database), certificate.Subject, certificate.Thumbprint);
            }
            else
            {
                log.LogWarning("The Data Protection keys in {KeysLocation} are not encrypted at rest: protect "
                    + (keyRing.Store == KeyRingStore.Folder ? "that folder like the database" : "the database and its backups")
                    + ", or set " + KeyRing.CertificateSetting + ".", keyRing.Where(database));
            }
        });
        app.Lifetime.ApplicationStopping.Register(() => log.LogInformation("Shutting down"));
    }
}
