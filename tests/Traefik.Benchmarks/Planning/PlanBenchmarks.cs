using BenchmarkDotNet.Attributes;
using Traefik.Benchmarks.Synthetic;
using Traefik.GitOps;
using Traefik.GitOps.Proposals;

namespace Traefik.Benchmarks.Planning;

/// <summary>
/// Target: plan + diff of one weight change in at most 20 ms (median) at 5,000 routes, and the 5,000-route
/// time at most 2× the 100-route time (the "Median / fewest routes" column). As the server does, the
/// repository is opened and indexed once and kept; every invocation plans weights no earlier one used, so no
/// plan is a no-op and none finds its objects already written.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private SyntheticRepository _repository = null!;
    private GitOpsRepository _gitOps = null!;
    private int _route;
    private int _step;

    /// <summary>The number of routes in the repository.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    /// <summary>100, 1,000 and 5,000 routes; 100 and 300 in quick mode.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSettings.Sizes([100, 300], [100, 1_000, 5_000]);

    /// <summary>Generates the repository, opens it and indexes it once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _repository = SyntheticRepository.Create(Routes);
        _gitOps = _repository.OpenIndexed();
        _route = _repository.TargetRoute;
        _gitOps.Plan(SyntheticRoutes.WeightChange(_route, _step++));
    }

    /// <summary>Deletes the repository.</summary>
    [GlobalCleanup]
    public void Cleanup() => _repository.Dispose();

    /// <summary>Plans a weight change of one route and renders its diff.</summary>
    [Benchmark]
    public Proposal PlanWeightChange()
    {
        var proposal = _gitOps.Plan(SyntheticRoutes.WeightChange(_route, _step++));
        if (proposal.FileChanges.Count != 1 || proposal.Diff.Length == 0)
        {
            throw new InvalidOperationException($"Expected a one-file diff, got {proposal.FileChanges.Count} file(s): {proposal.Summary}");
        }

        return proposal;
    }
}
