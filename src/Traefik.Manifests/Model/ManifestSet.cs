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

    private ManifestSet(ImmutableSortedDictionary<ObjectKey, KubernetesObject> objects) => _objects = objects;

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
        return new ManifestSet(_objects.SetItem(value.Key, value));
    }

    /// <summary>Returns a set without the object.</summary>
    public ManifestSet Remove(ObjectKey key) => new(_objects.Remove(key));

    /// <summary>
    /// Returns a set with many objects added or replaced and many removed in one step (removals first), without the
    /// intermediate sets that one <see cref="Set"/> or <see cref="Remove"/> per object would build.
    /// </summary>
    public ManifestSet With(IEnumerable<KubernetesObject> values, IEnumerable<ObjectKey> removed)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(removed);
        var builder = _objects.ToBuilder();
        foreach (var key in removed)
        {
            builder.Remove(key);
        }

        foreach (var value in values)
        {
            builder[value.Key] = value;
        }

        return new ManifestSet(builder.ToImmutable());
    }

    /// <inheritdoc />
    public IEnumerator<KubernetesObject> GetEnumerator() => _objects.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
