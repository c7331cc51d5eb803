using Roster.Authorization.Cedar;

namespace Roster.Authorization.Catalogue;

/// <summary>Small builders for the catalogue's Cedar statements, so the data reads as a table.</summary>
internal static class StatementText
{
    /// <summary>The folder named by the <c>folder_id</c> parameter, as a Cedar entity reference.</summary>
    public static readonly string ParameterFolder = Entity(CloudinaryTypes.Folder, CloudinaryCatalogue.Placeholder(CloudinaryCatalogue.FolderIdParameter));

    /// <summary>The collection named by the <c>collection_id</c> parameter, as a Cedar entity reference.</summary>
    public static readonly string ParameterCollection = Entity(CloudinaryTypes.Collection, CloudinaryCatalogue.Placeholder(CloudinaryCatalogue.CollectionIdParameter));

    public const string IsPublic = "when { resource has access_mode && resource.access_mode == \"public\" }";

    public static string Entity(string type, string id) => $"{type}::{CedarString.Quote(id)}";

    /// <summary>One permit: the actions (all when none are named), the resource scope, optional conditions.</summary>
    public static string Permit(IReadOnlyList<string> actions, string resource, string? conditions = null) =>
        $"permit(principal, {Actions(actions)}, {resource})" + (conditions is null ? ";" : $" {conditions};");

    /// <summary>Every action on the given features (Cloudinary's own form for console features).</summary>
    public static string Features(params string[] featureIds) => featureIds.Length == 1
        ? Permit([], $"resource == {Entity(CloudinaryTypes.Feature, featureIds[0])}")
        : Permit([], $"resource is {CloudinaryTypes.Feature}",
            $"when {{ resource in [{string.Join(", ", featureIds.Select(f => Entity(CloudinaryTypes.Feature, f)))}] }}");

    /// <summary>The actions (all when none are named) on every entity of one type.</summary>
    public static string OnType(string type, params string[] actions) => Permit(actions, $"resource is {type}");

    /// <summary>The actions on the parameter folder and everything in it.</summary>
    public static string InFolder(params string[] actions) => Permit(actions, $"resource in {ParameterFolder}");

    /// <summary>The actions on the parameter collection and the assets in it.</summary>
    public static string InCollection(params string[] actions) => Permit(actions, $"resource in {ParameterCollection}");

    /// <summary>The actions on the parameter collection itself.</summary>
    public static string OnCollection(params string[] actions) => Permit(actions, $"resource == {ParameterCollection}");

    public static string Lines(params string[] statements) => string.Join("\n", statements);

    private static string Actions(IReadOnlyList<string> actions) => actions.Count switch
    {
        0 => "action",
        1 => $"action == {Entity(CloudinaryTypes.Action, actions[0])}",
        _ => $"action in [{string.Join(", ", actions.Select(a => Entity(CloudinaryTypes.Action, a)))}]",
    };
}
