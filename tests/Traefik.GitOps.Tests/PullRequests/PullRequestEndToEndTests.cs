using Snapshooter.Xunit;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.PullRequests;

public sealed class PullRequestEndToEndTests
{
    private const string Branch = "traefik/prod/api-wrr";

    [Fact]
    public async Task ProposeAsync_GitHub_OpensThenUpdatesOnePullRequestAndNeverLeaksTheToken()
    {
        using var repo = Repositories.WithRoute();
        using var server = new FakeGitHub();
        var variable = "TRAEFIK_GITOPS_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        var token = "ghp_e2e_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        var lines = new List<string>();
        try
        {
            var git = Repositories.Open(repo, new GitOpsOptions
            {
                PullRequestProvider = PullRequestProviderKind.GitHub,
                GitHub = new GitHubOptions { ApiBaseUrl = server.BaseUrl, Owner = "octo", Repository = "gitops", TokenEnvironmentVariable = variable },
                GitTokenEnvironmentVariable = variable,
                Log = lines.Add,
            });

            var opened = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 80), ("api-canary", 20)), DeliveryMode.PullRequest);
            var updated = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 50), ("api-canary", 50)), DeliveryMode.PullRequest);
            var unchanged = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 50)), DeliveryMode.PullRequest);

            Assert.Equal((DeliveryOutcome.PullRequestOpened, 1), (opened.Outcome, opened.PullRequest!.Number));
            Assert.Equal((DeliveryOutcome.PullRequestUpdated, 1), (updated.Outcome, updated.PullRequest!.Number));
            Assert.Equal(DeliveryOutcome.NoChanges, unchanged.Outcome);
            Assert.Equal(4, server.Requests.Count);
            var pull = Assert.Single(server.Pulls);
            Assert.Equal(Branch, pull.Head);
            Assert.Equal("prod/api-wrr: 2 traffic changes (latest: Set weights of prod/api-wrr: api-stable=50, api-canary=50)", pull.Title);
            Snapshot.Match(pull.Body!.Replace(updated.Proposal.Basis.Commit![..7], "<base>", StringComparison.Ordinal).Replace(updated.Proposal.Id, "<id>", StringComparison.Ordinal));
            Assert.Equal(
                $"Pushed {updated.Commit![..7]} to origin/{Branch} and updated pull request #1 https://github.example.com/octo/gitops/pull/1.",
                updated.Message);

            var everything = string.Join("\n", lines) + repo.Git("log", "--format=%B", Branch) + opened.Proposal.Diff + updated.Proposal.Diff
                + string.Join("\n", server.Requests.Select(r => r.Body)) + pull.Body;
            Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
            Assert.All(server.Requests, r => Assert.Equal("Token " + token, r.Authorization));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task ProposeAsync_GitHubTokenMissing_SaysWhichVariableAndThatTheBranchIsPushed()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo, new GitOpsOptions
        {
            PullRequestProvider = PullRequestProviderKind.GitHub,
            GitHub = new GitHubOptions { Owner = "octo", Repository = "gitops", TokenEnvironmentVariable = "TRAEFIK_GITOPS_TEST_UNSET_VARIABLE" },
        });

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest));

        Assert.Equal("The GitHub token environment variable TRAEFIK_GITOPS_TEST_UNSET_VARIABLE is not set, so no pull request was opened. The branch is pushed; set it and deliver again.", error.Message);
        Assert.True(repo.RemoteHasBranch(Branch));
    }

    [Theory]
    [InlineData("https://github.com/octo/gitops.git", "octo", "gitops")]
    [InlineData("https://ghe.example.com/platform/traefik-config", "platform", "traefik-config")]
    [InlineData("git@github.com:octo/gitops.git", "octo", "gitops")]
    [InlineData("ssh://git@github.com/octo/gitops.git", "octo", "gitops")]
    public void RemoteRepositoryName_KnownUrlShapes_GiveOwnerAndName(string url, string owner, string name) =>
        Assert.Equal((owner, name), GitOpsRepository.RemoteRepositoryName(url));

    [Theory]
    [InlineData("/srv/git/gitops.git")]
    [InlineData("https://github.com/")]
    public void RemoteRepositoryName_OtherUrls_GiveNothing(string url) =>
        Assert.Null(GitOpsRepository.RemoteRepositoryName(url));
}
