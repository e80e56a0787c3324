using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>ipAllowList</c>: only clients from the given IPs or CIDR ranges get through.</summary>
public sealed record IpAllowListSpec : JsonRecord
{
    /// <summary>Allowed IPs or CIDR ranges (IPv4 or IPv6).</summary>
    public ImmutableList<string>? SourceRange { get; init; }

    /// <summary>How the client IP is taken from the request.</summary>
    public IpStrategy? IpStrategy { get; init; }

    /// <summary>Status answered to other clients.</summary>
    /// <value>Traefik's default is 403.</value>
    public int? RejectStatusCode { get; init; }
}
