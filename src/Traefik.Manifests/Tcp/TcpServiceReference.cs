using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>A Kubernetes Service behind an IngressRouteTCP rule.</summary>
public sealed record TcpServiceReference : JsonRecord
{
    /// <summary>The Kubernetes Service name.</summary>
    public required string Name { get; init; }

    /// <summary>The Service namespace; absent means the route's namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The Service port, by number or name (required by the CRD).</summary>
    public IntOrString? Port { get; init; }

    /// <summary>Relative weight when a rule has several services; absent means 1.</summary>
    public int? Weight { get; init; }

    /// <summary>Dial the backend over TLS.</summary>
    public bool? Tls { get; init; }

    /// <summary>PROXY protocol towards the backend (deprecated in favour of ServersTransportTCP).</summary>
    public TcpProxyProtocol? ProxyProtocol { get; init; }

    /// <summary>The ServersTransportTCP to use (not an HTTP ServersTransport).</summary>
    public string? ServersTransport { get; init; }

    /// <summary>Use the Service ClusterIP as the single server.</summary>
    public bool? NativeLB { get; init; }

    /// <summary>Use node IPs and the node port of a NodePort Service.</summary>
    public bool? NodePortLB { get; init; }

    /// <summary>
    /// Milliseconds to keep reading after the peer closed its write side (Traefik default 100; negative
    /// means forever). Deprecated in favour of ServersTransportTCP.
    /// </summary>
    public long? TerminationDelay { get; init; }
}
