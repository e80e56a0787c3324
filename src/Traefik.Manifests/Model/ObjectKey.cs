namespace Traefik.Manifests.Model;

/// <summary>Identifies a namespaced Kubernetes object: kind, namespace and name.</summary>
/// <param name="Kind">The object kind, for example <c>IngressRoute</c>.</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The object name.</param>
public readonly record struct ObjectKey(string Kind, string Namespace, string Name) : IComparable<ObjectKey>
{
    /// <inheritdoc />
    public int CompareTo(ObjectKey other)
    {
        var c = string.CompareOrdinal(Namespace, other.Namespace);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(Kind, other.Kind);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>Formats the key as <c>Kind namespace/name</c>.</summary>
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
