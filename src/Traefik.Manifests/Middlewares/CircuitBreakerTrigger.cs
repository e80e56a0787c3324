namespace Traefik.Manifests.Middlewares;

/// <summary>What trips a circuit breaker, turned into its expression by <see cref="CircuitBreakerExpression"/>.</summary>
public sealed record CircuitBreakerTrigger
{
    /// <summary><c>error-rate</c> (share of 5xx), <c>latency</c> (milliseconds at a quantile) or <c>network-error</c> (share of network errors).</summary>
    public string? Type { get; init; }

    /// <summary>A ratio 0 &lt; T ≤ 1 for the ratio triggers (0.3 = 30%); whole milliseconds above 0 for latency.</summary>
    public double? Threshold { get; init; }

    /// <summary>The quantile of the latency trigger, 0–100.</summary>
    /// <value>The default is 99.0.</value>
    public double? LatencyQuantile { get; init; }
}
