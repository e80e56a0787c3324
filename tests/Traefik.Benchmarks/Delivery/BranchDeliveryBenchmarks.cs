using BenchmarkDotNet.Attributes;
using Traefik.Benchmarks.Synthetic;
using Traefik.GitOps;
using Traefik.GitOps.Delivery;
using Traefik.Manifests;
using Traefik.Manifests.Model;

namespace Traefik.Benchmarks.Delivery;

/// <summary>
/// Target: <c>branch</c> delivery of one weight change at 5,000 routes (plan, then a commit built from trees
/// on the proposal branch, no checkout) in at most 100 ms (median), and no slower than the <c>git</c> command
/// line making the same commit on the same repository without a checkout (the baseline). The baseline is
/// handed the new file content; the product plans it. Before every iteration both branches are deleted, so
/// each iteration creates its branch from <c>main</c> again.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class BranchDeliveryBenchmarks
{
    private const string CliBranch = "refs/heads/benchmark/git-cli";

    private SyntheticRepository _repository = null!;
    private GitOpsRepository _gitOps = null!;
    private TraefikService _wrr = null!;
    private string _wrrPath = null!;
    private string _productBranch = null!;
    private string _index = null!;
    private int _route;
    private int _step;

    /// <summary>The number of routes in the repository.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    /// <summary>5,000 routes; 100 in quick mode.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSettings.Sizes([100], [5_000]);

    /// <summary>Generates the repository, opens and indexes it, and finds the file the change edits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _repository = SyntheticRepository.Create(Routes);
        _gitOps = _repository.OpenIndexed();
        _route = _repository.TargetRoute;
        var ns = SyntheticRoutes.Namespace(_route);
        var name = SyntheticRoutes.RouteName(_route);
        _productBranch = "refs/heads/" + _gitOps.BranchNameFor(ns, name);
        _wrr = _repository.Objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, ns, name + "-wrr")!;
        _wrrPath = Traefik.GitOps.Layout.GitOpsLayout.PathFor(SyntheticRepository.Root, _wrr.Key);
        _index = Path.Combine(_repository.Folder, "benchmark.index");

        // Both sides make the same commit content: the same tree for the same weights.
        ResetBranches();
        GitOpsBranchDelivery().GetAwaiter().GetResult();
        GitCommandLine();
        var trees = ((string[])[_productBranch, CliBranch]).Select(b => GitCli.Run(_repository.WorkingTree, "rev-parse", b + "^{tree}").Trim()).ToList();
        if (trees[0] != trees[1])
        {
            throw new InvalidOperationException($"The git command line and the product committed different trees ({trees[0]}, {trees[1]}).");
        }
    }

    /// <summary>Deletes the repository.</summary>
    [GlobalCleanup]
    public void Cleanup() => _repository.Dispose();

    /// <summary>Deletes both branches, so the next delivery starts from <c>main</c> again.</summary>
    [IterationSetup]
    public void ResetBranches()
    {
        foreach (var branch in (string[])[_productBranch, CliBranch])
        {
            GitCli.Run(_repository.WorkingTree, "update-ref", "-d", branch);
        }

        File.Delete(_index);
        _step++;
    }

    /// <summary>
    /// The git command line: write the new blob, read <c>main</c>'s tree into a temporary index, replace the
    /// file's entry, write the tree, commit it on top of <c>main</c>, and create the branch (only if it does not exist).
    /// </summary>
    [Benchmark(Baseline = true)]
    public string GitCommandLine()
    {
        var work = _repository.WorkingTree;
        var (stable, canary) = SyntheticRoutes.Weights(_step);
        var content = ManifestYaml.Render(_wrr with
        {
            Spec = _wrr.Spec with
            {
                Weighted = _wrr.Spec.Weighted! with
                {
                    Services = [_wrr.Spec.Weighted.Services![0] with { Weight = stable }, _wrr.Spec.Weighted.Services[1] with { Weight = canary }],
                },
            },
        });
        var index = new[] { ("GIT_INDEX_FILE", _index) };
        var blob = GitCli.Run(work, System.Text.Encoding.UTF8.GetBytes(content), null, "hash-object", "-w", "--stdin").Trim();
        GitCli.Run(work, null, index, "read-tree", "main");
        GitCli.Run(work, null, index, "update-index", "--cacheinfo", $"100644,{blob},{_wrrPath}");
        var tree = GitCli.Run(work, null, index, "write-tree").Trim();
        var commit = GitCli.Run(work, "commit-tree", tree, "-p", "main", "-m", $"Set weights to {stable}/{canary}").Trim();
        GitCli.Run(work, "update-ref", CliBranch, commit, string.Empty);
        return commit;
    }

    /// <summary>The product: plan the weight change and commit it on its proposal branch.</summary>
    [Benchmark]
    public async Task<string> GitOpsBranchDelivery()
    {
        var result = await _gitOps.ProposeAsync(SyntheticRoutes.WeightChange(_route, _step), DeliveryMode.Branch);
        if (result.Outcome != DeliveryOutcome.Committed || result.Files.Count != 1)
        {
            throw new InvalidOperationException($"Expected a one-file commit: {result.Message}");
        }

        return result.Commit!;
    }
}
