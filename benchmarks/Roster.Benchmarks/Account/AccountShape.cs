using System.Globalization;

namespace Roster.Benchmarks.Account;

/// <summary>
/// The size of the synthetic account and of the request mix. The same shape and seed always give the same
/// account, policies and requests, so the export read by the reference and the account rebuilt for the
/// benchmark are the same.
/// </summary>
public sealed record AccountShape(
    int Seed,
    int Users,
    int Groups,
    int ProductEnvironments,
    int FolderDepth,
    int TopFolders,
    int FolderGrants,
    int Requests)
{
    public static AccountShape Default { get; } = new(
        Seed: 20261122,
        Users: 10_000,
        Groups: 1_000,
        ProductEnvironments: 100,
        FolderDepth: 8,
        TopFolders: 4,
        FolderGrants: 100_000,
        Requests: 10_000);

    /// <summary>The default shape with any <c>BENCH_*</c> environment variable applied.</summary>
    public static AccountShape FromEnvironment() => new(
        Read("BENCH_SEED", Default.Seed),
        Read("BENCH_USERS", Default.Users),
        Read("BENCH_GROUPS", Default.Groups),
        Read("BENCH_PRODUCT_ENVIRONMENTS", Default.ProductEnvironments),
        Read("BENCH_FOLDER_DEPTH", Default.FolderDepth),
        Read("BENCH_TOP_FOLDERS", Default.TopFolders),
        Read("BENCH_FOLDER_GRANTS", Default.FolderGrants),
        Read("BENCH_REQUESTS", Default.Requests));

    private static int Read(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer, not `{text}`.");
    }
}
