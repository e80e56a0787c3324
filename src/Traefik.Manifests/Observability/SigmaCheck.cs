namespace Traefik.Manifests.Observability;

/// <summary>
/// k-sigma anomaly detection: a value is an anomaly when it lies more than
/// <see cref="AnomalyOptions.Sigma"/> units from the baseline mean, the unit being the baseline's standard
/// deviation or, when larger, a floor (<see cref="AnomalyOptions"/>). Error ratio and latency are anomalies
/// only upwards; the request rate both ways.
/// </summary>
public static class SigmaCheck
{
    /// <summary>Judges <paramref name="value"/> against <paramref name="baseline"/>.</summary>
    /// <param name="metric">The figure.</param>
    /// <param name="baseline">Preceding values, oldest first; NaN marks points without data.</param>
    /// <param name="value">The value to judge; NaN when there is none.</param>
    /// <param name="requests">Requests in the judged window (ignored for the request rate).</param>
    /// <param name="options">Thresholds; null for <see cref="AnomalyOptions.Default"/>.</param>
    public static SigmaVerdict Evaluate(TrafficMetric metric, IReadOnlyList<double> baseline, double value, double requests, AnomalyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var o = options ?? AnomalyOptions.Default;
        var finite = SeriesStatistics.Finite(baseline);
        double? mean = finite.Count == 0 ? null : SeriesStatistics.Mean(finite);
        double? sd = finite.Count == 0 ? null : SeriesStatistics.StandardDeviation(finite);
        var verdict = new SigmaVerdict
        {
            Metric = metric,
            Status = VerdictStatus.NoData,
            Value = double.IsFinite(value) ? value : null,
            BaselinePoints = finite.Count,
            Mean = mean,
            StandardDeviation = sd,
        };
        if (!double.IsFinite(value))
        {
            return verdict;
        }

        if (metric != TrafficMetric.RequestRate && !(requests >= o.MinRequests))
        {
            return verdict with { Status = VerdictStatus.TooLittleTraffic };
        }

        if (finite.Count < Math.Max(1, o.MinBaselinePoints) || mean is not { } m || sd is not { } s)
        {
            return verdict with { Status = VerdictStatus.InsufficientBaseline };
        }

        var unit = Math.Max(s, Floor(metric, m, o));
        var upper = m + (o.Sigma * unit);
        double? lower = metric == TrafficMetric.RequestRate ? Math.Max(0, m - (o.Sigma * unit)) : null;
        var anomaly = value > upper || (lower is { } l && value < l);
        return verdict with
        {
            Status = anomaly ? VerdictStatus.Anomaly : VerdictStatus.Normal,
            Unit = unit,
            UpperThreshold = upper,
            LowerThreshold = lower,
            Score = (value - m) / unit,
        };
    }

    /// <summary>The smallest unit of distance for a metric around a baseline mean.</summary>
    public static double Floor(TrafficMetric metric, double mean, AnomalyOptions? options = null)
    {
        var o = options ?? AnomalyOptions.Default;
        return metric switch
        {
            TrafficMetric.ErrorRatio => o.ErrorRatioFloor,
            TrafficMetric.LatencyP99 => Math.Max(o.RelativeFloor * Math.Abs(mean), o.LatencyFloorSeconds),
            _ => Math.Max(o.RelativeFloor * Math.Abs(mean), o.RateFloor),
        };
    }
}
