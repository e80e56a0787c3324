using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>A Traefik <c>IngressRouteTCP</c>: TCP routing rules for one or more entry points.</summary>
public sealed record IngressRouteTcp : KubernetesObject
{
    /// <summary>The route spec.</summary>
    [JsonPropertyOrder(-1)]
    public required IngressRouteTcpSpec Spec { get; init; }
}
