namespace Traefik.Manifests.Observability;

/// <summary>A value judged against the mean and spread of its baseline.</summary>
public sealed record SigmaVerdict
{
    /// <summary>The figure judged.</summary>
    public required TrafficMetric Metric { get; init; }

    /// <summary>The outcome.</summary>
    public required VerdictStatus Status { get; init; }

    /// <summary>The value judged; null when there is none.</summary>
    public double? Value { get; init; }

    /// <summary>Baseline points that carried data.</summary>
    public required int BaselinePoints { get; init; }

    /// <summary>The baseline mean; null when the baseline has no data.</summary>
    public double? Mean { get; init; }

    /// <summary>The baseline's sample standard deviation; null when the baseline has no data.</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>The unit of distance used: the standard deviation, or the floor when that is larger.</summary>
    public double? Unit { get; init; }

    /// <summary>Values above this are anomalies; null when the baseline is too short.</summary>
    public double? UpperThreshold { get; init; }

    /// <summary>Values below this are anomalies (request rate only); null otherwise.</summary>
    public double? LowerThreshold { get; init; }

    /// <summary>How many units the value lies from the mean (signed); null when not computed.</summary>
    public double? Score { get; init; }

    /// <summary>True when the value is an anomaly because it is too low (a drop in request rate).</summary>
    public bool Below => Status == VerdictStatus.Anomaly && Value < Mean;
}
