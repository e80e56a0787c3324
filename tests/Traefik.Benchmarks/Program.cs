using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Traefik.Benchmarks;

/// <summary>
/// Entry point. <c>--quick</c>: every benchmark once at small sizes (CI runs this so the suite cannot rot;
/// it asserts nothing about time). <c>--memory</c>: the server's peak working set with a 5,000-route
/// repository. <c>--generate FOLDER ROUTES</c>: only write a synthetic repository. Anything else goes to BenchmarkDotNet (for example <c>--filter *Plan*</c>).
/// </summary>
public static class Program
{
    /// <summary>True in the quick CI mode.</summary>
    public static bool Quick { get; private set; }

    public static async Task<int> Main(string[] args)
    {
        Quick = args.Contains("--quick");
        if (args is ["--generate", var folder, var routes])
        {
            // The synthetic repository on its own, to profile the server against it by hand.
            SyntheticRepository.Create(folder, int.Parse(routes, System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }

        if (args.Contains("--memory"))
        {
            return await MemoryMeasurement.RunAsync(Quick ? 100 : 5_000);
        }

        var rest = args.Where(a => a is not "--quick").ToList();
        if (!rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        var job = (Quick ? Job.Dry : Job.Default.WithWarmupCount(10).WithIterationCount(15))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(30));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config).ToList();
        var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).Select(s => s.Title).ToList();
        foreach (var title in failed)
        {
            Console.Error.WriteLine($"benchmark failed: {title}");
        }

        return summaries.Count > 0 && failed.Count == 0 ? 0 : 1;
    }
}
