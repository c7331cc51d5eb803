using System.Collections.Frozen;

namespace Roster.Authorization.Cedar.Evaluation;

/// <summary>An entity as the evaluator reads it: attributes, tags (never null) and all ancestors.</summary>
internal sealed class EntityEntry(Entity entity)
{
    public static readonly IReadOnlySet<EntityUid> NoAncestors = FrozenSet<EntityUid>.Empty;
    private static readonly IReadOnlyDictionary<string, Value> _noTags = FrozenDictionary<string, Value>.Empty;

    public Entity Entity { get; } = entity;
    public IReadOnlyDictionary<string, Value> Attributes { get; } = entity.Attributes;
    public IReadOnlyDictionary<string, Value> Tags { get; } = entity.Tags ?? _noTags;
    public IReadOnlySet<EntityUid> Ancestors { get; private set; } = NoAncestors;

    /// <summary>The ancestors' hashes: most <c>in</c> checks fail, and this answers them without reading any uid's strings.</summary>
    public IReadOnlySet<int> AncestorHashes { get; private set; } = _noHashes;

    private static readonly IReadOnlySet<int> _noHashes = FrozenSet<int>.Empty;

    public void SetAncestors(HashSet<EntityUid> ancestors)
    {
        Ancestors = ancestors;
        var hashes = new HashSet<int>(ancestors.Count);
        foreach (var ancestor in ancestors) hashes.Add(ancestor.GetHashCode());
        AncestorHashes = hashes;
    }

    /// <summary>Whether <paramref name="ancestor"/> (with its hash) is among the ancestors.</summary>
    public bool HasAncestor(EntityUid ancestor, int hash) => AncestorHashes.Contains(hash) && Ancestors.Contains(ancestor);
}

/// <summary>Computes every entity's transitive ancestors, refusing cycles.</summary>
internal static class AncestorClosure
{
    private enum State : byte { New, Visiting, Done }

    public static void Compute(Dictionary<EntityUid, EntityEntry> entries)
    {
        var state = new Dictionary<EntityUid, State>(entries.Count);
        // Depth-first with an explicit stack: hierarchies can be deeper than the call stack.
        var stack = new Stack<(EntityEntry Entry, IEnumerator<EntityUid> Parents)>();
        foreach (var root in entries.Values)
        {
            if (state.GetValueOrDefault(root.Entity.Uid) == State.Done) continue;
            state[root.Entity.Uid] = State.Visiting;
            stack.Push((root, root.Entity.Parents.GetEnumerator()));
            while (stack.Count > 0)
            {
                var (entry, parents) = stack.Peek();
                if (parents.MoveNext())
                {
                    var parent = parents.Current;
                    if (!entries.TryGetValue(parent, out var parentEntry)) continue;
                    switch (state.GetValueOrDefault(parent))
                    {
                        case State.Visiting:
                            throw new CedarEntityException($"input graph has a cycle containing vertex `{parent}`");
                        case State.New:
                            state[parent] = State.Visiting;
                            stack.Push((parentEntry, parentEntry.Entity.Parents.GetEnumerator()));
                            break;
                        case State.Done:
                            break;
                    }
                    continue;
                }
                stack.Pop();
                parents.Dispose();
                if (entry.Entity.Parents.Count > 0) entry.SetAncestors(Collect(entry, entries));
                state[entry.Entity.Uid] = State.Done;
            }
        }
    }

    // Every parent is done by now, so its own ancestors are complete.
    private static HashSet<EntityUid> Collect(EntityEntry entry, Dictionary<EntityUid, EntityEntry> entries)
    {
        var ancestors = new HashSet<EntityUid>();
        foreach (var parent in entry.Entity.Parents)
        {
            ancestors.Add(parent);
            if (entries.TryGetValue(parent, out var parentEntry)) ancestors.UnionWith(parentEntry.Ancestors);
        }
        return ancestors;
    }
}
