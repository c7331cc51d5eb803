using System.Diagnostics;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Benchmarks.Account;

/// <summary>
/// Generates a realistic Enterprise account from a seed: users in zero to three groups, product environments
/// each with folder trees <see cref="AccountShape.FolderDepth"/> deep, folder roles granted to users and groups
/// (more often on the upper folders, as teams share their top folders), and a few hundred account and
/// product-environment roles (master admins, admins, Media Library admins, reports, billing).
/// </summary>
public static class AccountGenerator
{
    // Weights of the depth of a granted folder, from the top folder down: most shares are near the top.
    private static readonly int[] _grantDepthWeights = [30, 25, 15, 10, 8, 6, 3, 3];

    private static readonly (string Role, int Weight)[] _folderRoles =
    [
        (R.FolderViewer, 40), (R.FolderContributor, 25), (R.FolderEditor, 20), (R.FolderManager, 15),
    ];

    // The account and product-environment grants: role, how many, whether groups may hold it.
    private static readonly (string Role, int Count, bool Groups)[] _globalGrants =
    [
        (R.AccountMasterAdmin, 3, false),
        (R.AccountAdmin, 10, false),
        (R.AccountTechnicalAdmin, 5, false),
        (R.AccountBilling, 3, false),
        (R.AccountReports, 20, true),
        (R.ProdenvAdmin, 40, true),
        (R.ProdenvTechnicalAdmin, 20, false),
        (R.ProdenvMediaLibraryAdmin, 120, true),
        (R.ProdenvReports, 60, true),
        (R.ProdenvBilling, 10, false),
    ];

    public static SyntheticAccount Generate(AccountShape shape)
    {
        var random = new Random(shape.Seed);
        var accountId = Ids.New(random);

        var groupIds = Enumerable.Range(0, shape.Groups).Select(_ => Ids.New(random)).ToList();
        var users = new List<SyntheticUser>(shape.Users);
        for (var i = 0; i < shape.Users; i++)
        {
            var id = Ids.New(random);
            var groupCount = Math.Min(random.Next(0, 4), groupIds.Count);
            var groups = new List<string>(groupCount);
            while (groups.Count < groupCount)
            {
                var group = groupIds[random.Next(groupIds.Count)];
                if (!groups.Contains(group)) groups.Add(group);
            }
            users.Add(new SyntheticUser(id, groups));
        }

        var productEnvironmentIds = Enumerable.Range(0, shape.ProductEnvironments).Select(_ => Ids.New(random)).ToList();
        var foldersById = new Dictionary<string, SyntheticFolder>(StringComparer.Ordinal);
        var foldersByDepth = productEnvironmentIds
            .Select(pe => GrowFolders(random, shape, pe, foldersById))
            .ToList();

        var folderGrants = new List<Grant>(shape.FolderGrants);
        for (var i = 0; i < shape.FolderGrants; i++)
        {
            var pe = random.Next(productEnvironmentIds.Count);
            var level = foldersByDepth[pe][Math.Min(Pick(random, _grantDepthWeights), shape.FolderDepth - 1)];
            var folder = level[random.Next(level.Count)];
            var role = _folderRoles[Pick(random, [.. _folderRoles.Select(r => r.Weight)])].Role;
            var (type, principal) = random.Next(4) == 0 && groupIds.Count > 0
                ? (PrincipalType.Group, groupIds[random.Next(groupIds.Count)])
                : (PrincipalType.User, users[random.Next(users.Count)].Id);
            folderGrants.Add(new Grant(Ids.New(random), type, principal, role, productEnvironmentIds[pe], folder.Id, null));
        }

        var globalGrants = new List<Grant>();
        foreach (var (role, count, groupsMayHold) in _globalGrants)
        {
            var scope = CloudinaryCatalogue.FindRole(role)!.ScopeType;
            for (var i = 0; i < count; i++)
            {
                var (type, principal) = groupsMayHold && random.Next(3) == 0 && groupIds.Count > 0
                    ? (PrincipalType.Group, groupIds[random.Next(groupIds.Count)])
                    : (PrincipalType.User, users[random.Next(users.Count)].Id);
                var pe = scope == ScopeType.Account ? null : productEnvironmentIds[random.Next(productEnvironmentIds.Count)];
                globalGrants.Add(new Grant(Ids.New(random), type, principal, role, pe, null, null));
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var policies = AccountPolicyBuilder.Build(accountId, [], [.. globalGrants, .. folderGrants], []);
        var buildTime = stopwatch.Elapsed;
        // Every generated grant must take effect, or the benchmark would measure a smaller account than it says.
        if (policies.IgnoredGrants.Count > 0 || policies.Problems.Count > 0)
            throw new InvalidOperationException(
                $"The generated account has {policies.IgnoredGrants.Count} ignored grants and these problems: {string.Join("; ", policies.Problems)}");

        return new SyntheticAccount
        {
            AccountId = accountId,
            Users = users,
            GroupIds = groupIds,
            ProductEnvironmentIds = productEnvironmentIds,
            FoldersByDepth = foldersByDepth,
            FoldersById = foldersById,
            FolderGrants = folderGrants,
            GlobalGrants = globalGrants,
            Policies = policies,
            BuildTime = buildTime,
        };
    }

    /// <summary>Top folders, each folder above the last level with one to three subfolders: every branch is FolderDepth deep.</summary>
    private static List<IReadOnlyList<SyntheticFolder>> GrowFolders(
        Random random, AccountShape shape, string productEnvironmentId, Dictionary<string, SyntheticFolder> byId)
    {
        var levels = new List<IReadOnlyList<SyntheticFolder>>();
        var current = Enumerable.Range(0, shape.TopFolders).Select(_ => new SyntheticFolder(Ids.New(random), productEnvironmentId, null)).ToList();
        while (true)
        {
            levels.Add(current);
            foreach (var folder in current) byId.Add(folder.Id, folder);
            if (levels.Count == shape.FolderDepth) return levels;
            var next = new List<SyntheticFolder>();
            foreach (var parent in current)
            {
                var children = random.Next(1, 4);
                for (var c = 0; c < children; c++)
                {
                    var child = new SyntheticFolder(Ids.New(random), productEnvironmentId, parent);
                    parent.Children.Add(child);
                    next.Add(child);
                }
            }
            current = next;
        }
    }

    /// <summary>An index drawn with the given weights.</summary>
    internal static int Pick(Random random, IReadOnlyList<int> weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Count - 1;
    }
}

/// <summary>Ids shaped like Roster's (32 lower-case hex digits), drawn from the seeded generator.</summary>
internal static class Ids
{
    public static string New(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
