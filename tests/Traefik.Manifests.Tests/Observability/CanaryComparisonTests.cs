using Traefik.Manifests.Observability;

namespace Traefik.Manifests.Tests.Observability;

public sealed class CanaryComparisonTests
{
    [Fact]
    public void ErrorRatios_CanaryClearlyAbove_Anomaly()
    {
        // 5 % canary at 10 req/s with 20 % errors over 5 minutes, stable at 190 req/s with 0.5 %.
        var verdict = CanaryComparison.ErrorRatios(600, 3000, 285, 57000);

        Assert.Equal(VerdictStatus.Anomaly, verdict.Status);
        Assert.Equal((0.2, 0.005), (verdict.Canary!.Value, verdict.Stable!.Value));
        Assert.True(verdict.Score > 40, $"score {verdict.Score}");
        Assert.Equal(0.015, verdict.Threshold!.Value, 9);
    }

    [Fact]
    public void ErrorRatios_SameRatio_Normal()
    {
        Assert.Equal(VerdictStatus.Normal, CanaryComparison.ErrorRatios(15, 3000, 285, 57000).Status);
    }

    [Fact]
    public void ErrorRatios_SmallDifference_NormalEvenWhenSignificant()
    {
        // 1.2 % against 0.5 % with plenty of traffic: real, but under the one-point minimum.
        Assert.Equal(VerdictStatus.Normal, CanaryComparison.ErrorRatios(1200, 100000, 500, 100000).Status);
    }

    [Fact]
    public void ErrorRatios_LargeDifferenceButChance_Normal()
    {
        // One error in 20 requests against none in 20: 5 points apart, but z ≈ 1.01.
        var verdict = CanaryComparison.ErrorRatios(1, 20, 0, 20);

        Assert.Equal(VerdictStatus.Normal, verdict.Status);
        Assert.Equal(1.0127, verdict.Score!.Value, 3);
    }

    [Fact]
    public void ErrorRatios_BorderlineButSignificant_Anomaly()
    {
        Assert.Equal(VerdictStatus.Anomaly, CanaryComparison.ErrorRatios(16, 1000, 50, 10000).Status);
    }

    [Fact]
    public void ErrorRatios_TooFewCanaryRequests_NotJudged()
    {
        Assert.Equal(VerdictStatus.TooLittleTraffic, CanaryComparison.ErrorRatios(5, 10, 50, 10000).Status);
    }

    [Fact]
    public void ErrorRatios_NoCanaryTraffic_NoData()
    {
        var verdict = CanaryComparison.ErrorRatios(0, 0, 50, 10000);

        Assert.Equal(VerdictStatus.NoData, verdict.Status);
        Assert.Null(verdict.Canary);
    }

    [Fact]
    public void ErrorRatios_NoStableTraffic_InsufficientBaseline()
    {
        Assert.Equal(VerdictStatus.InsufficientBaseline, CanaryComparison.ErrorRatios(600, 3000, 0, 0).Status);
    }

    [Fact]
    public void LatencyP99_CanaryMuchSlower_Anomaly()
    {
        var verdict = CanaryComparison.LatencyP99(0.9, 3000, 0.4, 57000);

        Assert.Equal(VerdictStatus.Anomaly, verdict.Status);
        Assert.Equal(0.6, verdict.Threshold!.Value, 12);
    }

    [Fact]
    public void LatencyP99_SlightlySlowerOrFastBackends_Normal()
    {
        Assert.Equal(VerdictStatus.Normal, CanaryComparison.LatencyP99(0.5, 3000, 0.4, 57000).Status);
        // 50 % slower but only 10 ms: under the 50 ms minimum.
        Assert.Equal(VerdictStatus.Normal, CanaryComparison.LatencyP99(0.03, 3000, 0.02, 57000).Status);
    }
}
