using Traefik.GitOps.Delivery;
using Traefik.GitOps.Intents;
using Traefik.GitOps.State;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Tests.Delivery;

/// <summary>
/// Deliveries never write through a symbolic link or outside the work tree, never read a link as a manifest, and
/// write all the files of a proposal or none, even when the process dies half-way.
/// </summary>
public sealed class FileSystemSafetyTests
{
    private const string Kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - api-route.yaml\n  - api-wrr.yaml\n";

    [Fact]
    public async Task Worktree_CommittedFolderLinkUnderTheRoot_IsUnreadableAndNothingIsWrittenThroughIt()
    {
        using var repo = Repositories.WithRoute();
        var outside = Outside(repo);
        Directory.CreateSymbolicLink(Path.Combine(repo.Work, "traefik/staging"), outside);
        repo.Commit("link the staging manifests");
        var git = Repositories.Open(repo);

        var state = git.ReadState(DeliveryMode.Worktree);
        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(CreateRoute("staging"), DeliveryMode.Worktree));
        var excluded = Repositories.Open(repo, new GitOpsOptions { Exclude = ["traefik/staging"] });
        var planned = Assert.Throws<GitOpsException>(() => excluded.Plan(CreateRoute("staging"), DeliveryMode.Worktree));

        Assert.Equal("traefik/staging: is a symbolic link; links are never read as manifests or written through. Replace it with the file or folder it points to, or exclude it.", Assert.Single(state.Problems));
        Assert.Contains("- traefik/staging: is a symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Refusing to write traefik/staging/kustomization.yaml: traefik/staging is a symbolic link in the repository, not a folder. Nothing was written; replace the link with the folder it points to, or choose another root.", planned.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task Worktree_UntrackedFolderLinkUnderTheRoot_IsRefusedNamingTheLink()
    {
        using var repo = Repositories.WithRoute();
        var outside = Outside(repo);
        Directory.CreateSymbolicLink(Path.Combine(repo.Work, "traefik/staging"), outside);
        var git = Repositories.Open(repo);
        var excluded = Repositories.Open(repo, new GitOpsOptions { Exclude = ["traefik/staging"] });

        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(CreateRoute("staging"), DeliveryMode.Worktree));
        var notWritten = await Assert.ThrowsAsync<GitOpsException>(() => excluded.ProposeAsync(CreateRoute("staging"), DeliveryMode.Worktree));

        Assert.Contains("- traefik/staging: is a symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Refusing to write traefik/staging/kustomization.yaml to the working tree: traefik/staging is a symbolic link, and links are never written through (the file would land wherever it points). Nothing was written.", notWritten.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal("?? traefik/staging\n", repo.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task Worktree_ManifestRootIsACommittedLink_IsRefusedNamingIt()
    {
        using var repo = new TempRepository();
        var outside = Outside(repo);
        Directory.CreateSymbolicLink(Path.Combine(repo.Work, "traefik"), outside);
        repo.Commit("root elsewhere", ("README.md", "x\n"));
        var git = Repositories.Open(repo);
        var excluded = Repositories.Open(repo, new GitOpsOptions { Exclude = ["traefik"] });

        var state = git.ReadState(DeliveryMode.Branch);
        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(CreateRoute("prod"), DeliveryMode.Worktree));
        var planned = Assert.Throws<GitOpsException>(() => excluded.Plan(CreateRoute("prod"), DeliveryMode.Branch));

        Assert.Equal("traefik", Assert.Single(state.Unreadable).Path);
        Assert.Contains("- traefik: is a symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("Refusing to write traefik/kustomization.yaml: traefik is a symbolic link in the repository, not a folder.", planned.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task Worktree_ManifestRootIsAnUntrackedLink_IsRefusedNamingIt()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "x\n"));
        var outside = Outside(repo);
        Directory.CreateSymbolicLink(Path.Combine(repo.Work, "traefik"), outside);
        var git = Repositories.Open(repo);

        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(CreateRoute("prod"), DeliveryMode.Worktree));

        Assert.Contains("- traefik: is a symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task CommittedFileLinkWhoseTextIsYaml_IsNeverReadNorRewritten()
    {
        // A link's "content" in git is its target path, which can be any text: it was parsed as a manifest, and
        // branch delivery committed a "symbolic link" holding YAML.
        using var repo = new TempRepository();
        // The link sits where a new weighted route api would write its TraefikService.
        repo.Write("traefik/prod/api/api-route.yaml", Samples.Route);
        File.CreateSymbolicLink(Path.Combine(repo.Work, "traefik/prod/api/traefikservice-api-wrr.yaml"), Samples.WeightedService);
        repo.Commit("a link whose target is a manifest");
        Assert.Equal("120000", repo.Git("ls-files", "-s", "traefik/prod/api/traefikservice-api-wrr.yaml")[..6]);
        var git = Repositories.Open(repo);
        var excluded = Repositories.Open(repo, new GitOpsOptions { Exclude = ["traefikservice-api-wrr.yaml"] });
        var head = repo.Git("rev-parse", "HEAD");

        var state = git.ReadState();
        var worktreeState = git.ReadState(DeliveryMode.Worktree);
        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch));
        var notRewritten = Assert.Throws<GitOpsException>(() => excluded.Plan(TestIntents.CreateRoute("prod", "api", "api.example.com", ("api-stable", 100))));

        Assert.Equal([new ObjectKey("IngressRoute", "prod", "api")], state.Objects.Keys);
        Assert.Equal(["traefik/prod/api/traefikservice-api-wrr.yaml"], state.Unreadable.Select(u => u.Path));
        Assert.Equal(state.Unreadable, worktreeState.Unreadable);
        Assert.Contains("- traefik/prod/api/traefikservice-api-wrr.yaml: is a symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("Refusing to write traefik/prod/api/traefikservice-api-wrr.yaml: it is a symbolic link in the repository, not a manifest file.", notRewritten.Message, StringComparison.Ordinal);
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));
        Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
        Assert.NotNull(new FileInfo(Path.Combine(repo.Work, "traefik/prod/api/traefikservice-api-wrr.yaml")).LinkTarget);
    }

    [Fact]
    public async Task Worktree_FileNameTooLong_IsRefusedBeforeAnythingIsWritten()
    {
        // A valid 253-character name made one path too long after kustomization.yaml had been rewritten.
        using var repo = WithKustomization();
        var git = Repositories.Open(repo);
        var before = repo.CheckoutState();
        var name = new string('m', 253);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(AddMiddleware(name), DeliveryMode.Worktree));

        Assert.Equal(
            $"The file for Middleware prod/{name} would be named middleware-<name>.yaml, 269 bytes: file systems allow 255, so it could be committed but never checked out. Use a name of at most 239 characters.",
            error.Message);
        Assert.Equal(before, repo.CheckoutState());
        Assert.Empty(TempFiles(repo));
    }

    [Fact]
    public async Task Worktree_FailureMidWrite_RestoresEveryFileAndLeavesNoTemporaryFile()
    {
        using var repo = WithKustomization();
        var git = Repositories.Open(repo);
        var before = Files(repo);
        var seen = new List<string>();
        git.BeforeWorktreeWrite = path =>
        {
            seen.Add(path);
            Assert.Empty(TempFiles(repo));
            if (seen.Count == 3)
            {
                throw new IOException("No space left on device");
            }
        };

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web", 100)), DeliveryMode.Worktree));

        Assert.Equal(["traefik/kustomization.yaml", "traefik/prod/kustomization.yaml", "traefik/prod/web/ingressroute-web.yaml"], seen);
        Assert.Equal("Writing traefik/prod/web/ingressroute-web.yaml to the working tree failed (No space left on device), so nothing was written: the files already replaced were restored.", error.Message);
        Assert.Equal(before, Files(repo));
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain", "--untracked-files=all"));
        Assert.Empty(TempFiles(repo));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(repo.Work, ".git/traefik-mcp/worktree-staging")));
    }

    [Fact]
    public async Task Worktree_ProcessKilledMidWrite_NextDeliveryRollsItBackFirst()
    {
        using var repo = WithKustomization();
        var before = repo.CheckoutState();
        var killed = Repositories.Open(repo);
        killed.BeforeWorktreeWrite = path =>
        {
            if (path.EndsWith("traefikservice-web-wrr.yaml", StringComparison.Ordinal))
            {
                throw new ProcessKilled();
            }
        };

        // The exception escapes like a kill -9 would: no rollback runs, four of five files are already replaced.
        await Assert.ThrowsAsync<ProcessKilled>(() => killed.ProposeAsync(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web", 100)), DeliveryMode.Worktree));
        var halfWritten = repo.Git("status", "--porcelain");
        var next = Repositories.Open(repo);
        var result = await next.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Worktree);

        Assert.Equal(" M traefik/prod/kustomization.yaml\n?? traefik/kustomization.yaml\n?? traefik/prod/web/\n", halfWritten);
        Assert.Equal(["traefik/prod/api-wrr.yaml"], result.Files);
        Assert.Equal(" M traefik/prod/api-wrr.yaml\n", repo.Git("status", "--porcelain"));
        Assert.Equal(Kustomization, repo.Read("traefik/prod/kustomization.yaml"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(repo.Work, ".git/traefik-mcp/worktree-staging")));
        Assert.NotEqual(before, repo.CheckoutState());
    }

    [Fact]
    public async Task Worktree_StaleTemporaryFilesOfEarlierVersions_AreRemovedAndOthersKept()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/.api-wrr.yaml.k3j5x0qa.1zq.tmp", "half a manifest");
        repo.Write("traefik/prod/deep/.x.yaml.abcdefgh.xyz.tmp", "half");
        repo.Write("traefik/prod/notes.tmp", "mine");
        var git = Repositories.Open(repo);

        await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Worktree);

        Assert.Equal(["traefik/prod/notes.tmp"], TempFiles(repo));
    }

    [Fact]
    public void ReadState_WorktreeFifoOrFolderNamedLikeAManifest_DoesNotBlock()
    {
        using var repo = Repositories.WithRoute();
        Directory.CreateDirectory(Path.Combine(repo.Work, "traefik/prod/folder.yaml"));
        File.WriteAllText(Path.Combine(repo.Work, "traefik/prod/folder.yaml/inner.txt"), "x");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(repo.Work, "traefik/prod/pipe.yaml")))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var git = Repositories.Open(repo);

        var state = Traefik.Manifests.Tests.Support.Bounded.Run(() => git.ReadState(DeliveryMode.Worktree), TimeSpan.FromSeconds(60), long.MaxValue, "ReadState");

        Assert.Equal(2, state.Objects.Count);
        Assert.DoesNotContain(state.Unreadable, u => u.Path == "traefik/prod/folder.yaml");
    }

    private static TempRepository WithKustomization()
    {
        var repo = Repositories.WithRoute();
        repo.Commit("kustomization", ("traefik/prod/kustomization.yaml", Kustomization));
        return repo;
    }

    private static string Outside(TempRepository repo)
    {
        var outside = Path.Combine(repo.Folder, "outside");
        Directory.CreateDirectory(outside);
        return outside;
    }

    private static ITrafficIntent CreateRoute(string ns) => TestIntents.CreateRoute(ns, "web", "web.example.com", ("web", 100));

    private static ITrafficIntent AddMiddleware(string name) =>
        TrafficIntent.Create(
            "Add middleware",
            "add-middleware " + name,
            "prod",
            name,
            current => Traefik.GitOps.Intents.IntentResult.Compare(current, current.Set(Assert.Single(ManifestYaml.Parse(
                $"apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: {name}\n  namespace: prod\nspec:\n  stripPrefix:\n    prefixes: [/api]\n")))));

    /// <summary>Every file under the worktree's manifest root with its content (the index's stat data aside).</summary>
    private static string Files(TempRepository repo) =>
        string.Join("\n", Directory.EnumerateFiles(Path.Combine(repo.Work, "traefik"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => f + "\n" + File.ReadAllText(f)));

    /// <summary>Every file under the worktree's manifest root whose name ends in .tmp.</summary>
    private static List<string> TempFiles(TempRepository repo) =>
        [.. Directory.EnumerateFiles(Path.Combine(repo.Work, "traefik"), "*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Select(f => Path.GetRelativePath(repo.Work, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private sealed class ProcessKilled : Exception
    {
        public ProcessKilled()
            : base("killed")
        {
        }
    }
}
