using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>PROXY protocol settings towards a TCP backend.</summary>
public sealed record TcpProxyProtocol : JsonRecord
{
    /// <summary>The PROXY protocol version, 1 or 2.</summary>
    public int? Version { get; init; }
}
