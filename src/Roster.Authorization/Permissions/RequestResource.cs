namespace Roster.Authorization.Permissions;

/// <summary>
/// What a request is about, as plain data; <see cref="RequestEntities"/> turns it into Cedar entities
/// with their hierarchy. Folder paths list folder ids from the top folder down: a folder's path ends with
/// the folder itself, an asset's with the folder it is in (empty for the root folder).
/// </summary>
public abstract record RequestResource
{
    private RequestResource() { }

    /// <summary>The account itself.</summary>
    public sealed record Account : RequestResource;

    public sealed record ProductEnvironment(string Id, string? CloudName = null) : RequestResource;

    /// <param name="Path">Folder ids from the top folder down to this folder (not empty).</param>
    public sealed record Folder(string ProductEnvironmentId, IReadOnlyList<string> Path, string? PathName = null) : RequestResource;

    /// <param name="FolderPath">Folder ids from the top folder down to the asset's folder; empty in the root folder.</param>
    /// <param name="CollectionIds">The collections the asset is in.</param>
    public sealed record Asset(
        string ProductEnvironmentId,
        string Id,
        IReadOnlyList<string> FolderPath,
        IReadOnlyList<string>? CollectionIds = null,
        string? AccessMode = null,
        IReadOnlyList<string>? Tags = null) : RequestResource;

    public sealed record Collection(string ProductEnvironmentId, string Id) : RequestResource;

    /// <summary>A console feature (<see cref="Catalogue.CloudinaryFeatures"/>); account features have no product environment.</summary>
    public sealed record Feature(string Id, string? ProductEnvironmentId = null) : RequestResource;

    public sealed record UploadPreset(string ProductEnvironmentId, string Name) : RequestResource;

    public sealed record UploadMapping(string ProductEnvironmentId, string FolderName) : RequestResource;

    /// <summary>A report; account reports have no product environment.</summary>
    public sealed record Report(string Id, string? ProductEnvironmentId = null) : RequestResource;

    /// <summary>A user of the account as the object of a request (user management).</summary>
    public sealed record User(string Id, IReadOnlyList<string>? GroupIds = null, string? Email = null) : RequestResource;

    public sealed record Group(string Id, string? Name = null) : RequestResource;
}
