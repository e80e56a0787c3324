using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Tests.Delivery;

/// <summary>What was reviewed is what ships: a delivery compares the diff it would make with the reviewed one, after fetching.</summary>
public sealed class ReviewedDeliveryTests
{
    private const string Route = "traefik/production/api-service-route";
    private const string WeightsFile = "traefik/production/api-service-route/traefikservice-api-service-route-wrr.yaml";

    [Theory]
    [InlineData(DeliveryMode.Branch, true)]
    [InlineData(DeliveryMode.Branch, false)]
    [InlineData(DeliveryMode.PullRequest, true)]
    [InlineData(DeliveryMode.PullRequest, false)]
    public async Task DeliverIfUnchangedAsync_BaseMovedAfterReview_DeliversOnlyWhenTheDiffIsTheSame(DeliveryMode mode, bool sameObject)
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        var person = new Person(repo, "reviewer");
        person.Merge((await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 90), ("api-service-canary", 10)), DeliveryMode.PullRequest)).Branch!);
        repo.Git("pull", "-q", "--ff-only", "origin", "main");
        repo.Git("branch", "-q", "-D", Route);
        var pushed = repo.RemoteBranch(Route);
        var reviewed = git.Plan(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 70), ("api-service-canary", 30)), mode);
        Assert.Equal(["+        weight: 30", "+        weight: 70", "-        weight: 10", "-        weight: 90"], ChangedLines(reviewed.Diff).Order(StringComparer.Ordinal));

        if (sameObject)
        {
            person.CommitToMain("Hotfix: 60/40", (WeightsFile, person.Show(WeightsFile).Replace("weight: 90", "weight: 60").Replace("weight: 10", "weight: 40")));
        }
        else
        {
            person.CommitToMain("Another team's middleware", ("traefik/staging/web-strip/middleware-web-strip.yaml", "apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: web-strip\n  namespace: staging\nspec:\n  stripPrefix:\n    prefixes:\n      - /web\n"));
        }

        if (mode == DeliveryMode.Branch)
        {
            repo.Git("pull", "-q", "--ff-only", "origin", "main");
        }

        var result = await git.DeliverIfUnchangedAsync(reviewed, mode);

        if (sameObject)
        {
            Assert.Equal(DeliveryOutcome.NotDelivered, result.Outcome);
            Assert.NotEqual(reviewed.Id, result.Proposal.Id);
            Assert.Equal(["+        weight: 30", "+        weight: 70", "-        weight: 40", "-        weight: 60"], ChangedLines(result.Proposal.Diff).Order(StringComparer.Ordinal));
            Assert.StartsWith("Not delivered: the repository changed since this proposal was reviewed", result.Message, StringComparison.Ordinal);
            Assert.Null(result.Commit);
            Assert.Equal(string.Empty, repo.Git("branch", "--list", Route));
            Assert.Equal(pushed, repo.RemoteBranch(Route));
            return;
        }

        Assert.Equal(mode == DeliveryMode.Branch ? DeliveryOutcome.Committed : DeliveryOutcome.Pushed, result.Outcome);
        Assert.Equal(reviewed.Diff, result.Proposal.Diff);
        Assert.Equal(reviewed.Diff, mode == DeliveryMode.Branch ? repo.Git("diff", "main", Route, "--") : repo.RemoteGit("diff", "main", Route));
        Assert.Equal(70, Assert.IsType<TraefikService>(Traefik.Manifests.ManifestYaml.Parse(repo.Git("show", $"{result.Commit}:{WeightsFile}")).Single()).Spec.Weighted!.Services![0].Weight);
    }

    [Fact]
    public async Task DeliverIfUnchangedAsync_BranchMovesBetweenFetchAndPush_ComparesAgainBeforeRetrying()
    {
        using var repo = new TempRepository();
        repo.Commit("init", ("README.md", "# gitops\n"));
        var git = Repositories.OpenRecorded(repo.Work);
        await git.ProposeAsync(RecordedIntents.CreateRoute("production", "api-service-route", "api.example.com", ("api-service-stable", 90), ("api-service-canary", 10)), DeliveryMode.PullRequest);
        var reviewed = git.Plan(RecordedIntents.UpdateWeights("production", "api-service-route", ("api-service-stable", 70), ("api-service-canary", 30)), DeliveryMode.PullRequest);
        var other = repo.CloneAgain("other");
        git.BeforePush = attempt =>
        {
            if (attempt == 1)
            {
                TempRepository.Run(other, "checkout", "-q", "-B", Route, "origin/" + Route);
                var file = Path.Combine(other, WeightsFile);
                File.WriteAllText(file, File.ReadAllText(file).Replace("weight: 90", "weight: 60").Replace("weight: 10", "weight: 40"));
                TempRepository.Run(other, "commit", "-qam", "Someone sets 60/40 on the proposal branch");
                TempRepository.Run(other, "push", "-q", "origin", Route);
            }
        };

        var result = await git.DeliverIfUnchangedAsync(reviewed, DeliveryMode.PullRequest);

        Assert.Equal(DeliveryOutcome.NotDelivered, result.Outcome);
        Assert.Contains("-        weight: 60\n", result.Proposal.Diff, StringComparison.Ordinal);
        Assert.Equal(TempRepository.Run(other, "rev-parse", "HEAD").Trim(), repo.RemoteBranch(Route));
    }

    private static IEnumerable<string> ChangedLines(string diff) =>
        diff.Split('\n').Where(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
}
