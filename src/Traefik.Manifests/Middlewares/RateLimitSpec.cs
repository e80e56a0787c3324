using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// <c>rateLimit</c>: allows <c>average</c> requests per <c>period</c> per source, with bursts of up to
/// <c>burst</c>; excess requests get 429.
/// </summary>
public sealed record RateLimitSpec : JsonRecord
{
    /// <summary>Allowed average requests per period; 0 means no limit.</summary>
    public long? Average { get; init; }

    /// <summary>The period the average is counted over (integer seconds or a duration such as <c>1s</c>).</summary>
    /// <value>Traefik's default is 1s.</value>
    public IntOrString? Period { get; init; }

    /// <summary>Maximum number of requests allowed in a burst.</summary>
    /// <value>Traefik's default is 1.</value>
    public long? Burst { get; init; }

    /// <summary>What counts as one source (Traefik's default for this middleware: the remote address).</summary>
    public SourceCriterion? SourceCriterion { get; init; }

    /// <summary>Share the counters between Traefik instances through Redis (Traefik 3.4+).</summary>
    public RedisSpec? Redis { get; init; }
}
