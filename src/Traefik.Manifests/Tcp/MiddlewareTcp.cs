using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>A Traefik <c>MiddlewareTCP</c>, used by IngressRouteTCP rules.</summary>
public sealed record MiddlewareTcp : KubernetesObject
{
    /// <summary>The middleware spec.</summary>
    [JsonPropertyOrder(-1)]
    public required MiddlewareTcpSpec Spec { get; init; }
}
