using Roster.Authorization.Cedar.Evaluation;

namespace Roster.Authorization.Cedar;

/// <summary>
/// The entities of a request, with each one's transitive ancestors computed once when the store is
/// built, so that <c>in</c> is a hash lookup. Immutable and thread-safe once built.
/// </summary>
public sealed class EntityStore
{
    private readonly Dictionary<EntityUid, EntityEntry> _entries;

    /// <summary>A store without entities.</summary>
    public static readonly EntityStore Empty = new([]);

    /// <summary>Builds the store; throws <see cref="CedarEntityException"/> on a duplicate uid or a parent cycle.</summary>
    public EntityStore(IEnumerable<Entity> entities)
    {
        _entries = [];
        foreach (var entity in entities)
        {
            // Cedar accepts an entity listed twice only when both entries say the same.
            if (!_entries.TryAdd(entity.Uid, new EntityEntry(entity)) && !SameEntity(_entries[entity.Uid].Entity, entity))
                throw new CedarEntityException($"duplicate entity entry `{entity.Uid}`");
        }
        AncestorClosure.Compute(_entries);
    }

    /// <summary>Reads Cedar's JSON entity format (<c>uid</c>, <c>attrs</c>, <c>parents</c>, <c>tags</c>; <c>__entity</c> and <c>__extn</c> escapes).</summary>
    public static EntityStore FromJson(string json) => new(CedarJson.ParseEntities(json));

    /// <summary>How many entities the store holds.</summary>
    public int Count => _entries.Count;

    public bool TryGet(EntityUid uid, out Entity entity)
    {
        if (_entries.TryGetValue(uid, out var entry))
        {
            entity = entry.Entity;
            return true;
        }
        entity = null!;
        return false;
    }

    /// <summary>Cedar's <c>in</c>: true when the two are equal or <paramref name="ancestor"/> is a transitive parent.</summary>
    public bool IsIn(EntityUid entity, EntityUid ancestor) =>
        entity == ancestor || (_entries.TryGetValue(entity, out var entry) && entry.Ancestors.Contains(ancestor));

    /// <summary>Transitive parents (not including the entity itself); empty for unknown entities.</summary>
    public IReadOnlySet<EntityUid> AncestorsOf(EntityUid entity) =>
        _entries.TryGetValue(entity, out var entry) ? entry.Ancestors : EntityEntry.NoAncestors;

    private static bool SameEntity(Entity a, Entity b) =>
        SameMap(a.Attributes, b.Attributes) && SameMap(a.Tags, b.Tags) && a.Parents.ToHashSet().SetEquals(b.Parents);

    private static bool SameMap(IReadOnlyDictionary<string, Value>? a, IReadOnlyDictionary<string, Value>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !other.Equals(value)) return false;
        return true;
    }

    internal EntityEntry? Find(EntityUid uid) => _entries.GetValueOrDefault(uid);
}

/// <summary>Entities that cannot be used: malformed JSON, a duplicate, a cycle, a bad value.</summary>
public sealed class CedarEntityException(string message) : Exception(message);
