namespace Traefik.Manifests.Middlewares;

/// <summary>
/// Traefik's defaults for the middleware fields this library describes, and the defaults of its own
/// builders. Pinned by a test: they only change with Traefik.
/// </summary>
internal static class MiddlewareDefaults
{
    /// <summary>Latency quantile used by the latency trigger when none is given.</summary>
    public const double LatencyQuantile = 99.0;

    /// <summary>Traefik's rateLimit period.</summary>
    public const string RateLimitPeriod = "1s";

    /// <summary>Traefik's rateLimit burst.</summary>
    public const long RateLimitBurst = 1;

    /// <summary>Traefik's circuitBreaker checkPeriod.</summary>
    public const string CircuitBreakerCheckPeriod = "100ms";

    /// <summary>Traefik's circuitBreaker fallbackDuration.</summary>
    public const string CircuitBreakerFallbackDuration = "10s";

    /// <summary>Traefik's circuitBreaker recoveryDuration.</summary>
    public const string CircuitBreakerRecoveryDuration = "10s";

    /// <summary>Traefik's circuitBreaker responseCode.</summary>
    public const int CircuitBreakerResponseCode = 503;

    /// <summary>Traefik's ipAllowList rejectStatusCode.</summary>
    public const int IpAllowListRejectStatusCode = 403;

    /// <summary>The scheme a <see cref="MiddlewareIntent"/> of type redirectScheme redirects to unless its fields say otherwise.</summary>
    public const string RedirectScheme = "https";

    /// <summary>Whether a <see cref="MiddlewareIntent"/> of type redirectScheme redirects permanently unless its fields say otherwise.</summary>
    public const bool RedirectSchemePermanent = true;

    /// <summary>The replacement of a <see cref="MiddlewareIntent"/> of type replacePathRegex unless its fields say otherwise.</summary>
    public const string ReplacePathRegexReplacement = "";

    /// <summary>The compression encodings Traefik knows.</summary>
    public static readonly string[] CompressEncodings = ["gzip", "br", "zstd"];
}
