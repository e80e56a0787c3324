using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// <c>circuitBreaker</c>: stops sending requests to a failing backend. While the <c>expression</c>
/// holds, the breaker opens for <c>fallbackDuration</c> (answering <c>responseCode</c>), then lets
/// traffic back in linearly over <c>recoveryDuration</c>. See <see cref="CircuitBreakerExpression"/>.
/// </summary>
public sealed record CircuitBreakerSpec : JsonRecord
{
    /// <summary>The trip condition, for example <c>ResponseCodeRatio(500, 600, 0, 600) &gt; 0.3</c>.</summary>
    public string? Expression { get; init; }

    /// <summary>Interval between evaluations of the expression.</summary>
    /// <value>Traefik's default is 100ms.</value>
    public IntOrString? CheckPeriod { get; init; }

    /// <summary>How long the breaker stays open.</summary>
    /// <value>Traefik's default is 10s.</value>
    public IntOrString? FallbackDuration { get; init; }

    /// <summary>How long traffic ramps back up after the breaker was open.</summary>
    /// <value>Traefik's default is 10s.</value>
    public IntOrString? RecoveryDuration { get; init; }

    /// <summary>Status code answered while the breaker is open (100–599).</summary>
    /// <value>Traefik's default is 503.</value>
    public int? ResponseCode { get; init; }
}
