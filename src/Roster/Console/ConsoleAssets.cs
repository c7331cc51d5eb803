using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Roster.ConsolePages;

/// <summary>
/// The console's static files (its stylesheet, vendored scripts), embedded in the assembly so that the one binary
/// serves them wherever it runs; each is named by a hash of its content, so it can be cached for good.
/// </summary>
public static class ConsoleAssets
{
    public const string PathPrefix = "/console/assets";

    /// <summary>How the project file names the embedded files of Console/Assets.</summary>
    private const string ResourcePrefix = "Roster.Console.Assets.";

    private sealed record Asset(byte[] Content, string ContentType);

    private static readonly FrozenDictionary<string, Asset> _byName = Load();

    public static string StylesheetPath { get; } = PathOf("console.css");

    /// <summary>The console's one script: keyboard use of the action menus. Every page works without it.</summary>
    public static string ScriptPath { get; } = PathOf("console.js");

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            assets[name] = new Asset(copy.ToArray(), name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The path that serves <paramref name="name"/>, with its content hash.</summary>
    public static string PathOf(string name)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(_byName[name].Content))[..12];
        return $"{PathPrefix}/{Path.GetFileNameWithoutExtension(name)}.{hash}{Path.GetExtension(name)}";
    }

    public static IResult Serve(string name, HttpContext context)
    {
        // Note: name is "console.<hash>.css"; the hash only makes each version a new URL for caches, the file is found by the rest.
        var parts = name.Split('.');
        if (parts.Length != 3 || !_byName.TryGetValue($"{parts[0]}.{parts[2]}", out var asset))
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
