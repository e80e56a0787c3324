using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>What groups requests together for <c>rateLimit</c> and <c>inFlightReq</c>. Set at most one member.</summary>
public sealed record SourceCriterion : JsonRecord
{
    /// <summary>Group by client IP, taken as described.</summary>
    public IpStrategy? IpStrategy { get; init; }

    /// <summary>Group by the value of this request header.</summary>
    public string? RequestHeaderName { get; init; }

    /// <summary>Group by the request host.</summary>
    public bool? RequestHost { get; init; }
}
