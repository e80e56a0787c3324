namespace Traefik.GitOps.State;

/// <summary>
/// The last few indexes built, by the ids of the indexed folders' trees. A new tree is indexed by applying the
/// tree diff from the most recently used index, so moving between nearby commits costs the changed files.
/// </summary>
internal sealed class StateCache
{
    private const int Capacity = 8;

    private readonly LinkedList<Entry> _entries = new();
    private readonly Lock _gate = new();

    public bool TryGet(string key, out Entry entry)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    entry = node.Value;
                    return true;
                }
            }
        }

        entry = null!;
        return false;
    }

    public Entry? MostRecent()
    {
        lock (_gate)
        {
            return _entries.First?.Value;
        }
    }

    public void Add(string key, IReadOnlyList<string> treeIds, StateIndex index)
    {
        lock (_gate)
        {
            _entries.AddFirst(new Entry(key, treeIds, index));
            while (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }
    }

    /// <summary>An index and the tree ids (one per indexed folder) it was built from.</summary>
    public sealed record Entry(string Key, IReadOnlyList<string> TreeIds, StateIndex Index);
}
