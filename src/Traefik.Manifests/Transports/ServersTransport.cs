using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>
/// A Traefik <c>ServersTransport</c>: how Traefik connects to the servers of the Kubernetes Services
/// that reference it (TLS verification, client certificates, timeouts, HTTP/2). A Service reference
/// uses it through its <c>serversTransport</c> field; see <see cref="ServersTransports.Link"/>.
/// </summary>
public sealed record ServersTransport : KubernetesObject
{
    /// <summary>The transport spec.</summary>
    [JsonPropertyOrder(-1)]
    public required ServersTransportSpec Spec { get; init; }
}
