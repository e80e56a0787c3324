using Traefik.GitOps.Delivery;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Templates;

public sealed class TemplateTests
{
    [Fact]
    public async Task CommitMessage_DefaultTemplate_ListsChangesWarningsAndValidation()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 80), ("api-canary", 20)), DeliveryMode.Branch);

        Assert.Equal(
            $"""
            Set weights of prod/api-wrr: api-stable=80, api-canary=20

            Traffic impact:
            - prod/api#0 Host(`api.example.com`): api-stable 90% → 80%, api-canary 10% → 20%

            updated TraefikService prod/api-wrr in traefik/prod/api-wrr.yaml
              spec.weighted.services[api-stable].weight: 90 → 80
              spec.weighted.services[api-canary].weight: 10 → 20
              spec.weighted.services[api-stable].share: 90% → 80%
              spec.weighted.services[api-canary].share: 10% → 20%

            Valid: 1 object checked against the Traefik CRD schemas and cross-object references.

            Traefik-Proposal-Id: {result.Proposal.Id}
            Traefik-Target: prod/api-wrr

            """,
            repo.Git("log", "-1", "--format=%B", "traefik/prod/api-wrr").TrimEnd('\n') + "\n");
    }

    [Fact]
    public async Task CommitMessage_OperationWarnings_AreListed()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var weights = TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 0));
        var intent = Traefik.GitOps.Intents.TrafficIntent.Create(weights.Title, weights.Fingerprint, "prod", "api-wrr", s => weights.Apply(s) with { Warnings = ["api-canary gets no traffic."] });

        var result = await git.ProposeAsync(intent, DeliveryMode.Branch);

        Assert.Contains(
            "  spec.weighted.services[api-canary].share: 10% → 0%\n\nWarnings:\n- api-canary gets no traffic.\n\nValid: 1 object checked",
            repo.Git("log", "-1", "--format=%B", result.Branch!));
    }

    [Fact]
    public async Task CommitMessage_UserTemplate_IsUsedAndTrailersAreKept()
    {
        using var repo = Repositories.WithRoute();
        var template = Path.Combine(repo.Folder, "commit.scriban");
        File.WriteAllText(template, "chore(traefik): {{ proposal.title }}\n\n{{ for c in proposal.object_changes }}{{ c.kind }}/{{ c.name }}: {{ c.values.size }} value(s){{ end }}\n");
        var git = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { CommitMessagePath = template, BranchName = "gitops/{{ namespace }}-{{ target }}-{{ fingerprint_hash }}" } });

        var result = await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch);

        Assert.Matches("^gitops/prod-api-wrr-[0-9a-f]{12}$", result.Branch);
        Assert.Equal(
            $"chore(traefik): Set weights of prod/api-wrr: api-canary=20\n\nTraefikService/api-wrr: 3 value(s)\n\nTraefik-Proposal-Id: {result.Proposal.Id}\nTraefik-Target: prod/api-wrr\n",
            repo.Git("log", "-1", "--format=%B", result.Branch!).TrimEnd('\n') + "\n");
    }

    [Fact]
    public async Task PullRequest_UserTemplates_RenderTitleAndBody()
    {
        using var repo = Repositories.WithRoute();
        var title = Path.Combine(repo.Folder, "title.scriban");
        var body = Path.Combine(repo.Folder, "body.scriban");
        File.WriteAllText(title, "[traefik] {{ proposal.title }} ({{ commits.size }})");
        File.WriteAllText(body, "Branch {{ branch }} into {{ base_branch }}\n{{ for f in proposal.file_changes }}- {{ f.kind }} {{ f.path }}\n{{ end }}");
        var provider = new RecordingProvider();
        var git = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { PullRequestTitlePath = title, PullRequestBodyPath = body } }, provider);

        await git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.PullRequest);

        var submission = Assert.Single(provider.Submissions);
        Assert.Equal(new PullRequestSubmission("traefik/prod/api-wrr", "main", "[traefik] Set weights of prod/api-wrr: api-canary=20 (1)", "Branch traefik/prod/api-wrr into main\n- modified traefik/prod/api-wrr.yaml\n"), submission);
    }

    [Fact]
    public void Open_TemplateWithSyntaxError_FailsNamingTheFile()
    {
        using var repo = Repositories.WithRoute();
        var template = Path.Combine(repo.Folder, "broken.scriban");
        File.WriteAllText(template, "{{ for x in }}");

        var error = Assert.Throws<GitOpsException>(() => Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { CommitMessagePath = template } }));

        Assert.StartsWith($"the template {template} has errors: ", error.Message);
    }

    [Fact]
    public async Task CommitMessage_UnknownVariable_FailsNamingTheTemplateAndCommitsNothing()
    {
        using var repo = Repositories.WithRoute();
        var template = Path.Combine(repo.Folder, "typo.scriban");
        File.WriteAllText(template, "{{ propsal.title }}");
        var git = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { CommitMessagePath = template } });

        var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)), DeliveryMode.Branch));

        Assert.StartsWith($"the template {template} failed to render: ", error.Message);
        Assert.Contains("propsal", error.Message);
        Assert.Equal("main\n", repo.Git("branch", "--format=%(refname:short)"));
    }

    [Fact]
    public void Plan_BranchTemplateGivingAnInvalidName_Fails()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { BranchName = "{{ namespace }}..{{ target }}" } });

        var error = Assert.Throws<GitOpsException>(() => git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20))));

        Assert.Equal("The branch name template gave 'prod..api-wrr', which is not a valid git branch name.", error.Message);
    }

    [Fact]
    public void Plan_BranchTemplateChangingABuiltin_FailsAndLeavesItForTheNextRender()
    {
        using var repo = Repositories.WithRoute();
        var changing = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { BranchName = "{{ date.format = '%Y' }}traefik/{{ target }}" } });
        var reading = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { BranchName = "traefik/{{ date.parse '2026-11-23' | string.replace ' ' '-' }}" } });

        var error = Assert.Throws<GitOpsException>(() => changing.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20))));
        var branch = reading.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20))).Branch;

        Assert.StartsWith("the branch name template failed to render: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("readonly", error.Message, StringComparison.Ordinal);
        Assert.Equal("traefik/23-Nov-2026", branch);
    }

    private sealed class RecordingProvider : IPullRequestProvider
    {
        public List<PullRequestSubmission> Submissions { get; } = [];

        public string Name => "recording";

        public Task<PullRequestResult?> OpenOrUpdateAsync(PullRequestSubmission submission, CancellationToken cancellationToken)
        {
            Submissions.Add(submission);
            return Task.FromResult<PullRequestResult?>(new PullRequestResult(Name, Submissions.Count, null, Submissions.Count == 1));
        }
    }
}
