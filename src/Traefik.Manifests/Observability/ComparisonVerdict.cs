namespace Traefik.Manifests.Observability;

/// <summary>A canary (or shadow) backend's figure compared directly with the stable backend's, in the same window.</summary>
public sealed record ComparisonVerdict
{
    /// <summary>The figure compared (<see cref="TrafficMetric.ErrorRatio"/> or <see cref="TrafficMetric.LatencyP99"/>).</summary>
    public required TrafficMetric Metric { get; init; }

    /// <summary>The outcome.</summary>
    public required VerdictStatus Status { get; init; }

    /// <summary>The canary's value; null when it has none.</summary>
    public double? Canary { get; init; }

    /// <summary>The stable backend's value; null when it has none.</summary>
    public double? Stable { get; init; }

    /// <summary>The canary value above which it counts as an anomaly; null when not computed.</summary>
    public double? Threshold { get; init; }

    /// <summary>For the error ratio: the two-proportion z score of the difference; null otherwise.</summary>
    public double? Score { get; init; }
}
