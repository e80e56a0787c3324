using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Traefik.Benchmarks.Delivery;
using Traefik.Benchmarks.Mcp;
using Traefik.Benchmarks.Planning;
using Traefik.Benchmarks.Rendering;
using Traefik.Benchmarks.Startup;

namespace Traefik.Benchmarks;

/// <summary>
/// The benchmark program. With no mode, BenchmarkDotNet's switcher runs what the arguments select (for
/// example <c>--filter *Plan*</c>, or <c>--filter *</c> for everything). Modes:
/// <list type="bullet">
/// <item><c>--quick</c>: every benchmark once on small repositories, then the memory measurement; fails
/// (exit code 1) when anything throws. Asserts nothing about time. CI runs it so the benchmarks cannot rot.</item>
/// <item><c>--memory [--routes N]</c>: the server's peak working set with an N-route repository (default 5,000).</item>
/// <item><c>--profile &lt;render|plan|branch|tool&gt; [--routes N] [--seconds S]</c>: one benchmark in a loop, for a profiler (<see cref="Profiling"/>).</item>
/// </list>
/// </summary>
public static class BenchmarkProgram
{
    /// <summary>Every benchmark class, one per row of the targets table in docs/benchmarks.md.</summary>
    public static readonly Type[] All =
    [
        typeof(RenderBenchmarks),
        typeof(PlanBenchmarks),
        typeof(BranchDeliveryBenchmarks),
        typeof(ToolCallBenchmarks),
        typeof(ColdStartBenchmarks),
    ];

    /// <summary>Runs the command line.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--quick"))
        {
            BenchmarkSettings.Quick = true;
            return await QuickAsync().ConfigureAwait(false);
        }

        if (Option(args, "--profile") is { } scenario)
        {
            var routes = Option(args, "--routes") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5000;
            var seconds = Option(args, "--seconds") is { } t ? double.Parse(t, CultureInfo.InvariantCulture) : 20;
            return await Profiling.RunAsync(scenario, routes, seconds, Console.Out).ConfigureAwait(false);
        }

        if (args.Contains("--memory"))
        {
            var routes = Option(args, "--routes") is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : 5000;
            var results = await MemoryMeasurement.RunAsync(routes, Console.Out).ConfigureAwait(false);
            return results.Count > 0 ? 0 : 1;
        }

        var summaries = BenchmarkSwitcher.FromTypes(All).Run(args, BenchmarkConfigs.Full());
        return Failed(summaries).Count == 0 ? 0 : 1;
    }

    private static async Task<int> QuickAsync()
    {
        var summaries = BenchmarkRunner.Run(All, BenchmarkConfigs.Quick());
        var failures = Failed(summaries);
        try
        {
            await MemoryMeasurement.RunAsync(routes: 100, Console.Out).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or ModelContextProtocol.McpException)
        {
            failures.Add("memory measurement: " + e.Message);
        }

        if (failures.Count > 0)
        {
            await Console.Error.WriteLineAsync("Benchmarks failed:\n  " + string.Join("\n  ", failures)).ConfigureAwait(false);
            return 1;
        }

        Console.WriteLine($"Quick benchmarks: {summaries.Sum(s => s.Reports.Length)} benchmark cases and the memory measurement ran without errors.");
        return 0;
    }

    /// <summary>Benchmark cases that did not run to the end (an exception, a validation error, a missing result).</summary>
    private static List<string> Failed(IEnumerable<Summary> summaries)
    {
        var failures = new List<string>();
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failures.AddRange(summary.ValidationErrors.Select(e => $"{summary.Title}: {e.Message}"));
            }

            foreach (var benchmark in summary.BenchmarksCases)
            {
                var report = summary[benchmark];
                if (report is null || !report.Success || report.ResultStatistics is null)
                {
                    failures.Add($"{benchmark.DisplayInfo}: did not complete (see the log above)");
                }
            }
        }

        return failures;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
