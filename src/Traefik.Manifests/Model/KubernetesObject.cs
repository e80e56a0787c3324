using System.Text.Json.Serialization;
using k8s.Models;

namespace Traefik.Manifests.Model;

/// <summary>A namespaced Kubernetes object: API version, kind and metadata.</summary>
public abstract record KubernetesObject : JsonRecord
{
    /// <summary>The API version, for example <c>traefik.io/v1alpha1</c>.</summary>
    [JsonPropertyOrder(-4)]
    public required string ApiVersion { get; init; }

    /// <summary>The object kind.</summary>
    [JsonPropertyOrder(-3)]
    public required string Kind { get; init; }

    /// <summary>
    /// The object metadata (the Kubernetes client's model). Treat it as read-only: operations copy it
    /// before changing it.
    /// </summary>
    [JsonPropertyOrder(-2)]
    public required V1ObjectMeta Metadata { get; init; }

    /// <summary>The object name.</summary>
    [JsonIgnore]
    public string Name => Metadata.Name ?? string.Empty;

    /// <summary>The object namespace (<c>default</c> when the manifest leaves it out).</summary>
    [JsonIgnore]
    public string Namespace => string.IsNullOrEmpty(Metadata.NamespaceProperty) ? "default" : Metadata.NamespaceProperty;

    /// <summary>The key of this object.</summary>
    [JsonIgnore]
    public ObjectKey Key => new(Kind, Namespace, Name);
}
