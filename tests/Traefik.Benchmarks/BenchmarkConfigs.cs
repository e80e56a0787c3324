using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Traefik.Benchmarks;

/// <summary>
/// The two ways the benchmarks run. Both run in-process (InProcessEmitToolchain): the benchmarks open git
/// repositories and start servers in GlobalSetup, which a separate process per benchmark would only repeat,
/// and generating and building a project per benchmark costs minutes on a 2-core machine.
/// </summary>
public static class BenchmarkConfigs
{
    /// <summary>The measuring run: warm-up, 15 to 30 measured iterations, medians, allocations.</summary>
    public static IConfig Full() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithMinIterationCount(15)
            .WithMaxIterationCount(30))
        .AddColumn(StatisticColumn.Median, StatisticColumn.P95, new RatioToSmallestColumn())
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond));

    /// <summary>The CI run: every benchmark once (BenchmarkDotNet's dry job), no exporters.</summary>
    public static IConfig Quick() => ManualConfig.CreateEmpty()
        .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
        .AddLogger(ConsoleLogger.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddColumn(StatisticColumn.Median);

    /// <summary>
    /// For benchmarks with a <c>Routes</c> parameter: the median divided by the median of the same benchmark
    /// at the smallest <c>Routes</c> value (the plan target: 5,000 routes at most 2× 100 routes).
    /// </summary>
    private sealed class RatioToSmallestColumn : IColumn
    {
        public string Id => nameof(RatioToSmallestColumn);

        public string ColumnName => "Median / fewest routes";

        public bool AlwaysShow => false;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Median time divided by the median of the same benchmark at the smallest Routes value";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Routes(c) is not null);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var smallest = summary.BenchmarksCases
                .Where(c => c.Descriptor.Equals(benchmarkCase.Descriptor) && Routes(c) is not null)
                .MinBy(c => Routes(c));
            if (smallest is null || Routes(benchmarkCase) is null
                || summary[benchmarkCase]?.ResultStatistics is not { } mine || summary[smallest]?.ResultStatistics is not { } theirs || theirs.Median <= 0)
            {
                return "-";
            }

            return (mine.Median / theirs.Median).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x";
        }

        private static int? Routes(BenchmarkCase c) =>
            c.Parameters.Items.FirstOrDefault(p => p.Name == "Routes")?.Value is int routes ? routes : null;
    }
}
