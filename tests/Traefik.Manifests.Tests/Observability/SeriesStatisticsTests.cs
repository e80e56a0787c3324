using Traefik.Manifests.Observability;

namespace Traefik.Manifests.Tests.Observability;

public sealed class SeriesStatisticsTests
{
    [Fact]
    public void MeanAndStandardDeviation_FixedSeries_SampleDeviation()
    {
        double[] series = [2, 4, 4, 4, 5, 5, 7, 9];

        Assert.Equal(5, SeriesStatistics.Mean(series));
        Assert.Equal(Math.Sqrt(32.0 / 7), SeriesStatistics.StandardDeviation(series), 12);
    }

    [Fact]
    public void MeanAndStandardDeviation_PointsWithoutData_AreIgnored()
    {
        double[] series = [double.NaN, 2, double.PositiveInfinity, 4];

        Assert.Equal(3, SeriesStatistics.Mean(series));
        Assert.Equal(Math.Sqrt(2), SeriesStatistics.StandardDeviation(series), 12);
    }

    [Fact]
    public void MeanAndStandardDeviation_NoData_NaN_SinglePoint_ZeroDeviation()
    {
        Assert.True(double.IsNaN(SeriesStatistics.Mean([])));
        Assert.True(double.IsNaN(SeriesStatistics.StandardDeviation([double.NaN])));
        Assert.Equal(0, SeriesStatistics.StandardDeviation([7]));
    }

    [Fact]
    public void StandardDeviation_FlatSeries_IsZero()
    {
        Assert.Equal(0, SeriesStatistics.StandardDeviation(Enumerable.Repeat(0.005, 12)));
    }
}
