using System.Text.Json.Nodes;
using Traefik.GitOps;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_deliver_proposal: what was reviewed is what ships, and a moved base ships nothing.</summary>
public sealed class DeliverProposalTests : McpTestBase
{
    protected override DeliveryMode Delivery => DeliveryMode.Diff;

    [Fact]
    public async Task Deliver_ReviewedProposal_CommitsExactlyTheReviewedDiff()
    {
        var reviewed = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "rate_limit", "middleware_name": "api-rate-limit", "namespace": "production", "average": 50, "burst": 100, "period": "1s"}
            """);
        Assert.Equal(("proposed", "previewed"), (reviewed["status"]!.GetValue<string>(), reviewed["delivery"]!["outcome"]!.GetValue<string>()));
        Assert.Equal("main", Git("branch", "--format=%(refname:short)").Trim());

        var delivered = await ProposeAsync("traefik_deliver_proposal", $$"""
            {"proposal_id": "{{reviewed["id"]}}", "delivery": "branch"}
            """);

        AssertDelivered(delivered);
        Assert.Equal("committed", delivered["delivery"]!["outcome"]!.GetValue<string>());
        Assert.Equal(reviewed["diff"]!.GetValue<string>(), delivered["diff"]!.GetValue<string>());
        var branch = delivered["delivery"]!["branch"]!.GetValue<string>();
        Assert.Equal("traefik/production/api-rate-limit", branch);
        var objects = BranchObjects(branch);
        SchemaAssert.Valid(objects);
        Assert.Equal(50, Find<Middleware>(objects, TraefikApi.MiddlewareKind, "production", "api-rate-limit").Spec.RateLimit!.Average);
        Assert.Equal(string.Empty, Git("status", "--porcelain"));
    }

    [Fact]
    public async Task Deliver_WithoutDelivery_UsesBranchWhenTheDefaultIsDiff()
    {
        var reviewed = await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "hello-preview", "routes": [{"match": "Host(`preview.example.com`)", "service_name": "preview-v1", "service_port": 80}]}
            """);

        var delivered = await ProposeAsync("traefik_deliver_proposal", $$"""
            {"proposal_id": "{{reviewed["id"]}}"}
            """);

        Assert.Equal(("branch", "committed"), (delivered["delivery"]!["mode"]!.GetValue<string>(), delivered["delivery"]!["outcome"]!.GetValue<string>()));
        var route = Find<IngressRoute>(BranchObjects("traefik/default/hello-preview"), TraefikApi.IngressRouteKind, "default", "hello-preview");
        Assert.Equal("Host(`preview.example.com`)", Assert.Single(route.Spec.Routes).Match);
    }

    [Fact]
    public async Task Deliver_BaseMoved_DeliversNothingAndReturnsTheNewProposal()
    {
        var reviewed = await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "hello-preview", "routes": [{"match": "Host(`preview.example.com`)", "service_name": "preview-v1", "service_port": 80}]}
            """);

        // Someone lands another change in the same namespace: the reviewed diff (which adds the
        // namespace's kustomization.yaml) no longer applies as reviewed.
        Assert.Equal("delivered", (await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "compress", "delivery": "worktree"}
            """))["status"]!.GetValue<string>());
        Git("add", "-A");
        Git("commit", "-q", "-m", "Add compress middleware");
        var head = Git("rev-parse", "HEAD");

        var moved = await ProposeAsync("traefik_deliver_proposal", $$"""
            {"proposal_id": "{{reviewed["id"]}}", "delivery": "branch"}
            """);

        Assert.Equal(("base_moved", "not_delivered"), (moved["status"]!.GetValue<string>(), moved["delivery"]!["outcome"]!.GetValue<string>()));
        Assert.NotEqual(reviewed["id"]!.GetValue<string>(), moved["id"]!.GetValue<string>());
        Assert.NotEqual(reviewed["diff"]!.GetValue<string>(), moved["diff"]!.GetValue<string>());
        Assert.StartsWith("Not delivered: the repository changed since this proposal was reviewed", moved["delivery"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("main", Git("branch", "--format=%(refname:short)").Trim());
        Assert.Equal(head, Git("rev-parse", "HEAD"));

        // The new proposal, once reviewed, ships as shown.
        var delivered = await ProposeAsync("traefik_deliver_proposal", $$"""
            {"proposal_id": "{{moved["id"]}}", "delivery": "branch"}
            """);
        AssertDelivered(delivered);
        Assert.Equal(moved["diff"]!.GetValue<string>(), delivered["diff"]!.GetValue<string>());
        var objects = BranchObjects("traefik/default/hello-preview");
        SchemaAssert.Valid(objects);
        Assert.Equal(["compress", "hello-preview"], objects.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deliver_DiffMode_ToolError()
    {
        var reviewed = await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "compress"}
            """);

        var error = await ErrorAsync("traefik_deliver_proposal", $$"""
            {"proposal_id": "{{reviewed["id"]}}", "delivery": "diff"}
            """);

        Assert.Equal("delivery=diff writes nothing; choose worktree, branch or pull_request to deliver the proposal.", error);
    }
}
