using Roster.Authorization.Cedar;
using T = Roster.Authorization.Catalogue.CloudinaryTypes;

namespace Roster.Authorization.Permissions;

/// <summary>
/// Builds the entities of one request from plain data: the principal, the account, the resource with
/// everything above it (folders up to their product environment, the product environment up to the
/// account) and the action. Folders and assets carry <c>ancestor_ids</c>, the ids of the folders from the
/// top down to them (a folder's own id included).
/// </summary>
public static class RequestEntities
{
    public static EntityUid AccountUid(string accountId) => new(T.Account, accountId);
    public static EntityUid ProductEnvironmentUid(string id) => new(T.ProductEnvironment, id);
    public static EntityUid FolderUid(string id) => new(T.Folder, id);
    public static EntityUid CollectionUid(string id) => new(T.Collection, id);
    public static EntityUid UserUid(string id) => new(T.User, id);
    public static EntityUid GroupUid(string id) => new(T.Group, id);
    public static EntityUid ApiKeyUid(string key) => new(T.ApiKey, key);
    public static EntityUid ActionUid(string action) => new(T.Action, action);

    public static EntityUid PrincipalUid(RequestPrincipal principal) => principal switch
    {
        RequestPrincipal.User user => UserUid(user.Id),
        RequestPrincipal.ApiKey key => ApiKeyUid(key.Key),
        _ => throw new ArgumentOutOfRangeException(nameof(principal)),
    };

    public static EntityUid ResourceUid(string accountId, RequestResource resource) => resource switch
    {
        RequestResource.Account => AccountUid(accountId),
        RequestResource.ProductEnvironment pe => ProductEnvironmentUid(pe.Id),
        RequestResource.Folder folder => FolderUid(LastOf(folder.Path)),
        RequestResource.Asset asset => new EntityUid(T.Asset, asset.Id),
        RequestResource.Collection collection => CollectionUid(collection.Id),
        RequestResource.Feature feature => new EntityUid(T.Feature, feature.Id),
        RequestResource.UploadPreset preset => new EntityUid(T.UploadPreset, preset.Name),
        RequestResource.UploadMapping mapping => new EntityUid(T.UploadMapping, mapping.FolderName),
        RequestResource.Report report => new EntityUid(T.Report, report.Id),
        RequestResource.User user => UserUid(user.Id),
        RequestResource.Group group => GroupUid(group.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    /// <summary>The request and its entities.</summary>
    public static (AuthorizationRequest Request, EntityStore Entities) Build(
        string accountId, RequestPrincipal principal, string action, RequestResource resource, RecordValue? context = null)
    {
        var builder = new Builder(accountId);
        builder.AddPrincipal(principal);
        builder.AddResource(resource);
        builder.Add(ActionUid(action));
        var request = new AuthorizationRequest(PrincipalUid(principal), ActionUid(action), ResourceUid(accountId, resource), context ?? RecordValue.Empty);
        return (request, new EntityStore(builder.Entities));
    }

    private static string LastOf(IReadOnlyList<string> path) =>
        path.Count > 0 ? path[^1] : throw new ArgumentException("A folder's path names at least the folder itself.", nameof(path));

    private sealed class Builder(string accountId)
    {
        // The first description of an entity wins: the principal comes first, so a user who is also the
        // resource keeps its groups.
        private readonly Dictionary<EntityUid, Entity> _entities = [];
        private readonly EntityUid _account = AccountUid(accountId);

        public IEnumerable<Entity> Entities => _entities.Values;

        public void Add(EntityUid uid, IReadOnlyDictionary<string, Value>? attributes = null, params EntityUid[] parents) =>
            _entities.TryAdd(uid, new Entity(uid, attributes ?? new Dictionary<string, Value>(), parents));

        public void AddPrincipal(RequestPrincipal principal)
        {
            Add(_account);
            switch (principal)
            {
                case RequestPrincipal.User user:
                    AddUser(user.Id, user.GroupIds, user.Email);
                    break;
                case RequestPrincipal.ApiKey key:
                    AddProductEnvironment(key.ProductEnvironmentId);
                    Add(ApiKeyUid(key.Key), null, ProductEnvironmentUid(key.ProductEnvironmentId));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(principal));
            }
        }

        public void AddResource(RequestResource resource)
        {
            switch (resource)
            {
                case RequestResource.Account:
                    break;
                case RequestResource.ProductEnvironment pe:
                    AddProductEnvironment(pe.Id, pe.CloudName);
                    break;
                case RequestResource.Folder folder:
                    AddFolders(folder.ProductEnvironmentId, folder.Path, folder.PathName);
                    break;
                case RequestResource.Asset asset:
                    AddAsset(asset);
                    break;
                case RequestResource.Collection collection:
                    AddProductEnvironment(collection.ProductEnvironmentId);
                    Add(CollectionUid(collection.Id), null, ProductEnvironmentUid(collection.ProductEnvironmentId));
                    break;
                case RequestResource.Feature feature:
                    Add(ResourceUid(accountId, feature), null, ScopeOf(feature.ProductEnvironmentId));
                    break;
                case RequestResource.UploadPreset preset:
                    AddProductEnvironment(preset.ProductEnvironmentId);
                    Add(ResourceUid(accountId, preset), null, ProductEnvironmentUid(preset.ProductEnvironmentId));
                    break;
                case RequestResource.UploadMapping mapping:
                    AddProductEnvironment(mapping.ProductEnvironmentId);
                    Add(ResourceUid(accountId, mapping), null, ProductEnvironmentUid(mapping.ProductEnvironmentId));
                    break;
                case RequestResource.Report report:
                    Add(ResourceUid(accountId, report), null, ScopeOf(report.ProductEnvironmentId));
                    break;
                case RequestResource.User user:
                    AddUser(user.Id, user.GroupIds ?? [], user.Email);
                    break;
                case RequestResource.Group group:
                    AddGroup(group.Id, group.Name);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(resource));
            }
        }

        private EntityUid ScopeOf(string? productEnvironmentId)
        {
            if (productEnvironmentId is null) return _account;
            AddProductEnvironment(productEnvironmentId);
            return ProductEnvironmentUid(productEnvironmentId);
        }

        private void AddProductEnvironment(string id, string? cloudName = null) =>
            Add(ProductEnvironmentUid(id), cloudName is null ? null : new Dictionary<string, Value> { ["cloud_name"] = new StringValue(cloudName) }, _account);

        private void AddUser(string id, IReadOnlyList<string> groupIds, string? email)
        {
            foreach (var group in groupIds) AddGroup(group, null);
            var attributes = email is null ? null : new Dictionary<string, Value> { ["email"] = new StringValue(email) };
            Add(UserUid(id), attributes, [.. groupIds.Select(GroupUid), _account]);
        }

        private void AddGroup(string id, string? name) =>
            Add(GroupUid(id), name is null ? null : new Dictionary<string, Value> { ["name"] = new StringValue(name) }, _account);

        /// <summary>Adds the folders of a path, each a child of the one above; the top folder is a child of the product environment.</summary>
        private void AddFolders(string productEnvironmentId, IReadOnlyList<string> path, string? pathName = null)
        {
            AddProductEnvironment(productEnvironmentId);
            var parent = ProductEnvironmentUid(productEnvironmentId);
            for (var i = 0; i < path.Count; i++)
            {
                var attributes = new Dictionary<string, Value> { ["ancestor_ids"] = Ids(path.Take(i + 1)) };
                if (pathName is not null && i == path.Count - 1) attributes["path"] = new StringValue(pathName);
                Add(FolderUid(path[i]), attributes, parent);
                parent = FolderUid(path[i]);
            }
        }

        private void AddAsset(RequestResource.Asset asset)
        {
            AddFolders(asset.ProductEnvironmentId, asset.FolderPath);
            var pe = ProductEnvironmentUid(asset.ProductEnvironmentId);
            var collections = (asset.CollectionIds ?? []).Distinct().Select(CollectionUid).ToList();
            foreach (var collection in collections) Add(collection, null, pe);
            var attributes = new Dictionary<string, Value> { ["ancestor_ids"] = Ids(asset.FolderPath) };
            if (asset.AccessMode is not null) attributes["access_mode"] = new StringValue(asset.AccessMode);
            if (asset.Tags is not null) attributes["tags"] = Ids(asset.Tags);
            EntityUid[] parents = [asset.FolderPath.Count > 0 ? FolderUid(asset.FolderPath[^1]) : pe, .. collections];
            Add(ResourceUid(accountId, asset), attributes, parents);
        }

        private static SetValue Ids(IEnumerable<string> ids) => new(ids.Select(id => (Value)new StringValue(id)));
    }
}
