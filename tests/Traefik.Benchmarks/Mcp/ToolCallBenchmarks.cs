using BenchmarkDotNet.Attributes;
using ModelContextProtocol.Protocol;
using Traefik.Benchmarks.Synthetic;
using Traefik.GitOps;
using Traefik.Mcp.Tools;

namespace Traefik.Benchmarks.Mcp;

/// <summary>
/// Target: an MCP tool call round trip with <c>diff</c> delivery, warm, from an in-process client, in at most
/// 5 ms (median) and at most 2× an echo tool called with the same arguments on the same SDK and transport
/// (the baseline). The repository has 5,000 routes; every call asks for weights no earlier call asked for.
/// </summary>
[MemoryDiagnoser]
public class ToolCallBenchmarks
{
    private SyntheticRepository _repository = null!;
    private InProcessServer _server = null!;
    private int _route;
    private int _step;

    /// <summary>The number of routes in the repository.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    /// <summary>5,000 routes; 100 in quick mode.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSettings.Sizes([100], [5_000]);

    /// <summary>Generates the repository, starts the server and warms both tools up.</summary>
    [GlobalSetup]
    public async Task Setup()
    {
        _repository = SyntheticRepository.Create(Routes);
        _route = _repository.TargetRoute;
        _server = await InProcessServer.StartAsync(_repository.WorkingTree, DeliveryMode.Diff);
        await Echo();
        await WeightedRoutingDiff();
    }

    /// <summary>Stops the server and deletes the repository.</summary>
    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _server.DisposeAsync();
        _repository.Dispose();
    }

    /// <summary>The echo tool with the same arguments.</summary>
    [Benchmark(Baseline = true)]
    public Task<CallToolResult> Echo() => _server.CallAsync(EchoTool.Name, Arguments());

    /// <summary><c>traefik_manage_weighted_routing</c>, action update, diff delivery: plans and returns the proposal.</summary>
    [Benchmark]
    public async Task<CallToolResult> WeightedRoutingDiff()
    {
        var result = await _server.CallAsync(WeightedRoutingTool.Name, Arguments());
        if (result.StructuredContent is null)
        {
            throw new InvalidOperationException("The tool returned no proposal.");
        }

        return result;
    }

    private Dictionary<string, object?> Arguments()
    {
        var (stable, canary) = SyntheticRoutes.Weights(_step++);
        return InProcessServer.Arguments(
            ("action", "update"),
            ("route_name", SyntheticRoutes.RouteName(_route)),
            ("namespace", SyntheticRoutes.Namespace(_route)),
            ("stable_weight", stable),
            ("canary_weight", canary));
    }
}
