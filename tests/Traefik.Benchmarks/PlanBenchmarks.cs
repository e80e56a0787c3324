using BenchmarkDotNet.Attributes;
using Traefik.GitOps;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Routing;

namespace Traefik.Benchmarks;

/// <summary>Plan and diff of one weight change in a long-lived repository of 100, 1,000 and 5,000 routes.</summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private string _folder = string.Empty;
    private GitOpsRepository _repository = null!;
    private int _step;

    public static IEnumerable<int> Sizes => Program.Quick ? [100] : [100, 1_000, 5_000];

    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("traefik-bench-plan-").FullName;
        SyntheticRepository.Create(_folder, Routes);
        _repository = GitOpsRepository.Open(new GitOpsOptions { RepositoryPath = _folder });
        _ = _repository.Plan(WeightChange(Routes, ++_step)).Diff;
    }

    [GlobalCleanup]
    public void Cleanup() => Folders.Delete(_folder);

    [Benchmark(Description = "plan + diff, one weight change")]
    public string PlanWeightChange() => _repository.Plan(WeightChange(Routes, ++_step)).Diff;

    /// <summary>
    /// The weights of a step: a pair no other step uses and no route starts with (every route is 90/10), so
    /// each plan writes objects git does not have yet instead of finding them from an earlier step.
    /// </summary>
    internal static (int Stable, int Canary) Weights(int step) => (100 + step, 1 + (step % 89));

    /// <summary>A weight change on the route in the middle of the repository, different from every other step.</summary>
    internal static ITrafficIntent WeightChange(int routes, int step)
    {
        var i = routes / 2;
        var (stable, canary) = Weights(step);
        var ns = SyntheticRepository.NamespaceOf(i);
        var route = SyntheticRepository.RouteName(i);
        return TrafficIntent.Create(
            $"Shift {ns}/{route} to {stable}/{canary}",
            $"bench-weights {ns}/{route} {stable}/{canary}",
            ns,
            route,
            current => WeightedRoutes.UpdateWeights(current, ns, route, new WeightsIntent { Weights = [new BackendWeight { Service = $"svc-{i}-stable", Weight = stable }, new BackendWeight { Service = $"svc-{i}-canary", Weight = canary }] }));
    }
}

/// <summary>Removes benchmark folders.</summary>
internal static class Folders
{
    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
