namespace Traefik.GitOps.State;

/// <summary>
/// The last few indexes built, by the id of the root folder's tree. A new tree is indexed by applying the
/// tree diff from the most recently used index, so moving between nearby commits costs the changed files.
/// </summary>
internal sealed class StateCache
{
    private const int Capacity = 8;

    private readonly LinkedList<(string TreeId, StateIndex Index)> _entries = new();
    private readonly Lock _gate = new();

    public bool TryGet(string treeId, out StateIndex index)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.TreeId == treeId)
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    index = node.Value.Index;
                    return true;
                }
            }
        }

        index = null!;
        return false;
    }

    public (string TreeId, StateIndex Index)? MostRecent()
    {
        lock (_gate)
        {
            return _entries.First?.Value;
        }
    }

    public void Add(string treeId, StateIndex index)
    {
        lock (_gate)
        {
            _entries.AddFirst((treeId, index));
            while (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }
    }
}
