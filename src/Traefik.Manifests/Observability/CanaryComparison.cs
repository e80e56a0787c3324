namespace Traefik.Manifests.Observability;

/// <summary>
/// Compares a canary with the stable backend directly, in the same window. This needs no history: a canary
/// that has only existed for minutes is still judged.
/// </summary>
public static class CanaryComparison
{
    /// <summary>
    /// The canary's 5xx ratio against the stable one: an anomaly when it is higher by at least
    /// <see cref="AnomalyOptions.MinErrorRatioDifference"/> and the two-proportion z score of the
    /// difference reaches <see cref="AnomalyOptions.Sigma"/> (so it is not chance at this traffic).
    /// </summary>
    /// <param name="canaryErrors">5xx responses of the canary in the window.</param>
    /// <param name="canaryRequests">All responses of the canary in the window.</param>
    /// <param name="stableErrors">5xx responses of the stable backend in the window.</param>
    /// <param name="stableRequests">All responses of the stable backend in the window.</param>
    /// <param name="options">Thresholds; null for <see cref="AnomalyOptions.Default"/>.</param>
    public static ComparisonVerdict ErrorRatios(double canaryErrors, double canaryRequests, double stableErrors, double stableRequests, AnomalyOptions? options = null)
    {
        var o = options ?? AnomalyOptions.Default;
        double? canary = Ratio(canaryErrors, canaryRequests);
        double? stable = Ratio(stableErrors, stableRequests);
        var verdict = new ComparisonVerdict { Metric = TrafficMetric.ErrorRatio, Status = VerdictStatus.NoData, Canary = canary, Stable = stable };
        if (canary is not { } pc)
        {
            return verdict;
        }

        if (!(canaryRequests >= o.MinRequests))
        {
            return verdict with { Status = VerdictStatus.TooLittleTraffic };
        }

        if (stable is not { } ps || !(stableRequests >= o.MinRequests))
        {
            return verdict with { Status = VerdictStatus.InsufficientBaseline };
        }

        var pooled = (canaryErrors + stableErrors) / (canaryRequests + stableRequests);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * ((1 / canaryRequests) + (1 / stableRequests)));
        var threshold = ps + Math.Max(o.Sigma * standardError, o.MinErrorRatioDifference);
        double? score = standardError > 0 ? (pc - ps) / standardError : null;
        var anomaly = pc - ps >= o.MinErrorRatioDifference && (score is null || score >= o.Sigma);
        return verdict with { Status = anomaly ? VerdictStatus.Anomaly : VerdictStatus.Normal, Threshold = threshold, Score = score };
    }

    /// <summary>
    /// The canary's p99 latency against the stable one: an anomaly when it exceeds both
    /// <see cref="AnomalyOptions.LatencyRatioLimit"/> times the stable p99 and the stable p99 plus
    /// <see cref="AnomalyOptions.MinLatencyDifferenceSeconds"/>.
    /// </summary>
    /// <param name="canaryP99">The canary's p99 latency in seconds (NaN when none).</param>
    /// <param name="canaryRequests">The canary's requests in the window.</param>
    /// <param name="stableP99">The stable p99 latency in seconds (NaN when none).</param>
    /// <param name="stableRequests">The stable backend's requests in the window.</param>
    /// <param name="options">Thresholds; null for <see cref="AnomalyOptions.Default"/>.</param>
    public static ComparisonVerdict LatencyP99(double canaryP99, double canaryRequests, double stableP99, double stableRequests, AnomalyOptions? options = null)
    {
        var o = options ?? AnomalyOptions.Default;
        var verdict = new ComparisonVerdict
        {
            Metric = TrafficMetric.LatencyP99,
            Status = VerdictStatus.NoData,
            Canary = double.IsFinite(canaryP99) ? canaryP99 : null,
            Stable = double.IsFinite(stableP99) ? stableP99 : null,
        };
        if (verdict.Canary is not { } canary)
        {
            return verdict;
        }

        if (!(canaryRequests >= o.MinRequests))
        {
            return verdict with { Status = VerdictStatus.TooLittleTraffic };
        }

        if (verdict.Stable is not { } stable || !(stableRequests >= o.MinRequests))
        {
            return verdict with { Status = VerdictStatus.InsufficientBaseline };
        }

        var threshold = Math.Max(stable * o.LatencyRatioLimit, stable + o.MinLatencyDifferenceSeconds);
        return verdict with { Status = canary > threshold ? VerdictStatus.Anomaly : VerdictStatus.Normal, Threshold = threshold };
    }

    private static double? Ratio(double part, double total) =>
        double.IsFinite(part) && double.IsFinite(total) && total > 0 ? part / total : null;
}
