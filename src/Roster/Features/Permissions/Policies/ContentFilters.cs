using Roster.Authorization.Catalogue;

namespace Roster.Features.Permissions;

/// <summary>
/// The content filters of the read endpoints: <c>folder_id</c>, <c>collection_id</c>, and <c>param_key[]</c> with
/// <c>param_value[]</c> pairs. They narrow a content role to one folder or collection. <c>asset_id</c> is not supported yet.
/// </summary>
public sealed record ContentFilters(SortedDictionary<string, string>? Parameters)
{
    /// <summary>The filters; refusals are recorded in <paramref name="input"/>.</summary>
    public static ContentFilters Read(PermissionsInput input)
    {
        if (input.Id("asset_id") is { } assetId)
        {
            return input.Invalid<ContentFilters>("asset_id", assetId, "Filtering by asset_id is not supported yet; use folder_id or collection_id.") ?? new((SortedDictionary<string, string>?)null);
        }
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var keys = input.IdList("param_key") ?? [];
        var values = input.IdList("param_value") ?? [];
        if (keys.Count != values.Count)
        {
            return input.Invalid<ContentFilters>("param_value", values.Count, "Give one param_value for each param_key.") ?? new((SortedDictionary<string, string>?)null);
        }
        for (var i = 0; i < keys.Count; i++)
        {
            parameters[keys[i]] = values[i];
        }
        if (input.Id("folder_id") is { } folderId)
        {
            parameters[CloudinaryCatalogue.FolderIdParameter] = folderId;
        }
        if (input.Id("collection_id") is { } collectionId)
        {
            parameters[CloudinaryCatalogue.CollectionIdParameter] = collectionId;
        }
        return new(parameters.Count == 0 ? null : parameters);
    }

    /// <summary>Whether an assignment's parameters hold every filtered value.</summary>
    public bool Match(IReadOnlyDictionary<string, string> assignment) =>
        Parameters is null || Parameters.All(p => assignment.TryGetValue(p.Key, out var v) && v == p.Value);
}
