using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;

namespace Roster.Benchmarks.Account;

/// <summary>One request of the mix: a user (with its groups) reading, uploading to or deleting an asset in a folder.</summary>
public sealed record BenchRequest(RequestPrincipal.User Principal, string Action, RequestResource.Asset Resource);

/// <summary>
/// The request mix: reads, uploads and deletes of an asset in a folder one to eight deep. Half of the
/// requests go below a folder that the user or one of its groups was given a role on (so many are allowed,
/// and the deciding policies are found through the folder chain), half to a folder anywhere in the account
/// (mostly denied, unless the user administers that product environment).
/// </summary>
public static class RequestMix
{
    private static readonly (string Action, int Weight)[] _actions =
    [
        (CloudinaryActions.Read, 60), (CloudinaryActions.Create, 25), (CloudinaryActions.Delete, 15),
    ];

    public static IReadOnlyList<BenchRequest> Generate(SyntheticAccount account, AccountShape shape)
    {
        // Its own seed, so that a different request count does not change the account.
        var random = new Random(shape.Seed ^ 0x5EED);
        var grantsByPrincipal = account.FolderGrants
            .GroupBy(g => g.PrincipalId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var actionWeights = _actions.Select(a => a.Weight).ToArray();

        var requests = new List<BenchRequest>(shape.Requests);
        for (var i = 0; i < shape.Requests; i++)
        {
            var user = account.Users[random.Next(account.Users.Count)];
            var action = _actions[AccountGenerator.Pick(random, actionWeights)].Action;
            var reachable = (grantsByPrincipal.GetValueOrDefault(user.Id) ?? [])
                .Concat(user.GroupIds.SelectMany(g => grantsByPrincipal.GetValueOrDefault(g) ?? []))
                .ToList();
            var folder = reachable.Count > 0 && random.Next(2) == 0
                ? Below(random, account.FoldersById[reachable[random.Next(reachable.Count)].FolderId!])
                : Anywhere(random, account, shape);
            var asset = new RequestResource.Asset(
                folder.ProductEnvironmentId,
                Ids.New(random),
                folder.Path,
                AccessMode: random.Next(10) < 7 ? "public" : "authenticated");
            requests.Add(new BenchRequest(new RequestPrincipal.User(user.Id, user.GroupIds), action, asset));
        }
        return requests;
    }

    /// <summary>The folder itself or one of its descendants, walking down a random number of levels.</summary>
    private static SyntheticFolder Below(Random random, SyntheticFolder folder)
    {
        var steps = random.Next(0, 8 - Math.Min(folder.Depth, 8) + 1);
        for (var i = 0; i < steps && folder.Children.Count > 0; i++) folder = folder.Children[random.Next(folder.Children.Count)];
        return folder;
    }

    private static SyntheticFolder Anywhere(Random random, SyntheticAccount account, AccountShape shape)
    {
        var levels = account.FoldersByDepth[random.Next(account.FoldersByDepth.Count)];
        var level = levels[random.Next(Math.Min(shape.FolderDepth, levels.Count))];
        return level[random.Next(level.Count)];
    }
}
