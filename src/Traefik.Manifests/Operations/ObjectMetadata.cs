using k8s.Models;

namespace Traefik.Manifests.Operations;

/// <summary>Builds the metadata of objects this library creates, keeping what a user added to existing ones.</summary>
internal static class ObjectMetadata
{
    /// <summary>Label that marks objects written by this library.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedByValue = "traefik-manifests";

    /// <summary>Label naming the route an object belongs to.</summary>
    public const string PartOfLabel = "app.kubernetes.io/part-of";

    /// <summary>Metadata for a new object, or a copy of the existing object's metadata with our labels set.</summary>
    public static V1ObjectMeta For(string name, string @namespace, V1ObjectMeta? existing, string? route = null)
    {
        var labels = existing?.Labels is null
            ? new SortedDictionary<string, string>(StringComparer.Ordinal)
            : new SortedDictionary<string, string>(existing.Labels, StringComparer.Ordinal);
        if (existing is null)
        {
            labels[ManagedByLabel] = ManagedByValue;
            if (route is not null)
            {
                labels[PartOfLabel] = route;
            }
        }

        return Copy(existing) is { } copy
            ? WithLabels(copy, labels)
            : new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = labels };
    }

    /// <summary>A shallow copy of metadata with its own label and annotation dictionaries.</summary>
    public static V1ObjectMeta? Copy(V1ObjectMeta? source) => source is null
        ? null
        : new V1ObjectMeta
        {
            Name = source.Name,
            NamespaceProperty = source.NamespaceProperty,
            Labels = source.Labels is null ? null : new SortedDictionary<string, string>(source.Labels, StringComparer.Ordinal),
            Annotations = source.Annotations is null ? null : new SortedDictionary<string, string>(source.Annotations, StringComparer.Ordinal),
            GenerateName = source.GenerateName,
            Finalizers = source.Finalizers,
            OwnerReferences = source.OwnerReferences,
            Uid = source.Uid,
            ResourceVersion = source.ResourceVersion,
            Generation = source.Generation,
            CreationTimestamp = source.CreationTimestamp,
            DeletionTimestamp = source.DeletionTimestamp,
            DeletionGracePeriodSeconds = source.DeletionGracePeriodSeconds,
            ManagedFields = source.ManagedFields,
            SelfLink = source.SelfLink,
        };

    private static V1ObjectMeta WithLabels(V1ObjectMeta meta, IDictionary<string, string> labels)
    {
        meta.Labels = labels.Count == 0 ? null : labels;
        return meta;
    }
}
