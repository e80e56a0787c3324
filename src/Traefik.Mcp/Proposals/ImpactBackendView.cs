using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Traefik.Mcp.Proposals;

/// <summary>A service that answers a router's users.</summary>
public sealed record ImpactBackendView
{
    /// <summary>The Kubernetes Service, or name@provider.</summary>
    [Description("The Kubernetes Service name, or name@provider for a service of another Traefik provider.")]
    public required string Service { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The port as written.</summary>
    public string? Port { get; init; }

    /// <summary>Share of user requests, percent.</summary>
    [Description("Share of the router's user requests, in percent (two decimals).")]
    public required decimal Share { get; init; }

    /// <summary>True for a failover's fallback.</summary>
    [Description("True for the fallback of a failover: it answers only while the failover's service fails (share 0).")]
    public bool? Fallback { get; init; }

    /// <summary>The options it is served with.</summary>
    [Description("The options the backend is served with, by name: serversTransport, sticky, passHostHeader, strategy, scheme, healthCheck, responseForwarding, service-level middlewares…")]
    public required JsonObject Options { get; init; }
}
