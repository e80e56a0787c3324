using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// The spec of a <see cref="Middleware"/>. Exactly one member is set (Traefik rejects a spec with two
/// types); <c>Type</c> names it.
/// </summary>
public sealed record MiddlewareSpec : JsonRecord
{
    /// <summary>Rate limiting.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>Circuit breaker.</summary>
    public CircuitBreakerSpec? CircuitBreaker { get; init; }

    /// <summary>Strip path prefixes.</summary>
    public StripPrefixSpec? StripPrefix { get; init; }
}

/// <summary>Rate limiting: <c>average</c> requests per <c>period</c>, with bursts of up to <c>burst</c>.</summary>
public sealed record RateLimitSpec : JsonRecord
{
    /// <summary>Allowed average requests per period; 0 means no limit.</summary>
    public long? Average { get; init; }

    /// <summary>The period (Traefik default 1s).</summary>
    public IntOrString? Period { get; init; }

    /// <summary>Maximum burst (Traefik default 1).</summary>
    public long? Burst { get; init; }
}

/// <summary>Circuit breaker: opens when <c>expression</c> is true, answering <c>responseCode</c> while open.</summary>
public sealed record CircuitBreakerSpec : JsonRecord
{
    /// <summary>The trip condition, for example <c>ResponseCodeRatio(500, 600, 0, 600) &gt; 0.30</c>.</summary>
    public string? Expression { get; init; }

    /// <summary>Interval between evaluations (Traefik default 100ms).</summary>
    public IntOrString? CheckPeriod { get; init; }

    /// <summary>How long the breaker stays open (Traefik default 10s).</summary>
    public IntOrString? FallbackDuration { get; init; }

    /// <summary>Recovery ramp-up period (Traefik default 10s).</summary>
    public IntOrString? RecoveryDuration { get; init; }

    /// <summary>Status code answered while open (Traefik default 503).</summary>
    public int? ResponseCode { get; init; }
}

/// <summary>Strip path prefixes before forwarding.</summary>
public sealed record StripPrefixSpec : JsonRecord
{
    /// <summary>The prefixes to strip.</summary>
    public ImmutableList<string>? Prefixes { get; init; }
}
