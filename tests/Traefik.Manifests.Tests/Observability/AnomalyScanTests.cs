using Traefik.Manifests.Observability;

namespace Traefik.Manifests.Tests.Observability;

public sealed class AnomalyScanTests
{
    private static double[] Requests(int n) => [.. Enumerable.Repeat(1000.0, n)];

    [Fact]
    public void Scan_SingleSpike_FlagsOnlyTheSpike()
    {
        double[] p99 = [0.20, 0.21, 0.19, 0.20, 0.20, 0.21, 0.19, 0.20, 2.5, 0.20, 0.21, 0.19];

        var verdicts = AnomalyScan.Scan(TrafficMetric.LatencyP99, p99, Requests(p99.Length), baselinePoints: 6, from: 6);

        Assert.Equal(
            [VerdictStatus.Normal, VerdictStatus.Normal, VerdictStatus.Anomaly, VerdictStatus.Normal, VerdictStatus.Normal, VerdictStatus.Normal],
            verdicts.Select(v => v.Status));
        Assert.Equal([new PointRange(2, 2, 2)], AnomalyScan.Ranges(verdicts));
    }

    [Fact]
    public void Scan_SlowDrift_IsNotFlagged()
    {
        // Request rate creeping up 0.5 % of its start per point: each point stays inside its trailing baseline's band.
        var rate = Enumerable.Range(0, 48).Select(i => 100 + (0.5 * i)).ToArray();

        var verdicts = AnomalyScan.Scan(TrafficMetric.RequestRate, rate, Requests(rate.Length), baselinePoints: 12, from: 12);

        Assert.All(verdicts, v => Assert.Equal(VerdictStatus.Normal, v.Status));
        Assert.Empty(AnomalyScan.Ranges(verdicts));
    }

    [Fact]
    public void Scan_SlowLatencyDrift_IsNotFlagged()
    {
        var p99 = Enumerable.Range(0, 48).Select(i => 0.2 + (0.001 * i)).ToArray();

        var verdicts = AnomalyScan.Scan(TrafficMetric.LatencyP99, p99, Requests(p99.Length), baselinePoints: 12, from: 12);

        Assert.Empty(AnomalyScan.Ranges(verdicts));
    }

    [Fact]
    public void Scan_SustainedJump_OneRangeWithItsPeak()
    {
        double[] ratio = [0.005, 0.005, 0.005, 0.005, 0.005, 0.005, 0.2, 0.3, 0.005];

        var verdicts = AnomalyScan.Scan(TrafficMetric.ErrorRatio, ratio, Requests(ratio.Length), baselinePoints: 6, from: 4);

        Assert.Equal([new PointRange(2, 3, 2)], AnomalyScan.Ranges(verdicts));
        Assert.Equal(19.5, verdicts[2].Score!.Value, 9);
    }

    [Fact]
    public void Scan_NoTraffic_NoDataPointsAreNotFlagged()
    {
        double[] ratio = [.. Enumerable.Repeat(double.NaN, 10)];

        var verdicts = AnomalyScan.Scan(TrafficMetric.ErrorRatio, ratio, [.. Enumerable.Repeat(0.0, 10)], baselinePoints: 6, from: 0);

        Assert.All(verdicts, v => Assert.Equal(VerdictStatus.NoData, v.Status));
    }

    [Fact]
    public void Scan_MismatchedLengths_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => AnomalyScan.Scan(TrafficMetric.ErrorRatio, [1, 2], [1], 1, 0));

        Assert.Equal("requests has 1 points but values has 2; give one per point. (Parameter 'requests')", e.Message);
    }
}
