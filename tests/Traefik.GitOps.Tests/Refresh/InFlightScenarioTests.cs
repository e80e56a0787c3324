using Traefik.GitOps.Delivery;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.Refresh;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Tests.Refresh;

/// <summary>
/// Several changes in flight, as a team works: the product delivers pull requests to a bare remote (GitHub faked
/// for the pull requests themselves), and people merge them with real git in their own order from their own clone.
/// </summary>
public sealed class InFlightScenarioTests
{
    private const string Route = "traefik/production/api-service-route";
    private const string Strip = "traefik/production/api-strip";
    private const string Token = "ghp_inflight_0123456789abcdef";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SeedScenarioC_PullRequests_MergedInEitherOrder_LeaveMainValid(bool dependentFirst)
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        using var github = new FakeGitHub();
        var git = Repositories.OpenRecorded(repo.Work, provider: new GitHubPullRequestProvider(github.Owner, github.Repository, Token, github.BaseUrl));
        var person = new Person(repo, "reviewer");

        await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 100), ("api-service-canary", 0)), DeliveryMode.PullRequest);
        await git.ProposeAsync(RecordedIntents.StripPrefix("production", "api-strip", "/api"), DeliveryMode.PullRequest);
        var attach = await git.ProposeAsync(RecordedIntents.Attach("production", "api-service-route", "api-strip"), DeliveryMode.PullRequest);

        Assert.Equal(DeliveryOutcome.PullRequestUpdated, attach.Outcome);
        Assert.Equal(Strip, attach.Proposal.Basis.DependsOn);
        Assert.False(attach.Proposal.Validation.HasErrors, attach.Proposal.Validation.Summary);
        Assert.Equal(repo.RemoteBranch(Strip), repo.RemoteGit("merge-base", Strip, Route).Trim());
        Assert.Equal("3\n", repo.RemoteGit("rev-list", "--count", "main.." + Route));
        var routePull = github.Pulls.Single(p => p.Head == Route);
        Assert.Contains("### Builds on a pending proposal", routePull.Body, StringComparison.Ordinal);
        Assert.Contains($"`{Strip}`", routePull.Body, StringComparison.Ordinal);
        Assert.Contains(" It builds on the pending proposal traefik/production/api-strip and carries that change too", attach.Message, StringComparison.Ordinal);
        Assert.Equal(Strip, git.ReadState(DeliveryMode.PullRequest).PendingProposals.Single(p => p.Branch == Route).DependsOn);

        if (dependentFirst)
        {
            person.Merge(Route);
            var objects = person.AssertMainValid();
            var route = Assert.IsType<IngressRoute>(objects.Single(o => o.Kind == "IngressRoute"));
            Assert.Equal("api-strip", Assert.Single(route.Spec.Routes[0].Middlewares!).Name);

            var refreshed = await git.RefreshAsync(DeliveryMode.PullRequest);

            Assert.Equal(
                [(Route, RefreshOutcome.ClosedMerged), (Strip, RefreshOutcome.ClosedMerged)],
                refreshed.Proposals.Select(p => (p.Branch, p.Outcome)).OrderBy(p => p.Branch, StringComparer.Ordinal));
            Assert.False(repo.RemoteHasBranch(Route));
            Assert.False(repo.RemoteHasBranch(Strip));
            Assert.All(github.Pulls, p => Assert.Equal("closed", p.State));
            return;
        }

        person.Merge(Strip);
        person.AssertMainValid();

        var afterDependency = await git.RefreshAsync(DeliveryMode.PullRequest);

        var rebuilt = afterDependency.Proposals.Single(p => p.Branch == Route);
        Assert.Equal(RefreshOutcome.Rebuilt, rebuilt.Outcome);
        Assert.Null(rebuilt.DependsOn);
        Assert.Equal(RefreshOutcome.ClosedMerged, afterDependency.Proposals.Single(p => p.Branch == Strip).Outcome);
        Assert.Equal(repo.RemoteBranch("main"), repo.RemoteGit("merge-base", "main", Route).Trim());
        Assert.Equal(
            ["traefik/production/api-service-route/ingressroute-api-service-route.yaml", "traefik/production/api-service-route/kustomization.yaml", "traefik/production/api-service-route/traefikservice-api-service-route-wrr.yaml", "traefik/production/kustomization.yaml"],
            repo.RemoteGit("diff", "--name-only", "main", Route).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(rebuilt.Diff, repo.RemoteGit("diff", "main", Route));
        Assert.DoesNotContain("Builds on a pending proposal", github.Pulls.Single(p => p.Head == Route).Body, StringComparison.Ordinal);
        Assert.Equal("closed", github.Pulls.Single(p => p.Head == Strip).State);

        person.Merge(Route);
        var merged = person.AssertMainValid();
        Assert.Equal("api-strip", Assert.Single(Assert.IsType<IngressRoute>(merged.Single(o => o.Kind == "IngressRoute")).Spec.Routes[0].Middlewares!).Name);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoNewObjectsInOneNamespace_MergedInEitherOrder_MergeWithoutConflicts(bool adminFirst)
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        var person = new Person(repo, "reviewer");
        person.Merge((await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 100)), DeliveryMode.PullRequest)).Branch!);

        var admin = await git.ProposeAsync(RecordedIntents.StripPrefix("production", "admin-strip", "/admin"), DeliveryMode.PullRequest);
        var web = await git.ProposeAsync(RecordedIntents.StripPrefix("production", "web-strip", "/web"), DeliveryMode.PullRequest);

        Assert.All([admin, web], d => Assert.Equal(repo.RemoteBranch("main"), d.Proposal.Basis.Commit));
        person.Merge((adminFirst ? admin : web).Branch!);
        person.Merge((adminFirst ? web : admin).Branch!);
        var objects = person.AssertMainValid();
        Assert.Equal(["admin-strip", "web-strip"], objects.Where(o => o.Kind == "Middleware").Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoNewObjectsInANewNamespace_RefreshRebuildsTheSecondSoItMergesCleanly(bool apiFirst)
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        var person = new Person(repo, "reviewer");
        var api = await git.ProposeAsync(RecordedIntents.StripPrefix("staging", "api-strip", "/api"), DeliveryMode.PullRequest);
        var web = await git.ProposeAsync(RecordedIntents.StripPrefix("staging", "web-strip", "/web"), DeliveryMode.PullRequest);
        var (first, second) = apiFirst ? (api, web) : (web, api);

        person.Merge(first.Branch!);

        // Both created the namespace's kustomization, each listing its own group: what a refresh repairs.
        Assert.True(person.MergeConflicts(second.Branch!));
        var refreshed = await git.RefreshAsync(DeliveryMode.PullRequest);
        Assert.Equal(RefreshOutcome.ClosedMerged, refreshed.Proposals.Single(p => p.Branch == first.Branch).Outcome);
        Assert.Equal(RefreshOutcome.Rebuilt, refreshed.Proposals.Single(p => p.Branch == second.Branch).Outcome);
        person.Merge(second.Branch!);
        var objects = person.AssertMainValid();
        Assert.Equal(["api-strip", "web-strip"], objects.Select(o => o.Name).Order(StringComparer.Ordinal));
        Assert.Equal("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - api-strip\n  - web-strip\n", person.Show("traefik/staging/kustomization.yaml"));
    }

    [Fact]
    public async Task ProposeAsync_PendingRouteBranchAfterMainMoved_RebuildsItAndTheDiffHoldsOnlyTheNewChange()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        var person = new Person(repo, "reviewer");
        person.Merge((await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 100), ("api-service-canary", 0)), DeliveryMode.PullRequest)).Branch!);
        var first = await git.ProposeAsync(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 90), ("api-service-canary", 10)), DeliveryMode.PullRequest);
        person.Merge((await git.ProposeAsync(RecordedIntents.StripPrefix("production", "web-strip", "/web"), DeliveryMode.PullRequest)).Branch!);
        var main = repo.RemoteBranch("main");

        var second = await git.ProposeAsync(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 80), ("api-service-canary", 20)), DeliveryMode.PullRequest);

        Assert.True(second.Proposal.Basis.IsPendingBranch);
        Assert.NotEqual(first.Commit, second.Proposal.Basis.Commit);
        Assert.Equal(
            ["-        weight: 90", "+        weight: 80", "-        weight: 10", "+        weight: 20"],
            ChangedLines(second.Proposal.Diff));
        Assert.Equal(main, repo.RemoteGit("merge-base", "main", Route).Trim());
        Assert.Equal("2\n", repo.RemoteGit("rev-list", "--count", "main.." + Route));
        Assert.Equal(
            ["traefik/production/api-service-route/traefikservice-api-service-route-wrr.yaml"],
            repo.RemoteGit("diff", "--name-only", "main", Route).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        person.Merge(Route);
        var weights = Assert.IsType<TraefikService>(person.AssertMainValid().Single(o => o.Name == "api-service-route-wrr")).Spec.Weighted!.Services!.Select(s => s.Weight);
        Assert.Equal([80, 20], weights);
    }

    [Fact]
    public async Task Plan_PendingBranchWhoseBaseMoved_PreviewsOnTheRebuildAndDeliveringItShipsThatPreview()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 100), ("api-service-canary", 0)), DeliveryMode.Branch);
        repo.Commit("unrelated", ("docs/notes.md", "moved\n"));
        var tip = repo.Git("rev-parse", Route).Trim();

        var preview = git.Plan(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 90), ("api-service-canary", 10)), DeliveryMode.Branch);

        Assert.Equal(tip, repo.Git("rev-parse", Route).Trim());
        Assert.NotEqual(tip, preview.Basis.Commit);
        var delivered = await git.DeliverIfUnchangedAsync(preview, DeliveryMode.Branch);
        Assert.Equal(DeliveryOutcome.Committed, delivered.Outcome);
        Assert.Equal(preview.Basis.Commit, repo.Git("rev-parse", Route + "^").Trim());
        Assert.Equal(repo.Git("rev-parse", "main").Trim(), repo.Git("merge-base", "main", Route).Trim());
        Assert.Equal(preview.Diff, repo.Git("diff", Route + "^", Route));
    }

    [Fact]
    public async Task Plan_PendingBranchWhoseBaseGainedAnUnreadableFile_PreviewsTheRebuildNamingTheFileAndDeliveryWaits()
    {
        // Before: the rebuild called the branch's own change "no longer applies … would not be valid:" with no
        // reason, for a preview and a delivery alike, although the only problem was a file on main it cannot read.
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 100), ("api-service-canary", 0)), DeliveryMode.Branch);
        repo.Commit("notes", ("traefik/notes.yaml", "a: b: c\n"));
        var tip = repo.Git("rev-parse", Route).Trim();
        var update = RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 90), ("api-service-canary", 10));

        var preview = git.Plan(update, DeliveryMode.Branch);
        var refused = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(update, DeliveryMode.Branch));

        Assert.Equal(["-        weight: 100", "+        weight: 90", "-        weight: 0", "+        weight: 10"], ChangedLines(preview.Diff));
        Assert.Equal("traefik/notes.yaml", Assert.Single(preview.Validation.UnreadableFiles).Path);
        Assert.StartsWith("Invalid: 1 file under the manifest root cannot be read", preview.Validation.Summary, StringComparison.Ordinal);
        Assert.StartsWith("Nothing was delivered: 1 file under the manifest root cannot be read", refused.Message, StringComparison.Ordinal);
        Assert.Equal(tip, repo.Git("rev-parse", Route).Trim());
    }

    [Fact]
    public async Task RefreshAsync_MainChangedTheSameWeights_LeavesTheBranchAndShowsBothVersions()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        var person = new Person(repo, "reviewer");
        person.Merge((await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 90), ("api-service-canary", 10)), DeliveryMode.PullRequest)).Branch!);
        var shift = await git.ProposeAsync(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 70), ("api-service-canary", 30)), DeliveryMode.PullRequest);
        const string File = "traefik/production/api-service-route/traefikservice-api-service-route-wrr.yaml";
        person.CommitToMain("Hotfix: 60/40", (File, person.Show(File).Replace("weight: 90", "weight: 60").Replace("weight: 10", "weight: 40")));

        var refreshed = await git.RefreshAsync(DeliveryMode.PullRequest);

        var conflict = Assert.Single(refreshed.Proposals);
        Assert.Equal(RefreshOutcome.Conflict, conflict.Outcome);
        Assert.True(refreshed.HasProblems);
        Assert.StartsWith($"{Route} (Set weights of api-service-route to 70/30) cannot follow main: TraefikService production/api-service-route-wrr was changed on main too, in fields this proposal changes.", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("TraefikService production/api-service-route-wrr on main:\n", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("        weight: 60\n", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("TraefikService production/api-service-route-wrr in the proposal:\n", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("        weight: 70\n", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(shift.Commit, repo.RemoteBranch(Route));
        var error = Assert.Throws<GitOpsException>(() => git.Plan(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 50)), DeliveryMode.PullRequest));
        Assert.Equal(conflict.Message, error.Message);
        var read = git.ReadState(DeliveryMode.PullRequest, "production", "api-service-route");
        Assert.Equal(shift.Commit, read.Basis.Commit);
        Assert.Equal(70, read.Objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, "production", "api-service-route-wrr")!.Spec.Weighted!.Services![0].Weight);
    }

    [Fact]
    public async Task RefreshAsync_SquashMergedProposal_DeletesTheBranchAndClosesItsPullRequest()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        using var github = new FakeGitHub();
        var git = Repositories.OpenRecorded(repo.Work, provider: new GitHubPullRequestProvider(github.Owner, github.Repository, Token, github.BaseUrl));
        var strip = await git.ProposeAsync(RecordedIntents.StripPrefix("production", "api-strip", "/api"), DeliveryMode.PullRequest);
        var other = repo.CloneAgain("other");
        TempRepository.Run(other, "merge", "-q", "--squash", "origin/" + Strip);
        TempRepository.Run(other, "commit", "-qm", "Squashed: api-strip");
        TempRepository.Run(other, "push", "-q", "origin", "main");

        var refreshed = await git.RefreshAsync(DeliveryMode.PullRequest);

        var closed = Assert.Single(refreshed.Proposals);
        Assert.Equal((Strip, RefreshOutcome.ClosedMerged, strip.Commit), (closed.Branch, closed.Outcome, closed.OldCommit));
        Assert.Equal(1, closed.PullRequest?.Number);
        Assert.False(repo.RemoteHasBranch(Strip));
        Assert.Equal(string.Empty, repo.Git("branch", "--list", Strip));
        var pull = Assert.Single(github.Pulls);
        Assert.Equal("closed", pull.State);
        Assert.Equal(["The changes of this pull request are in main, so its branch was deleted by traefik-mcp refresh."], pull.Comments);
        Assert.Equal("1 pending proposal(s) checked against main (" + repo.RemoteBranch("main")[..7] + "): 1 closed (merged).", refreshed.Message);
        Assert.Empty((await git.RefreshAsync(DeliveryMode.PullRequest)).Proposals);
    }

    [Fact]
    public async Task RefreshAsync_SameChangeMadeOnMainByHand_ClosesTheNowEmptyProposal()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        using var github = new FakeGitHub();
        var git = Repositories.OpenRecorded(repo.Work, provider: new GitHubPullRequestProvider(github.Owner, github.Repository, Token, github.BaseUrl));
        var person = new Person(repo, "reviewer");
        person.Merge((await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 90), ("api-service-canary", 10)), DeliveryMode.PullRequest)).Branch!);
        await git.RefreshAsync(DeliveryMode.PullRequest);
        await git.ProposeAsync(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 50), ("api-service-canary", 50)), DeliveryMode.PullRequest);
        const string File = "traefik/production/api-service-route/traefikservice-api-service-route-wrr.yaml";
        person.CommitToMain("50/50 by hand", (File, person.Show(File).Replace("weight: 90", "weight: 50 # by hand").Replace("weight: 10", "weight: 50 # by hand")));

        var refreshed = await git.RefreshAsync(DeliveryMode.PullRequest);

        var closed = Assert.Single(refreshed.Proposals);
        Assert.Equal((Route, RefreshOutcome.ClosedEmpty), (closed.Branch, closed.Outcome));
        Assert.False(repo.RemoteHasBranch(Route));
        Assert.Equal(2, github.Pulls.Count);
        Assert.All(github.Pulls, p => Assert.Equal("closed", p.State));
    }

    [Fact]
    public async Task ProposeAsync_CreateUpdateDeleteOfOneRoute_DeletesTheBranchAndClosesItsPullRequest()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        using var github = new FakeGitHub();
        var git = Repositories.OpenRecorded(repo.Work, provider: new GitHubPullRequestProvider(github.Owner, github.Repository, Token, github.BaseUrl));
        await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 90), ("api-service-canary", 10)), DeliveryMode.PullRequest);
        await git.ProposeAsync(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 50), ("api-service-canary", 50)), DeliveryMode.PullRequest);

        var deleted = await git.ProposeAsync(RecordedIntents.DeleteRoute("production", "api-service-route"), DeliveryMode.PullRequest);

        Assert.Equal(DeliveryOutcome.BranchClosed, deleted.Outcome);
        Assert.Null(deleted.Commit);
        Assert.Equal($"Nothing is left to merge: this change cancels out what {Route} proposed, so the branch was deleted from origin and pull request #1 closed.", deleted.Message);
        Assert.False(repo.RemoteHasBranch(Route));
        Assert.Equal(string.Empty, repo.Git("branch", "--list", Route));
        Assert.Equal("closed", Assert.Single(github.Pulls).State);
    }

    [Fact]
    public async Task ProposeAsync_BranchDeliveryCancellingOut_DeletesTheLocalBranch()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        await git.ProposeAsync(RecordedIntents.StripPrefix("production", "api-strip", "/api"), DeliveryMode.Branch);

        var deleted = await git.ProposeAsync(RecordedIntents.DeleteMiddleware("production", "api-strip"), DeliveryMode.Branch);

        Assert.Equal(DeliveryOutcome.BranchClosed, deleted.Outcome);
        Assert.Equal(string.Empty, repo.Git("branch", "--list", Strip));
    }

    [Fact]
    public async Task DiscardAsync_ProposalOthersBuildOn_DeletesItEverywhereClosesItsPullRequestAndSaysTheDependentNoLongerApplies()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        using var github = new FakeGitHub();
        var git = Repositories.OpenRecorded(repo.Work, provider: new GitHubPullRequestProvider(github.Owner, github.Repository, Token, github.BaseUrl));
        var person = new Person(repo, "reviewer");
        person.Merge((await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 100)), DeliveryMode.PullRequest)).Branch!);
        var strip = await git.ProposeAsync(RecordedIntents.StripPrefix("production", "api-strip", "/api"), DeliveryMode.PullRequest);
        var attach = await git.ProposeAsync(RecordedIntents.Attach("production", "api-service-route", "api-strip"), DeliveryMode.PullRequest);
        Assert.Equal(Strip, attach.Proposal.Basis.DependsOn);

        Assert.Equal(Strip, git.FindProposalBranch(strip.Proposal.Id));
        var discarded = await git.DiscardAsync(Strip);

        Assert.Equal((strip.Commit, strip.Commit), (discarded.DeletedLocalCommit, discarded.DeletedRemoteCommit));
        Assert.False(repo.RemoteHasBranch(Strip));
        Assert.Equal(string.Empty, repo.Git("branch", "--list", Strip));
        var pull = github.Pulls.Single(p => p.Head == Strip);
        Assert.Equal("closed", pull.State);
        Assert.Equal(["Discarded with traefik_discard_proposal: this change will not be made."], pull.Comments);
        var dependent = Assert.Single(discarded.Dependents);
        Assert.Equal((Route, RefreshOutcome.Conflict), (dependent.Branch, dependent.Outcome));
        Assert.StartsWith($"{Route}: the change 'Attach api-strip to api-service-route' no longer applies on main: ", dependent.Message, StringComparison.Ordinal);
        Assert.Equal(attach.Commit, repo.RemoteBranch(Route));
        Assert.Null(git.FindProposalBranch(strip.Proposal.Id));
        await Assert.ThrowsAsync<GitOpsException>(() => git.DiscardAsync(Strip));
    }

    [Fact]
    public async Task RefreshAsync_BranchDelivery_RebuildsLocalBranchesOnTheMovedBase()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        await git.ProposeAsync(RecordedIntents.StripPrefix("production", "api-strip", "/api"), DeliveryMode.Branch);
        await git.ProposeAsync(RecordedIntents.StripPrefix("production", "web-strip", "/web"), DeliveryMode.Branch);
        repo.Git("merge", "-q", "--no-ff", "-m", "merge web", "traefik/production/web-strip");

        var refreshed = await git.RefreshAsync(DeliveryMode.Branch);

        Assert.Equal(
            [(Strip, RefreshOutcome.Rebuilt), ("traefik/production/web-strip", RefreshOutcome.ClosedMerged)],
            refreshed.Proposals.Select(p => (p.Branch, p.Outcome)));
        Assert.Equal(repo.Git("rev-parse", "main"), repo.Git("rev-parse", Strip + "^"));
        repo.Git("merge", "-q", "--no-ff", "-m", "merge api", Strip);
        Assert.Equal("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - api-strip\n  - web-strip\n", repo.Read("traefik/production/kustomization.yaml"));
    }

    private static IEnumerable<string> ChangedLines(string diff) =>
        diff.Split('\n').Where(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
}
