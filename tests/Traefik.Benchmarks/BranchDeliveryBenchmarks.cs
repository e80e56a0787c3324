using BenchmarkDotNet.Attributes;
using Traefik.GitOps;
using Traefik.GitOps.Proposals;

namespace Traefik.Benchmarks;

/// <summary>
/// The <c>branch</c> delivery of one weight change (a commit built without checkout) against the git
/// command line making the same commit the same way (plumbing into a temporary index, no checkout).
/// Each iteration starts from a repository where the proposal branch does not exist.
/// </summary>
public class BranchDeliveryBenchmarks
{
    private string _folder = string.Empty;
    private GitOpsRepository _repository = null!;
    private Proposal _next = null!;
    private FileChange _change = null!;
    private int _step;

    public static IEnumerable<int> Sizes => Program.Quick ? [100] : [5_000];

    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("traefik-bench-branch-").FullName;
        SyntheticRepository.Create(_folder, Routes);
        _repository = GitOpsRepository.Open(new GitOpsOptions { RepositoryPath = _folder });

        // The baseline must make the same commit: both sides write the same tree for the same change.
        Reset();
        var ours = BranchDelivery().GetAwaiter().GetResult();
        var theirs = GitCommandLine();
        var trees = ((string?[])[ours, theirs]).Select(c => SyntheticRepository.Git(_folder, "rev-parse", c + "^{tree}").Trim()).ToList();
        if (trees[0] != trees[1])
        {
            throw new InvalidOperationException($"The git command line and the branch delivery wrote different trees ({trees[0]}, {trees[1]}).");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Folders.Delete(_folder);

    [IterationSetup]
    public void Reset()
    {
        foreach (var branch in SyntheticRepository.Git(_folder, "for-each-ref", "--format=%(refname)", "refs/heads/traefik", "refs/heads/cli").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            SyntheticRepository.Git(_folder, "update-ref", "-d", branch);
        }

        _next = _repository.Plan(PlanBenchmarks.WeightChange(Routes, ++_step), DeliveryMode.Branch);
        _change = _next.FileChanges.Single();
    }

    [Benchmark(Baseline = true, Description = "git command line: hash-object, read-tree, update-index, write-tree, commit-tree, update-ref")]
    public string GitCommandLine()
    {
        var index = Path.Combine(_folder, ".git", "bench-index");
        var env = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index };
        var blob = SyntheticRepository.GitWith(_folder, null, _change.NewContent, "hash-object", "-w", "--stdin").Trim();
        SyntheticRepository.GitWith(_folder, env, null, "read-tree", "main");
        SyntheticRepository.GitWith(_folder, env, null, "update-index", "--add", "--cacheinfo", $"100644,{blob},{_change.Path}");
        var tree = SyntheticRepository.GitWith(_folder, env, null, "write-tree").Trim();
        var commit = SyntheticRepository.Git(_folder, "commit-tree", tree, "-p", "main", "-m", _next.Title).Trim();
        SyntheticRepository.Git(_folder, "update-ref", "refs/heads/cli/" + _next.Branch, commit);
        return commit;
    }

    [Benchmark(Description = "traefik branch delivery (LibGit2Sharp, no checkout)")]
    public async Task<string?> BranchDelivery() => (await _repository.DeliverAsync(_next, DeliveryMode.Branch)).Commit;
}
