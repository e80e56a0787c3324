namespace Traefik.Manifests.Observability;

/// <summary>
/// How far from normal a figure must be to count as an anomaly. A value is compared with the mean of a
/// baseline; the unit of distance is the baseline's standard deviation, but never less than a floor, so a
/// perfectly flat baseline does not turn the smallest wobble into an alarm.
/// </summary>
public sealed record AnomalyOptions
{
    /// <summary>The default options.</summary>
    public static AnomalyOptions Default { get; } = new();

    /// <summary>How many units (standard deviations, or the floor) away from the mean a value must be.</summary>
    /// <value>The default value is 2.</value>
    public double Sigma { get; init; } = 2;

    /// <summary>Fewest baseline points with data needed before a value is judged against its own history.</summary>
    /// <value>The default value is 4.</value>
    public int MinBaselinePoints { get; init; } = 4;

    /// <summary>Fewest requests in a window before its error ratio or latency is judged (fewer says little).</summary>
    /// <value>The default value is 20.</value>
    public double MinRequests { get; init; } = 20;

    /// <summary>Smallest unit of distance for the error ratio, as a ratio.</summary>
    /// <value>The default value is 0.01 (one percentage point).</value>
    public double ErrorRatioFloor { get; init; } = 0.01;

    /// <summary>Smallest unit of distance for request rate and latency, relative to the baseline mean.</summary>
    /// <value>The default value is 0.1 (10 % of the mean).</value>
    public double RelativeFloor { get; init; } = 0.1;

    /// <summary>Smallest unit of distance for the p99 latency, in seconds.</summary>
    /// <value>The default value is 0.005 (5 ms).</value>
    public double LatencyFloorSeconds { get; init; } = 0.005;

    /// <summary>Smallest unit of distance for the request rate, in requests per second.</summary>
    /// <value>The default value is 0.1.</value>
    public double RateFloor { get; init; } = 0.1;

    /// <summary>Smallest difference between a canary's and the stable error ratio that counts, as a ratio.</summary>
    /// <value>The default value is 0.01 (one percentage point).</value>
    public double MinErrorRatioDifference { get; init; } = 0.01;

    /// <summary>How many times the stable p99 latency a canary's p99 must exceed to count.</summary>
    /// <value>The default value is 1.5.</value>
    public double LatencyRatioLimit { get; init; } = 1.5;

    /// <summary>Smallest difference between a canary's and the stable p99 latency that counts, in seconds.</summary>
    /// <value>The default value is 0.05 (50 ms).</value>
    public double MinLatencyDifferenceSeconds { get; init; } = 0.05;
}
