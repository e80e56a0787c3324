using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>
/// The spec of a <see cref="MiddlewareTcp"/>: exactly one member is set. The deprecated
/// <c>ipWhiteList</c> rides along in <see cref="JsonRecord.AdditionalFields"/>; use <see cref="IpAllowList"/>.
/// </summary>
public sealed record MiddlewareTcpSpec : JsonRecord
{
    /// <summary>Limit simultaneous connections per client IP.</summary>
    public TcpInFlightConnSpec? InFlightConn { get; init; }

    /// <summary>Accept connections only from the given IPs and ranges.</summary>
    public TcpIpAllowListSpec? IpAllowList { get; init; }
}
