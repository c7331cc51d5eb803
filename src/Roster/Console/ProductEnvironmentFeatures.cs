using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>
/// What the signed-in user may do in one product environment: its product-environment-scope <c>Cloudinary::Feature</c>s
/// (API keys), which a user may hold in some product environments and not others, so <see cref="ConsoleFeatures"/>'
/// account-scope decisions cannot tell. Decided by <see cref="Decider"/> like every other decision.
/// </summary>
public static class ProductEnvironmentFeatures
{
    /// <summary>The features the access keys pages ask about.</summary>
    public static IReadOnlyList<string> ApiKeys { get; } =
        [CloudinaryFeatures.ApiKeysView, CloudinaryFeatures.ApiKeysCreate, CloudinaryFeatures.ApiKeysUpdate, CloudinaryFeatures.ApiKeysDelete];

    /// <summary>The decisions for <paramref name="userId"/> on <paramref name="features"/> in one product environment.</summary>
    public static async Task<ConsoleFeatures> DecideAsync(
        Decider decider, string accountId, string userId, string productEnvironmentId, IReadOnlyList<string> features, CancellationToken ct) =>
        (await DecideAsync(decider, accountId, userId, [productEnvironmentId], features, ct))[productEnvironmentId];

    /// <summary>
    /// The decisions on <paramref name="features"/> in each of <paramref name="productEnvironmentIds"/> (a page of a list), in
    /// one batch: one call, however many rows.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ConsoleFeatures>> DecideAsync(
        Decider decider, string accountId, string userId, IReadOnlyList<string> productEnvironmentIds, IReadOnlyList<string> features,
        CancellationToken ct)
    {
        var asked = productEnvironmentIds.Distinct(StringComparer.Ordinal)
            .SelectMany(pe => features.Select(f => (Environment: pe, Feature: f)))
            .ToList();
        var queries = asked
            .Select(a => new AuthorizeQuery(PrincipalType.User, userId, CloudinaryActions.Read,
                new RequestResource.Feature(a.Feature, a.Environment), RecordValue.Empty, ""))
            .ToList();
        var answers = queries.Count == 0 ? default(Outcome<IReadOnlyList<AuthorizeAnswer>>?) : await decider.DecideAsync(accountId, queries, ct);
        var allowed = productEnvironmentIds.Distinct(StringComparer.Ordinal)
            .ToDictionary(pe => pe, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        if (answers is { Succeeded: true } decided)
        {
            for (var i = 0; i < asked.Count; i++)
            {
                if (decided.Value[i].Decision == Decision.Allow)
                {
                    allowed[asked[i].Environment].Add(asked[i].Feature);
                }
            }
        }
        return allowed.ToDictionary(a => a.Key, a => new ConsoleFeatures(a.Value), StringComparer.Ordinal);
    }
}
