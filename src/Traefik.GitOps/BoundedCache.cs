using System.Collections.Concurrent;

namespace Traefik.GitOps;

/// <summary>
/// Values that never change for their key (a tree's entries by tree id, a file's parse by its text),
/// kept for the next plan. Bounded: the least recently added are dropped first. Thread-safe; two threads
/// computing the same missing value both compute it and the first one added is kept.
/// </summary>
internal class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new(comparer);
    private readonly ConcurrentQueue<TKey> _order = new();

    public bool TryGet(TKey key, out TValue value) => _values.TryGetValue(key, out value!);

    public void Add(TKey key, TValue value)
    {
        if (_values.TryAdd(key, value))
        {
            _order.Enqueue(key);
            while (_order.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _values.TryRemove(oldest, out _);
            }
        }
    }

    /// <summary>The cached value, or <paramref name="create"/>'s (kept unless it throws).</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (_values.TryGetValue(key, out var value))
        {
            return value;
        }

        value = create(key);
        Add(key, value);
        return value;
    }
}
