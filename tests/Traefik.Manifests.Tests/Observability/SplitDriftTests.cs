using Traefik.Manifests.Observability;

namespace Traefik.Manifests.Tests.Observability;

public sealed class SplitDriftTests
{
    [Fact]
    public void Evaluate_ObservedMatchesWeights_NoDrift()
    {
        var result = SplitDrift.Evaluate([(95m, 57000), (5m, 3000)]);

        Assert.Equal([95.0, 5.0], result.Select(r => r.ObservedPercent!.Value));
        Assert.All(result, r => Assert.False(r.Drifting));
    }

    [Fact]
    public void Evaluate_CanaryGetsFourTimesItsShare_Drift()
    {
        var result = SplitDrift.Evaluate([(95m, 8000), (5m, 2000)]);

        Assert.Equal([(80.0, -15.0, true), (20.0, 15.0, true)], result.Select(r => (r.ObservedPercent!.Value, Math.Round(r.DifferencePoints!.Value, 6), r.Drifting)));
        Assert.Equal(2, result[0].AllowedPoints);
    }

    [Fact]
    public void Evaluate_LittleTraffic_ObservedButNotJudged()
    {
        var result = SplitDrift.Evaluate([(95m, 8), (5m, 2)]);

        Assert.Equal(20.0, result[1].ObservedPercent);
        Assert.All(result, r => Assert.False(r.Drifting));
    }

    [Fact]
    public void Evaluate_ChanceAllowanceWidensTheToleranceAtLowTraffic()
    {
        // 50/50 at 200 requests: chance allows 2 × 100 × sqrt(0.25 / 200) ≈ 7.07 points.
        var result = SplitDrift.Evaluate([(50m, 112), (50m, 88)]);

        Assert.Equal(7.0711, result[0].AllowedPoints, 4);
        Assert.All(result, r => Assert.False(r.Drifting));
    }

    [Fact]
    public void Evaluate_NoTraffic_NoObservedFigures()
    {
        var result = SplitDrift.Evaluate([(95m, 0), (5m, double.NaN)]);

        Assert.All(result, r => Assert.Null(r.ObservedPercent));
        Assert.All(result, r => Assert.False(r.Drifting));
    }
}
