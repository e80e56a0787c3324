using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>How the client IP is taken from the request (by default, the connection's remote address).</summary>
public sealed record IpStrategy : JsonRecord
{
    /// <summary>Take the IP at this position from the right of <c>X-Forwarded-For</c>; 0 means not used.</summary>
    public int? Depth { get; init; }

    /// <summary>IPs or CIDR ranges skipped when reading <c>X-Forwarded-For</c> from the right (ignored when <see cref="Depth"/> is set).</summary>
    [JsonPropertyName("excludedIPs")]
    public ImmutableList<string>? ExcludedIps { get; init; }

    /// <summary>Group IPv6 clients by this prefix length (Traefik 3.2+).</summary>
    public int? Ipv6Subnet { get; init; }
}
