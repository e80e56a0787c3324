using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>Limits simultaneous connections per client IP; further connections are closed.</summary>
public sealed record TcpInFlightConnSpec : JsonRecord
{
    /// <summary>The maximum number of simultaneous connections from one IP (0 closes every connection).</summary>
    public long? Amount { get; init; }
}
