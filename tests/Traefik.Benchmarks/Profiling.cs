using System.Diagnostics;
using System.Globalization;
using Traefik.Benchmarks.Delivery;
using Traefik.Benchmarks.Mcp;
using Traefik.Benchmarks.Planning;
using Traefik.Benchmarks.Rendering;

namespace Traefik.Benchmarks;

/// <summary>
/// <c>--profile &lt;render|plan|branch|tool&gt; [--routes N] [--seconds S]</c>: runs one benchmark's body in a
/// loop (after its GlobalSetup) for S seconds and prints the mean, so a profiler can be attached, for example
/// <c>DOTNET_PerfMapEnabled=1</c> and <c>perf record -g -p &lt;pid&gt;</c>.
/// </summary>
public static class Profiling
{
    /// <summary>Runs the loop.</summary>
    public static async Task<int> RunAsync(string scenario, int routes, double seconds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Func<Task> body;
        switch (scenario)
        {
            case "render":
                var render = new RenderBenchmarks { Routes = routes };
                render.Setup();
                body = () => Task.FromResult(render.ManifestYamlRender());
                break;
            case "plan":
                var plan = new PlanBenchmarks { Routes = routes };
                plan.Setup();
                body = () => Task.FromResult(plan.PlanWeightChange());
                break;
            case "branch":
                var branch = new BranchDeliveryBenchmarks { Routes = routes };
                branch.Setup();
                body = async () =>
                {
                    branch.ResetBranches();
                    await branch.GitOpsBranchDelivery();
                };
                break;
            case "tool":
                var tool = new ToolCallBenchmarks { Routes = routes };
                await tool.Setup();
                body = tool.WeightedRoutingDiff;
                break;
            default:
                await output.WriteLineAsync("--profile takes render, plan, branch or tool.");
                return 2;
        }

        await output.WriteLineAsync($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}: running {scenario} with {routes.ToString(CultureInfo.InvariantCulture)} routes for {seconds.ToString(CultureInfo.InvariantCulture)} s");
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            await body();
            count++;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count} runs, {watch.Elapsed.TotalMilliseconds / count:0.000} ms each"));
        return 0;
    }
}
