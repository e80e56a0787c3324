namespace Traefik.Manifests.Observability;

/// <summary>Mean and standard deviation of a series, ignoring points without data (NaN or infinite).</summary>
public static class SeriesStatistics
{
    /// <summary>The points that carry data.</summary>
    public static IReadOnlyList<double> Finite(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Where(double.IsFinite).ToList();
    }

    /// <summary>The arithmetic mean of the points with data; NaN when there are none.</summary>
    public static double Mean(IEnumerable<double> values)
    {
        var (count, mean, _) = Accumulate(values);
        return count == 0 ? double.NaN : mean;
    }

    /// <summary>
    /// The sample standard deviation (divided by n − 1) of the points with data; 0 for a single point, NaN
    /// when there are none.
    /// </summary>
    public static double StandardDeviation(IEnumerable<double> values)
    {
        var (count, _, squares) = Accumulate(values);
        return count switch
        {
            0 => double.NaN,
            1 => 0,
            _ => Math.Sqrt(squares / (count - 1)),
        };
    }

    // Welford's running mean and sum of squared deviations: exact for a constant series, so a flat
    // baseline has a deviation of exactly 0.
    private static (int Count, double Mean, double Squares) Accumulate(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = 0;
        var mean = 0.0;
        var squares = 0.0;
        foreach (var value in values.Where(double.IsFinite))
        {
            count++;
            var delta = value - mean;
            mean += delta / count;
            squares += delta * (value - mean);
        }

        return (count, mean, squares);
    }
}
