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

    /// <summary>A weight change on the route in the middle of the repository, different at every step.</summary>
    internal static ITrafficIntent WeightChange(int routes, int step)
    {
        var i = routes / 2;
        var stable = 1 + (step % 89);
        var ns = SyntheticRepository.NamespaceOf(i);
        var route = SyntheticRepository.RouteName(i);
        return TrafficIntent.Create(
            $"Shift {ns}/{route} to {stable}/{100 - stable}",
            $"bench-weights {ns}/{route} {stable}",
            ns,
            route,
            current => WeightedRoutes.UpdateWeights(current, ns, route, [new BackendWeight { Service = $"svc-{i}-stable", Weight = stable }, new BackendWeight { Service = $"svc-{i}-canary", Weight = 100 - stable }]));
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
