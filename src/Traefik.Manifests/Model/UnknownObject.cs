using System.Text.Json;
using System.Text.Json.Serialization;

namespace Traefik.Manifests.Model;

/// <summary>
/// A Kubernetes object of a kind this library does not model (a Deployment, a ConfigMap, a newer
/// Traefik kind). Its fields ride along unchanged.
/// </summary>
public sealed record UnknownObject : KubernetesObject
{
    /// <summary>The object's <c>spec</c>, if any, as read.</summary>
    [JsonPropertyOrder(-1)]
    public JsonElement? Spec { get; init; }
}
