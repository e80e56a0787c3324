using System.Text.Json.Nodes;
using Traefik.GitOps;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Scenarios;

/// <summary>
/// Several changes in flight through the tools, as a team uses them: the server delivers pull requests to a bare
/// remote (provider none: the branch is pushed), and a reviewer merges them with git from a clone of their own.
/// Rebuilding a proposal branch builds each recorded tool call again, so these exercise every tool's record.
/// </summary>
public sealed class InFlightScenarioTests : McpTestBase
{
    private const string Route = "traefik/production/api-service-route";
    private const string Strip = "traefik/production/api-strip";
    private readonly string _remote;
    private readonly string _reviewer;

    public InFlightScenarioTests()
    {
        _remote = Path.Combine(Folder, "remote.git");
        Run(Folder, "init", "--bare", "-q", "-b", "main", _remote);
        Git("remote", "add", "origin", _remote);
        Git("push", "-q", "origin", "main");
        _reviewer = Path.Combine(Folder, "reviewer");
        Run(Folder, "clone", "-q", _remote, _reviewer);
    }

    protected override DeliveryMode Delivery => DeliveryMode.PullRequest;

    [Fact]
    public async Task SeedScenarioC_PullRequests_RouteBuildsOnThePendingMiddlewareAndMainStaysValid()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com", "stable_service": "api-service-stable", "stable_weight": 100, "canary_weight": 0}
            """));
        AssertDelivered(await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "strip_prefix", "middleware_name": "api-strip", "namespace": "production", "prefixes": ["/api"]}
            """));

        var attach = await ProposeAsync("traefik_manage_route_middlewares", """
            {"action": "attach", "route_name": "api-service-route", "middleware_names": ["api-strip"], "namespace": "production"}
            """);

        AssertDelivered(attach);
        Assert.Equal(Strip, attach["basis"]!["depends_on"]!.GetValue<string>());
        Assert.Equal(Remote("rev-parse", Strip), Remote("merge-base", Strip, Route));
        var text = Text(await CallAsync("traefik_manage_route_middlewares", """
            {"action": "attach", "route_name": "api-service-route", "middleware_names": ["api-strip"], "namespace": "production", "delivery": "diff"}
            """));
        Assert.Contains("Builds on: " + Strip, text, StringComparison.Ordinal);

        // The middleware is merged first; the refresh a CI job runs after every merge rebuilds the route on main.
        Merge(Strip);
        var refreshed = await RefreshAsync();
        Assert.Equal(
            [(Route, "rebuilt"), (Strip, "closed_merged")],
            refreshed["proposals"]!.AsArray().Select(p => (p!["branch"]!.GetValue<string>(), p["outcome"]!.GetValue<string>())));
        Assert.Null(refreshed["proposals"]![0]!["depends_on"]);
        Assert.Equal(Remote("rev-parse", "main"), Remote("merge-base", "main", Route));
        Assert.False(RemoteHas(Strip));

        Merge(Route);
        var route = Find<IngressRoute>(MainObjects(), TraefikApi.IngressRouteKind, "production", "api-service-route");
        Assert.Equal("api-strip", Assert.Single(route.Spec.Routes[0].Middlewares!).Name);
        Assert.Equal("closed_merged", Assert.Single((await RefreshAsync())["proposals"]!.AsArray())!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliverProposal_PullRequestAfterTheRemoteMovedTheSameWeights_DeliversNothingAndReturnsTheNewProposal()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api-service-route", "namespace": "production", "hostname": "api.example.com", "stable_service": "api-service-stable", "canary_service": "api-service-canary", "stable_weight": 90, "canary_weight": 10}
            """));
        Merge(Route);
        await RefreshAsync();
        var reviewed = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "update", "route_name": "api-service-route", "namespace": "production", "stable_weight": 70, "canary_weight": 30, "delivery": "diff"}
            """);
        Assert.Contains("-        weight: 90\n", reviewed["diff"]!.GetValue<string>(), StringComparison.Ordinal);
        const string File = "traefik/production/api-service-route/traefikservice-api-service-route-wrr.yaml";
        Reviewer("pull", "-q", "origin", "main");
        var path = Path.Combine(_reviewer, File);
        System.IO.File.WriteAllText(path, System.IO.File.ReadAllText(path).Replace("weight: 90", "weight: 60").Replace("weight: 10", "weight: 40"));
        Reviewer("commit", "-qam", "Hotfix: 60/40");
        Reviewer("push", "-q", "origin", "main");

        var moved = await ProposeAsync("traefik_deliver_proposal", $$"""{"proposal_id": "{{reviewed["id"]}}", "delivery": "pull_request"}""");

        Assert.Equal(("base_moved", "not_delivered"), (moved["status"]!.GetValue<string>(), moved["delivery"]!["outcome"]!.GetValue<string>()));
        Assert.Contains("-        weight: 60\n", moved["diff"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(RemoteHas(Route));
        var delivered = await ProposeAsync("traefik_deliver_proposal", $$"""{"proposal_id": "{{moved["id"]}}", "delivery": "pull_request"}""");
        Assert.Equal(moved["diff"]!.GetValue<string>(), delivered["diff"]!.GetValue<string>());
        Assert.Equal(delivered["delivery"]!["commit"]!.GetValue<string>(), Remote("rev-parse", Route));
    }

    [Fact]
    public async Task DiscardProposal_ByRouteAndById_DeletesBranchesAndRefusesTheReviewedProposal()
    {
        AssertDelivered(await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "strip_prefix", "middleware_name": "api-strip", "namespace": "production", "prefixes": ["/api"]}
            """));
        var reviewed = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "compress", "namespace": "production", "delivery": "diff"}
            """);

        var byRoute = await DiscardAsync("""{"route_name": "api-strip", "namespace": "production"}""");
        var byId = await DiscardAsync($$"""{"proposal_id": "{{reviewed["id"]}}"}""");

        Assert.Equal(Strip, byRoute["branch"]!.GetValue<string>());
        Assert.False(RemoteHas(Strip));
        Assert.Equal(string.Empty, Git("branch", "--list", Strip));
        Assert.Equal(reviewed["id"]!.GetValue<string>(), byId["discarded_proposal_id"]!.GetValue<string>());
        Assert.Null(byId["branch"]);
        Assert.Equal(
            $"Proposal '{reviewed["id"]}' was discarded, so it is not delivered. Run the tool again to propose the change anew.",
            await ErrorAsync("traefik_deliver_proposal", $$"""{"proposal_id": "{{reviewed["id"]}}"}"""));
        Assert.Equal("Give proposal_id (the id a traefik_* tool returned) or route_name (with namespace), not both and not neither.", await ErrorAsync("traefik_discard_proposal", "{}"));
        Assert.StartsWith("There is no proposal branch traefik/production/nothing", await ErrorAsync("traefik_discard_proposal", """{"route_name": "nothing", "namespace": "production"}"""), StringComparison.Ordinal);
    }

    private async Task<JsonObject> RefreshAsync()
    {
        var result = await CallAsync("traefik_refresh_proposals", "{}");
        Assert.False(result.IsError == true, Text(result));
        return JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!.AsObject();
    }

    private async Task<JsonObject> DiscardAsync(string arguments)
    {
        var result = await CallAsync("traefik_discard_proposal", arguments);
        Assert.False(result.IsError == true, Text(result));
        return JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!.AsObject();
    }

    /// <summary>The reviewer merges a pull request into main with git, as a merge button would.</summary>
    private void Merge(string branch)
    {
        Reviewer("fetch", "-q", "origin");
        Reviewer("checkout", "-q", "-B", "main", "origin/main");
        Reviewer("merge", "--no-ff", "-q", "-m", "Merge " + branch, "origin/" + branch);
        Reviewer("push", "-q", "origin", "main");
    }

    /// <summary>The objects on the remote's main, checked: CRD-valid and every reference resolving.</summary>
    private IReadOnlyList<KubernetesObject> MainObjects()
    {
        var objects = Remote("ls-tree", "-r", "--name-only", "main").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => ManifestYaml.Parse(Run(_remote, "show", "main:" + f)))
            .ToList();
        SchemaAssert.Valid(objects);
        Assert.Empty(References.Dangling(ManifestSet.From(objects)));
        return objects;
    }

    private bool RemoteHas(string branch) => Run(_remote, "branch", "--list", branch).Trim().Length > 0;

    private string Remote(params string[] args) => Run(_remote, args).Trim();

    private string Reviewer(params string[] args) => Run(_reviewer, args);

    private static string Run(string directory, params string[] args) => GitIn(directory, ("Reviewer", "reviewer@example.invalid"), args);
}
