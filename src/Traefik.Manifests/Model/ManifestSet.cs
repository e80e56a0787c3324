using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Traefik.Manifests.Model;

/// <summary>
/// An immutable set of Kubernetes objects keyed by kind, namespace and name: the desired state that
/// operations read and return. Iteration order is by namespace, kind, then name.
/// </summary>
public sealed class ManifestSet : IReadOnlyCollection<KubernetesObject>
{
    private readonly ImmutableSortedDictionary<ObjectKey, KubernetesObject> _objects;

    /// <summary>Who refers to whom; built on first use, carried to derived sets by updating the changed objects only.</summary>
    private ReferenceGraph? _graph;

    private ManifestSet(ImmutableSortedDictionary<ObjectKey, KubernetesObject> objects, ReferenceGraph? graph = null)
    {
        _objects = objects;
        _graph = graph;
    }

    /// <summary>The empty set.</summary>
    public static ManifestSet Empty { get; } = new(ImmutableSortedDictionary<ObjectKey, KubernetesObject>.Empty);

    /// <summary>Number of objects.</summary>
    public int Count => _objects.Count;

    /// <summary>Every key in the set.</summary>
    public IEnumerable<ObjectKey> Keys => _objects.Keys;

    /// <summary>Builds a set; a later object with the same key replaces an earlier one.</summary>
    public static ManifestSet From(IEnumerable<KubernetesObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var builder = ImmutableSortedDictionary.CreateBuilder<ObjectKey, KubernetesObject>();
        foreach (var o in objects)
        {
            builder[o.Key] = o;
        }

        return new ManifestSet(builder.ToImmutable());
    }

    /// <summary>True when an object with this key exists.</summary>
    public bool Contains(ObjectKey key) => _objects.ContainsKey(key);

    /// <summary>Finds an object by key.</summary>
    public bool TryGet(ObjectKey key, [NotNullWhen(true)] out KubernetesObject? value) => _objects.TryGetValue(key, out value);

    /// <summary>Finds an object of a given type.</summary>
    public T? Find<T>(string kind, string @namespace, string name)
        where T : KubernetesObject =>
        _objects.TryGetValue(new ObjectKey(kind, @namespace, name), out var o) ? o as T : null;

    /// <summary>All objects of a given type.</summary>
    public IEnumerable<T> OfType<T>()
        where T : KubernetesObject => _objects.Values.OfType<T>();

    /// <summary>Returns a set with the object added or replaced.</summary>
    public ManifestSet Set(KubernetesObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ManifestSet(_objects.SetItem(value.Key, value), Volatile.Read(ref _graph)?.With([value], []));
    }

    /// <summary>Returns a set without the object.</summary>
    public ManifestSet Remove(ObjectKey key) => new(_objects.Remove(key), Volatile.Read(ref _graph)?.With([], [key]));

    /// <summary>
    /// Returns a set with many objects added or replaced and many removed in one step (removals first), without the
    /// intermediate sets that one <see cref="Set"/> or <see cref="Remove"/> per object would build.
    /// </summary>
    public ManifestSet With(IEnumerable<KubernetesObject> values, IEnumerable<ObjectKey> removed)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(removed);
        var builder = _objects.ToBuilder();
        var removedKeys = removed as IReadOnlyCollection<ObjectKey> ?? [.. removed];
        var added = values as IReadOnlyCollection<KubernetesObject> ?? [.. values];
        foreach (var key in removedKeys)
        {
            builder.Remove(key);
        }

        foreach (var value in added)
        {
            builder[value.Key] = value;
        }

        return new ManifestSet(builder.ToImmutable(), Volatile.Read(ref _graph)?.With(added, removedKeys));
    }

    /// <summary>The references between the objects of this set (built on first use; thread-safe).</summary>
    internal ReferenceGraph Graph
    {
        get
        {
            var graph = Volatile.Read(ref _graph);
            if (graph is null)
            {
                graph = ReferenceGraph.Build(_objects.Values);
                graph = Interlocked.CompareExchange(ref _graph, graph, null) ?? graph;
            }

            return graph;
        }
    }

    /// <inheritdoc />
    public IEnumerator<KubernetesObject> GetEnumerator() => _objects.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
