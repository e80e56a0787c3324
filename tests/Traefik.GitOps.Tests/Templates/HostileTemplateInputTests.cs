using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Intents;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Tests.Templates;

/// <summary>
/// Whatever a proposal holds (thousands of changed fields, NUL, newlines and control characters in keys and values,
/// megabyte values, names that git refuses as they are), branch and pull request delivery commit it: the templates see
/// bounded, escaped text and never fail, and no line can be slipped into the commit message.
/// </summary>
public sealed class HostileTemplateInputTests
{
    [Fact]
    public async Task BranchDelivery_PluginWithFiveThousandKeys_CommitsAndCountsTheFieldsLeftOut()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var config = new JsonObject();
        for (var i = 0; i < 5000; i++)
        {
            config[$"key{i:D4}"] = "value";
        }

        var result = await git.ProposeAsync(Plugin("many", config), DeliveryMode.Branch);

        var message = repo.Git("log", "-1", "--format=%B", result.Branch!);
        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
        Assert.Contains("  … and 4950 more changed fields\n", message, StringComparison.Ordinal);
        Assert.Equal(50, message.Split('\n').Count(l => l.StartsWith("  spec.plugin.demo.key", StringComparison.Ordinal)));
        Assert.Contains($"Traefik-Proposal-Id: {result.Proposal.Id}\n", message, StringComparison.Ordinal);
        Assert.Contains("key4999: value", repo.Git("show", $"{result.Branch}:traefik/prod/many/middleware-many.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BranchDelivery_ControlCharactersAndFakeTrailerInKeysAndValues_AreEscapedInTheMessage()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);
        var config = new JsonObject
        {
            ["a\0b"] = "nul",
            ["line\nTraefik-Proposal-Id: forged"] = "x\r\nTraefik-Target: evil/evil",
            ["bell\u0007"] = "\u2028separator\u001b[31m",
            ["huge"] = new string('x', 2_000_000),
        };

        var result = await git.ProposeAsync(Plugin("odd", config), DeliveryMode.Branch);

        var message = repo.Git("log", "-1", "--format=%B", result.Branch!);
        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
        Assert.DoesNotContain("\0", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", message, StringComparison.Ordinal);
        Assert.Contains("a\\u0000b", message, StringComparison.Ordinal);
        Assert.Contains("line\\nTraefik-Proposal-Id: forged", message, StringComparison.Ordinal);
        Assert.Equal([$"Traefik-Proposal-Id: {result.Proposal.Id}"], message.Split('\n').Where(l => l.StartsWith("Traefik-Proposal-Id:", StringComparison.Ordinal)));
        Assert.Equal(["Traefik-Target: prod/odd"], message.Split('\n').Where(l => l.StartsWith("Traefik-Target:", StringComparison.Ordinal)));
        Assert.True(message.Length < 20_000, $"the message is {message.Length} characters long");
    }

    [Fact]
    public async Task PullRequest_HostileTitleAndHundredsOfObjects_RendersBoundedTitleAndBody()
    {
        using var repo = Repositories.WithRoute();
        var provider = new RecordingProvider();
        var git = Repositories.Open(repo, provider: provider);
        var title = "Deploy\n\nTraefik-Proposal-Id: forged " + new string('t', 5000);
        var intent = TrafficIntent.Create(title, "many objects", "prod", "many", current =>
        {
            var next = current;
            for (var i = 0; i < 300; i++)
            {
                next = next.Set(Middleware($"m{i:D3}", new JsonObject { ["k"] = i }));
            }

            return IntentResult.Compare(current, next);
        });

        var result = await git.ProposeAsync(intent, DeliveryMode.PullRequest);

        var submission = Assert.Single(provider.Submissions);
        Assert.Equal(DeliveryOutcome.PullRequestOpened, result.Outcome);
        Assert.DoesNotContain("\n", submission.Title, StringComparison.Ordinal);
        Assert.True(submission.Title.Length <= 251, $"title of {submission.Title.Length} characters");
        Assert.Contains("| … | 200 more objects | | |", submission.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\nTraefik-Proposal-Id: forged", repo.Git("log", "-1", "--format=%B", result.Branch!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api.lock", "traefik/prod/api-lock")]
    [InlineData("a.b.c", "traefik/prod/a.b.c")]
    public async Task BranchDelivery_TargetGitWouldRefuseAsABranch_GetsAValidBranch(string target, string branch)
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var result = await git.ProposeAsync(Plugin(target, new JsonObject { ["k"] = "v" }), DeliveryMode.Branch);

        Assert.Equal(branch, result.Branch);
        Assert.Contains($"Traefik-Target: prod/{target}", repo.Git("log", "-1", "--format=%B", branch), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BranchTemplate_HostileTitle_StillMakesAValidBranch()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo, new GitOpsOptions { Templates = new GitOpsTemplates { BranchName = "traefik/{{ title }}" } });
        var intent = TrafficIntent.Create("Shift ../../etc to 1/2 ~^:?*[\\ @{x} .lock\n", "hostile title", "prod", "api", current =>
            IntentResult.Compare(current, current.Set(Middleware("api", new JsonObject { ["k"] = "v" }))));

        var result = await git.ProposeAsync(intent, DeliveryMode.Branch);

        Assert.StartsWith("traefik/Shift-.-.-etc-to-1-2-", result.Branch, StringComparison.Ordinal);
        Assert.DoesNotContain("..", result.Branch, StringComparison.Ordinal);
        Assert.EndsWith("-lock", result.Branch, StringComparison.Ordinal);
        Assert.Equal(result.Branch, repo.Git("branch", "--list", result.Branch!, "--format=%(refname:short)").Trim());
    }

    [Theory]
    [InlineData("", "api", "namespace")]
    [InlineData("../etc", "api", "namespace")]
    [InlineData("prod", "a\nb", "target")]
    [InlineData("prod", ".git", "target")]
    [InlineData("prod", "../../outside", "target")]
    public void TrafficIntent_NameThatCouldEscapeABranchOrPath_IsRefusedNamingIt(string ns, string target, string path)
    {
        var e = Assert.Throws<ManifestException>(() => TrafficIntent.Create("t", "f", ns, target, s => IntentResult.Compare(s, s)));

        Assert.Equal(path, Assert.Single(e.Problems).Path);
    }

    private static ITrafficIntent Plugin(string name, JsonObject config) =>
        TrafficIntent.Create($"Plugin {name}", "plugin " + name, "prod", name, current => IntentResult.Compare(current, current.Set(Middleware(name, config))));

    private static Middleware Middleware(string name, JsonObject config) => new()
    {
        ApiVersion = TraefikApi.Version,
        Kind = TraefikApi.MiddlewareKind,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "prod" },
        Spec = new MiddlewareSpec
        {
            Plugin = ImmutableSortedDictionary.Create<string, JsonElement>(StringComparer.Ordinal).Add("demo", JsonSerializer.SerializeToElement(config)),
        },
    };

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
