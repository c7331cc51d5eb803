namespace Roster.Authorization.Cedar;

/// <summary>The entities of a request, with each one's ancestors precomputed. (Stub: being written.)</summary>
public sealed class EntityStore
{
    /// <summary>Builds the store; throws <see cref="CedarEntityException"/> on a duplicate uid or a parent cycle.</summary>
    public EntityStore(IEnumerable<Entity> entities) => throw new NotImplementedException();

    /// <summary>Reads Cedar's JSON entity format (<c>uid</c>, <c>attrs</c>, <c>parents</c>, <c>tags</c>; <c>__entity</c> and <c>__extn</c> escapes).</summary>
    public static EntityStore FromJson(string json) => throw new NotImplementedException();

    public bool TryGet(EntityUid uid, out Entity entity) => throw new NotImplementedException();

    /// <summary>Cedar's <c>in</c>: true when the two are equal or <paramref name="ancestor"/> is a transitive parent.</summary>
    public bool IsIn(EntityUid entity, EntityUid ancestor) => throw new NotImplementedException();

    /// <summary>Transitive parents (not including the entity itself); empty for unknown entities.</summary>
    public IReadOnlySet<EntityUid> AncestorsOf(EntityUid entity) => throw new NotImplementedException();
}

/// <summary>Entities that cannot be used: malformed JSON, a duplicate, a cycle, a bad value.</summary>
public sealed class CedarEntityException(string message) : Exception(message);
