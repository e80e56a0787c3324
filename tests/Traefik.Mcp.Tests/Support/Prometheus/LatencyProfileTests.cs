namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>The latency profiles and the quantile arithmetic the real-Prometheus assertions compare against.</summary>
public sealed class LatencyProfileTests
{
    [Theory]
    [InlineData(0.5, 0.1 * 0.5 / 0.9)]
    [InlineData(0.95, 0.1 + (0.2 * 0.05 / 0.08))]
    [InlineData(0.99, 0.3 + (0.9 * 0.01 / 0.015))]
    [InlineData(0.999, 1.2 + (3.8 * 0.004 / 0.005))]
    [InlineData(1.0, 5.0)]
    public void Quantile_Fast_InterpolatesInsideTheBucketFromZero(double q, double expected)
    {
        Assert.Equal(expected, LatencyProfile.Fast.Quantile(q), 9);
    }

    [Theory]
    [InlineData(0.5, 0.3)]
    [InlineData(0.99, 1.2 + (3.8 * 0.19 / 0.2))]
    public void Quantile_Slow_LandsInTheUpperBuckets(double q, double expected)
    {
        Assert.Equal(expected, LatencyProfile.Slow.Quantile(q), 9);
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Quantile_RankInInfBucket_IsTheLastFiniteBound(double q)
    {
        Assert.Equal(5.0, LatencyProfile.TimingOut.Quantile(q));
    }

    [Fact]
    public void HistogramQuantile_SpecialCases_FollowPrometheus()
    {
        (double, double)[] empty = [(0.1, 0), (double.PositiveInfinity, 0)];
        (double, double)[] noInf = [(0.1, 5), (0.3, 10)];
        (double, double)[] counts = [(0.1, 5), (0.3, 10), (double.PositiveInfinity, 10)];

        Assert.Equal(double.NegativeInfinity, LatencyProfile.HistogramQuantile(-0.5, counts));
        Assert.Equal(double.PositiveInfinity, LatencyProfile.HistogramQuantile(1.5, counts));
        Assert.True(double.IsNaN(LatencyProfile.HistogramQuantile(0.5, empty)));
        Assert.True(double.IsNaN(LatencyProfile.HistogramQuantile(0.5, noInf)));
        // A rank equal to a bucket's cumulative count stays in that bucket: its upper bound.
        Assert.Equal(0.1, LatencyProfile.HistogramQuantile(0.5, counts), 12);
        Assert.Equal(0.2, LatencyProfile.HistogramQuantile(0.75, counts), 12);
        Assert.Equal(0.3, LatencyProfile.HistogramQuantile(1, counts), 12);
    }

    [Fact]
    public void MeanSeconds_Fast_WeighsTheBucketMidpoints()
    {
        Assert.Equal((0.9 * 0.05) + (0.08 * 0.2) + (0.015 * 0.75) + (0.005 * 3.1), LatencyProfile.Fast.MeanSeconds, 12);
    }

    [Fact]
    public void New_InvalidBuckets_ThrowsWithEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new LatencyProfile([(0.3, 0.5), (0.1, -0.1), (5.0, 0.2)]));

        Assert.Equal(
            "Invalid latency profile:\n" +
            "  the last bucket must be +Inf, after at least one finite bucket\n" +
            "  bucket 1: upper bound 0.1 must be above 0.3\n" +
            "  bucket 1: fraction -0.1 must be ≥ 0\n" +
            "  the fractions add up to 0.6, not 1 (Parameter 'Buckets')",
            error.Message);
    }
}
