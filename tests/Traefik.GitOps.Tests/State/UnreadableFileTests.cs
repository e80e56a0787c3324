using System.Text;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Intents;
using Traefik.GitOps.State;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;

namespace Traefik.GitOps.Tests.State;

/// <summary>
/// Files under the manifest root that cannot be read: named with the line and reason in every state and proposal,
/// never valid, and never delivered past (except as a preview) until fixed or excluded.
/// </summary>
public sealed class UnreadableFileTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>A hand-written route with a duplicate key that points at the tool's weighted service.</summary>
    private const string HandWrittenWithDuplicateKey = """
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: web
          namespace: prod
        spec:
          entryPoints: [web]
          entryPoints: [websecure]
          routes:
            - kind: Rule
              match: Host(`web.example.com`)
              services:
                - kind: TraefikService
                  name: api-wrr

        """;

    [Fact]
    public void ReadState_ValueThatIsAMapping_IsUnreadableAndTheRestIsRead()
    {
        // "a: b: c" anywhere under the root made the server spin at 100% CPU for good.
        using var repo = Repositories.WithRoute();
        repo.Commit("bad", ("traefik/prod/notes/bad.yaml", "a: b: c"));
        var git = Repositories.Open(repo);

        var state = Bounded.Run(() => git.ReadState(), Bound, long.MaxValue, "ReadState");

        Assert.Equal([new UnreadableFile("traefik/prod/notes/bad.yaml", 1, 5, "While scanning a plain scalar value, found invalid mapping.")], state.Unreadable);
        Assert.Equal("traefik/prod/notes/bad.yaml, line 1, column 5: While scanning a plain scalar value, found invalid mapping.", Assert.Single(state.Problems));
        Assert.Equal(2, state.Objects.Count);
    }

    [Fact]
    public void ReadState_UncommittedValueThatIsAMapping_IsUnreadableInWorktreeBasis()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/bad.yaml", "a: b: c");
        var git = Repositories.Open(repo);

        var state = Bounded.Run(() => git.ReadState(DeliveryMode.Worktree), Bound, long.MaxValue, "ReadState");

        Assert.Equal(("traefik/prod/bad.yaml", 1), (Assert.Single(state.Unreadable).Path, state.Unreadable[0].Line));
    }

    [Fact]
    public void ReadState_UnclosedFlowSequence_NamesTheFileAndLine()
    {
        // Every call failed with "An error occurred…", naming no file.
        using var repo = Repositories.WithRoute();
        repo.Commit("bad", ("traefik/prod/x.yaml", "a: [b\nc: d\n"));
        var git = Repositories.Open(repo);

        var state = git.ReadState();

        Assert.Equal(
            "traefik/prod/x.yaml, line 2, column 1: the YAML parser could not continue here (inside the flow sequence '[' opened at line 1, column 4: is its ']' missing?).",
            Assert.Single(state.Problems));
    }

    [Fact]
    public void ReadState_AliasBomb_IsUnreadableWithinBounds()
    {
        using var repo = Repositories.WithRoute();
        var bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 9)).Append("]\n");
        }

        repo.Commit("bomb", ("traefik/prod/bomb.yaml", bomb.ToString()));
        var git = Repositories.Open(repo);

        var state = Bounded.Run(() => git.ReadState(), Bound, 256L * 1024 * 1024, "ReadState");

        Assert.StartsWith("aliases repeat more than 100,000 nodes and characters", Assert.Single(state.Unreadable).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadState_FileOverTheSizeLimit_IsUnreadableWithoutBeingRead()
    {
        using var repo = Repositories.WithRoute();
        repo.Commit("big", ("traefik/prod/big.yaml", "data: " + new string('x', 500) + "\n"));
        var git = Repositories.Open(repo, new GitOpsOptions { MaxFileBytes = 400 });

        var state = git.ReadState();

        Assert.Equal(new UnreadableFile("traefik/prod/big.yaml", null, null, "is 507 bytes, over the 400-byte limit for one file, so it was not read (raise the limit with --max-file-size or GitOpsOptions.MaxFileBytes, or exclude the file)."), Assert.Single(state.Unreadable));
        Assert.Equal(2, git.FilesParsed);
    }

    [Fact]
    public void ReadState_NotUtf8_IsUnreadable()
    {
        using var repo = Repositories.WithRoute();
        File.WriteAllBytes(Path.Combine(repo.Work, "traefik/prod/latin1.yaml"), [.. "kind: x\nname: caf"u8, 0xE9, (byte)'\n']);
        repo.Commit("latin-1");
        var git = Repositories.Open(repo);

        Assert.Equal("traefik/prod/latin1.yaml: is not UTF-8 text, which Kubernetes manifests must be.", Assert.Single(git.ReadState().Problems));
    }

    [Fact]
    public void ReadState_DocumentThatIsNotAValidObject_IsUnreadableAndTheOtherDocumentsAreRead()
    {
        using var repo = new TempRepository();
        repo.Commit("mixed", ("traefik/prod/mixed.yaml", Samples.WeightedService + "---\n# a route without a name\napiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata:\n  namespace: prod\n---\nplain: data\n"));
        var git = Repositories.Open(repo);

        var state = git.ReadState();

        Assert.Equal(
            new UnreadableFile("traefik/prod/mixed.yaml", 17, null, "document 2 (line 17) is not a valid Kubernetes object: metadata.name: is required and must be a string."),
            Assert.Single(state.Unreadable));
        Assert.Equal([new ObjectKey("TraefikService", "prod", "api-wrr")], state.Objects.Keys);
    }

    [Fact]
    public void ReadState_ManyInvalidDocuments_DescribesThreeAndCountsTheRest()
    {
        using var repo = new TempRepository();
        repo.Commit("many", ("traefik/prod/many.yaml", "plain: data\n" + string.Concat(Enumerable.Repeat("---\nkind: IngressRoute\n", 100_000))));
        var git = Repositories.Open(repo);

        var state = Bounded.Run(() => git.ReadState(), Bound, long.MaxValue, "ReadState");

        Assert.Equal(
            new UnreadableFile("traefik/prod/many.yaml", 3, null, "document 2 (line 3) is not a valid Kubernetes object: apiVersion: is required and must be a string.; metadata.name: is required and must be a string; "
                + "document 3 (line 5) is not a valid Kubernetes object: apiVersion: is required and must be a string.; metadata.name: is required and must be a string; "
                + "document 4 (line 7) is not a valid Kubernetes object: apiVersion: is required and must be a string.; metadata.name: is required and must be a string; and 99997 more documents like these."),
            Assert.Single(state.Unreadable));
    }

    [Fact]
    public void ReadState_UncommittedOversizedFileAndFileLink_AreUnreadableInWorktreeBasis()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/big.yaml", "data: " + new string('x', 500) + "\n");
        File.CreateSymbolicLink(Path.Combine(repo.Work, "traefik/prod/linked.yaml"), Path.Combine(repo.Work, "traefik/prod/api-wrr.yaml"));
        var git = Repositories.Open(repo, new GitOpsOptions { MaxFileBytes = 400 });

        var state = git.ReadState(DeliveryMode.Worktree);

        Assert.Equal(["traefik/prod/big.yaml", "traefik/prod/linked.yaml"], state.Unreadable.Select(u => u.Path));
        Assert.StartsWith("is 507 bytes, over the 400-byte limit", state.Unreadable[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("is a symbolic link", state.Unreadable[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2, state.Objects.Count);
    }

    [Fact]
    public void ReadState_HelmTemplates_AreUnreadableUnlessExcluded()
    {
        using var repo = Repositories.WithRoute();
        repo.Commit(
            "chart",
            ("traefik/charts/web/templates/route.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }\n"),
            ("traefik/charts/web/values.yaml", "name: web\n"),
            ("traefik/prod/extra.tpl.yaml", "{{- if .x }}\n"));

        var strict = Repositories.Open(repo).ReadState();
        var excluded = Repositories.Open(repo, new GitOpsOptions { Exclude = ["traefik/charts/**", "*.tpl.yaml"] }).ReadState();

        Assert.Equal(["traefik/charts/web/templates/route.yaml", "traefik/prod/extra.tpl.yaml"], strict.Unreadable.Select(u => u.Path));
        Assert.Empty(excluded.Unreadable);
        Assert.Empty(excluded.Problems);
        Assert.Equal(2, excluded.Objects.Count);
    }

    [Fact]
    public void ReadState_YamlWithoutKubernetesObjects_IsIgnored()
    {
        using var repo = Repositories.WithRoute();
        repo.Commit("values", ("traefik/prod/values.yaml", "replicas: 3\nimage: {tag: '1.2'}\n"), ("traefik/prod/empty.yaml", "# nothing yet\n"));

        var state = Repositories.Open(repo).ReadState();

        Assert.Empty(state.Unreadable);
        Assert.Equal(2, state.Objects.Count);
    }

    [Fact]
    public void Open_InvalidExcludePattern_IsRefusedNamingIt()
    {
        using var repo = Repositories.WithRoute();

        var error = Assert.Throws<GitOpsException>(() => Repositories.Open(repo, new GitOpsOptions { Exclude = ["traefik/../secrets/**"] }));

        Assert.StartsWith("The exclude pattern 'traefik/../secrets/**' is not a path pattern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteRoute_HandWrittenRouteWithDuplicateKey_IsInvalidAndNotDelivered()
    {
        // Before: the hand-written route was skipped, so deleting the weighted route also deleted the
        // TraefikService the hand-written route points at, and the proposal said "Valid".
        using var repo = Repositories.WithRoute();
        repo.Commit("hand-written", ("traefik/prod/web-route.yaml", HandWrittenWithDuplicateKey));
        var git = Repositories.Open(repo);
        var head = repo.Git("rev-parse", "HEAD");
        var delete = RouteIntent("delete", current => WeightedRoutes.Delete(current, "prod", "api"));

        var proposal = git.Plan(delete);
        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.DeliverAsync(proposal, DeliveryMode.Branch));

        Assert.True(proposal.Validation.HasErrors);
        Assert.Equal([new UnreadableFile("traefik/prod/web-route.yaml", 8, 3, "duplicate key 'entryPoints' (a mapping may hold each key once; Kubernetes would keep only one of the values).")], proposal.Validation.UnreadableFiles);
        Assert.StartsWith("Invalid: 1 file under the manifest root cannot be read, so this plan may miss what they define (traefik/prod/web-route.yaml, line 8, column 3: duplicate key", proposal.Validation.Summary, StringComparison.Ordinal);
        Assert.Contains(proposal.Validation.Summary, proposal.Summary, StringComparison.Ordinal);
        Assert.Equal(
            "Nothing was delivered: 1 file under the manifest root cannot be read, and a change planned without them could break what they define:\n"
            + "- traefik/prod/web-route.yaml, line 8, column 3: duplicate key 'entryPoints' (a mapping may hold each key once; Kubernetes would keep only one of the values).\n"
            + "Fix them, or exclude files that are not Kubernetes manifests (GitOpsOptions.Exclude, traefik-mcp --exclude). Previews (diff delivery) still work.",
            refused.Message);
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));
        Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
    }

    [Theory]
    [InlineData(DeliveryMode.Worktree)]
    [InlineData(DeliveryMode.Branch)]
    [InlineData(DeliveryMode.PullRequest)]
    public async Task ProposeAsync_UnreadableFile_RefusesEveryDeliveryButDiffEvenWithoutChanges(DeliveryMode mode)
    {
        using var repo = Repositories.WithRoute();
        repo.Commit("bad", ("traefik/prod/web-route.yaml", HandWrittenWithDuplicateKey));
        var git = Repositories.Open(repo);
        var before = repo.CheckoutState();

        var preview = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 10)), DeliveryMode.Diff);
        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 10)), mode));

        Assert.Equal(DeliveryOutcome.NoChanges, preview.Outcome);
        Assert.True(preview.Proposal.Validation.HasErrors);
        Assert.Contains("- traefik/prod/web-route.yaml, line 8, column 3: duplicate key 'entryPoints'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, repo.CheckoutState());
        Assert.False(repo.RemoteHasBranch("traefik/prod/api-wrr"));
    }

    [Fact]
    public async Task CreateRoute_HandWrittenDefinitionUnreadable_IsNotDefinedASecondTime()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/api.yaml", HandWrittenWithDuplicateKey.Replace("name: web\n", "name: api\n", StringComparison.Ordinal)));
        var git = Repositories.Open(repo);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.CreateRoute("prod", "api", "api.example.com", ("api-stable", 100)), DeliveryMode.Worktree));

        Assert.StartsWith("Nothing was delivered: 1 file under the manifest root cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task ProposeAsync_UnreadableFileExcluded_DeliversAndNeverTouchesIt()
    {
        using var repo = Repositories.WithRoute();
        repo.Commit("values", ("traefik/prod/values.yaml", "a: b: c\n"));
        var git = Repositories.Open(repo, new GitOpsOptions { Exclude = ["values.yaml"] });

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);

        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
        Assert.False(result.Proposal.Validation.HasErrors);
        Assert.StartsWith("Valid:", result.Proposal.Validation.Summary, StringComparison.Ordinal);
        Assert.Equal("a: b: c\n", repo.Git("show", "traefik/prod/api-wrr:traefik/prod/values.yaml"));
    }

    [Fact]
    public void Plan_NewFileWhereAnExcludedFileIs_IsRefused()
    {
        using var repo = Repositories.WithRoute();
        repo.Commit("not a manifest", ("traefik/prod/web/ingressroute-web.yaml", "{{ template }}\n"));
        var git = Repositories.Open(repo, new GitOpsOptions { Exclude = ["traefik/prod/web/ingressroute-web.yaml"] });

        var error = Assert.Throws<GitOpsException>(() => git.Plan(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web", 100))));

        Assert.Equal("Refusing to create traefik/prod/web/ingressroute-web.yaml: the repository already has a file there that is not read as manifests (it is excluded). Nothing was planned; move that file, or stop excluding it.", error.Message);
    }

    private static ITrafficIntent RouteIntent<T>(string what, Func<ManifestSet, Traefik.Manifests.Operations.OperationResult<T>> apply) =>
        TrafficIntent.Create($"{what} prod/api", $"{what} prod/api", "prod", "api", apply);
}
