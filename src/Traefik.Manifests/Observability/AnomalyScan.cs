namespace Traefik.Manifests.Observability;

/// <summary>
/// Anomalies over a history: every point of an evenly spaced series is judged with <see cref="SigmaCheck"/>
/// against the points just before it, so no stored state is needed: the history is the baseline.
/// </summary>
public static class AnomalyScan
{
    /// <summary>Judges every point from <paramref name="from"/> on against up to <paramref name="baselinePoints"/> preceding points.</summary>
    /// <param name="metric">The figure.</param>
    /// <param name="values">The series, oldest first; NaN marks points without data.</param>
    /// <param name="requests">Requests in each point's window (same length as <paramref name="values"/>).</param>
    /// <param name="baselinePoints">How many preceding points form each point's baseline.</param>
    /// <param name="from">The first point judged; earlier points only serve as baseline.</param>
    /// <param name="options">Thresholds; null for <see cref="AnomalyOptions.Default"/>.</param>
    /// <returns>One verdict per judged point, in order (index <c>i</c> is point <c>from + i</c>).</returns>
    public static IReadOnlyList<SigmaVerdict> Scan(TrafficMetric metric, IReadOnlyList<double> values, IReadOnlyList<double> requests, int baselinePoints, int from, AnomalyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(baselinePoints, 1);
        if (requests.Count != values.Count)
        {
            throw new ArgumentException($"requests has {requests.Count} points but values has {values.Count}; give one per point.", nameof(requests));
        }

        var verdicts = new List<SigmaVerdict>();
        for (var i = Math.Max(0, from); i < values.Count; i++)
        {
            var start = Math.Max(0, i - baselinePoints);
            var baseline = values.Skip(start).Take(i - start).ToList();
            verdicts.Add(SigmaCheck.Evaluate(metric, baseline, values[i], requests[i], options));
        }

        return verdicts;
    }

    /// <summary>Groups consecutive anomalies into ranges (indices into <paramref name="verdicts"/>).</summary>
    public static IReadOnlyList<PointRange> Ranges(IReadOnlyList<SigmaVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var ranges = new List<PointRange>();
        var i = 0;
        while (i < verdicts.Count)
        {
            if (verdicts[i].Status != VerdictStatus.Anomaly)
            {
                i++;
                continue;
            }

            var first = i;
            var peak = i;
            while (i < verdicts.Count && verdicts[i].Status == VerdictStatus.Anomaly)
            {
                if (Math.Abs(verdicts[i].Score ?? 0) > Math.Abs(verdicts[peak].Score ?? 0))
                {
                    peak = i;
                }

                i++;
            }

            ranges.Add(new PointRange(first, i - 1, peak));
        }

        return ranges;
    }
}
