using System.Text.Json.Serialization;
using k8s.Models;

namespace Traefik.Manifests.Model;

/// <summary>
/// A core Kubernetes <c>Service</c> (apiVersion <c>v1</c>). Only its annotations are ever changed by
/// this library (for users of Traefik's Kubernetes Ingress provider).
/// </summary>
public sealed record CoreService : KubernetesObject
{
    /// <summary>The Service spec (the Kubernetes client's model).</summary>
    [JsonPropertyOrder(-1)]
    public V1ServiceSpec? Spec { get; init; }

    /// <summary>The Service status, if the manifest has one.</summary>
    public V1ServiceStatus? Status { get; init; }
}
