using Traefik.Manifests.Observability;

namespace Traefik.Manifests.Tests.Observability;

public sealed class SigmaCheckTests
{
    private static readonly double[] FlatErrorRatio = [.. Enumerable.Repeat(0.005, 12)];

    [Fact]
    public void Evaluate_NoTraffic_NoDataAndNoThreshold()
    {
        // 0/0: the ratio of a window without requests is NaN.
        var verdict = SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, FlatErrorRatio, double.NaN, 0);

        Assert.Equal(VerdictStatus.NoData, verdict.Status);
        Assert.Null(verdict.Value);
        Assert.Null(verdict.UpperThreshold);
    }

    [Fact]
    public void Evaluate_FewRequests_TooLittleTraffic()
    {
        var verdict = SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, FlatErrorRatio, 0.5, 4);

        Assert.Equal(VerdictStatus.TooLittleTraffic, verdict.Status);
        Assert.Equal(0.5, verdict.Value);
    }

    [Fact]
    public void Evaluate_FlatBaselineZeroDeviation_FloorKeepsSmallChangesNormal()
    {
        var verdict = SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, FlatErrorRatio, 0.012, 1000);

        Assert.Equal(VerdictStatus.Normal, verdict.Status);
        Assert.Equal((0.005, 0.0, 0.01), (verdict.Mean!.Value, verdict.StandardDeviation!.Value, verdict.Unit!.Value));
        Assert.Equal(0.025, verdict.UpperThreshold!.Value, 12);
        Assert.Null(verdict.LowerThreshold);
    }

    [Fact]
    public void Evaluate_FlatBaselineZeroDeviation_JumpIsAnAnomaly()
    {
        var verdict = SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, FlatErrorRatio, 0.2, 3000);

        Assert.Equal(VerdictStatus.Anomaly, verdict.Status);
        Assert.Equal(19.5, verdict.Score!.Value, 9);
        Assert.False(verdict.Below);
    }

    [Fact]
    public void Evaluate_SingleLatencySpike_Anomaly()
    {
        double[] baseline = [0.20, 0.21, 0.19, 0.20, 0.20, 0.21, 0.19, 0.20];

        var verdict = SigmaCheck.Evaluate(TrafficMetric.LatencyP99, baseline, 2.0, 500);

        Assert.Equal(VerdictStatus.Anomaly, verdict.Status);
        // sd ≈ 0.0076 is below the floor of 10 % of the mean (0.02 s), so the unit is 0.02 s.
        Assert.Equal(0.02, verdict.Unit!.Value, 9);
        Assert.Equal(0.24, verdict.UpperThreshold!.Value, 9);
    }

    [Fact]
    public void Evaluate_LatencyLower_IsNeverAnAnomaly()
    {
        var verdict = SigmaCheck.Evaluate(TrafficMetric.LatencyP99, [0.2, 0.2, 0.2, 0.2], 0.01, 500);

        Assert.Equal(VerdictStatus.Normal, verdict.Status);
    }

    [Fact]
    public void Evaluate_RequestRateDrop_AnomalyBelow()
    {
        double[] baseline = [100, 102, 98, 101, 99, 100];

        var verdict = SigmaCheck.Evaluate(TrafficMetric.RequestRate, baseline, 10, 0);

        Assert.Equal(VerdictStatus.Anomaly, verdict.Status);
        Assert.True(verdict.Below);
        Assert.Equal((80.0, 120.0), (verdict.LowerThreshold!.Value, verdict.UpperThreshold!.Value));
    }

    [Fact]
    public void Evaluate_NoisyBaseline_UsesTheStandardDeviation()
    {
        double[] baseline = [0.01, 0.05, 0.02, 0.06, 0.01, 0.05];
        var sd = SeriesStatistics.StandardDeviation(baseline);

        var verdict = SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, baseline, 0.07, 1000);

        Assert.Equal(sd, verdict.Unit!.Value, 12);
        Assert.Equal(0.0333333333 + (2 * sd), verdict.UpperThreshold!.Value, 9);
        Assert.Equal(VerdictStatus.Normal, verdict.Status);
    }

    [Fact]
    public void Evaluate_ShortBaseline_InsufficientBaseline()
    {
        var verdict = SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, [0.005, double.NaN, 0.005, 0.005], 0.5, 1000);

        Assert.Equal(VerdictStatus.InsufficientBaseline, verdict.Status);
        Assert.Equal(3, verdict.BaselinePoints);
    }

    [Fact]
    public void Evaluate_SigmaOption_ChangesTheThreshold()
    {
        var verdict = SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, FlatErrorRatio, 0.03, 1000, new AnomalyOptions { Sigma = 3 });

        Assert.Equal(0.035, verdict.UpperThreshold!.Value, 12);
        Assert.Equal(VerdictStatus.Normal, verdict.Status);
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        var o = AnomalyOptions.Default;

        Assert.Equal(
            (2.0, 4, 20.0, 0.01, 0.1, 0.005, 0.1, 0.01, 1.5, 0.05),
            (o.Sigma, o.MinBaselinePoints, o.MinRequests, o.ErrorRatioFloor, o.RelativeFloor, o.LatencyFloorSeconds, o.RateFloor, o.MinErrorRatioDifference, o.LatencyRatioLimit, o.MinLatencyDifferenceSeconds));
        Assert.Equal((2.0, 100.0), (SplitDrift.DefaultTolerancePoints, SplitDrift.DefaultMinRequests));
    }
}
