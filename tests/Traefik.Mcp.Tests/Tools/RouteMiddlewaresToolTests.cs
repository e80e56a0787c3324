using Traefik.Manifests.Model;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_manage_route_middlewares: attach and detach per rule, in order, idempotent.</summary>
public sealed class RouteMiddlewaresToolTests : McpTestBase
{
    private const string Tool = "traefik_manage_route_middlewares";

    [Fact]
    public async Task AttachDetach_OneRuleIndex_OnlyThatRuleChanges()
    {
        await ProposeAsync("traefik_manage_middleware", """{"action": "create", "middleware_type": "compress"}""");
        await ProposeAsync("traefik_manage_middleware", """{"action": "create", "middleware_type": "strip_prefix", "middleware_name": "strip-v2", "prefixes": ["/v2"]}""");
        await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "preview", "routes": [
              {"match": "Host(`preview.example.com`)", "service_name": "preview-v1", "service_port": 80},
              {"match": "Host(`preview.example.com`) && PathPrefix(`/v2`)", "service_name": "preview-v2", "service_port": 80}]}
            """);

        var attached = await ProposeAsync(Tool, """
            {"action": "attach", "route_name": "preview", "middleware_names": ["strip-v2", "compress", "security@file"], "route_index": 1}
            """);

        AssertDelivered(attached);
        Assert.Equal([1], attached["outcome"]!["rules_updated"]!.AsArray().Select(i => i!.GetValue<int>()));
        var route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "preview");
        Assert.Null(route.Spec.Routes[0].Middlewares);
        Assert.Equal(["strip-v2", "compress", "security@file"], route.Spec.Routes[1].Middlewares!.Select(m => m.Name));

        var detached = await ProposeAsync(Tool, """
            {"action": "detach", "route_name": "preview", "middleware_names": ["compress", "not-attached"]}
            """);

        AssertDelivered(detached);
        Assert.Equal(["compress"], detached["outcome"]!["removed"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(["not-attached"], detached["outcome"]!["not_attached"]!.AsArray().Select(i => i!.GetValue<string>()));
        route = Find<IngressRoute>(AssertWorktreeValid(), TraefikApi.IngressRouteKind, "default", "preview");
        Assert.Equal(["strip-v2", "security@file"], route.Spec.Routes[1].Middlewares!.Select(m => m.Name));
    }

    [Fact]
    public async Task Attach_MissingMiddlewareOrRuleIndex_ToolErrorListingBoth()
    {
        await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "preview", "routes": [{"match": "Host(`preview.example.com`)", "service_name": "preview-v1", "service_port": 80}]}
            """);

        var error = await ErrorAsync(Tool, """
            {"action": "attach", "route_name": "preview", "middleware_names": ["api-strip"], "route_index": 2}
            """);

        Assert.Equal(
            "Cannot attach middlewares to IngressRoute default/preview.\n"
            + "- route_index: 2 is out of range: IngressRoute default/preview has 1 rule, so use 0, or leave it out for every rule.\n"
            + "- middleware_names[0]: Middleware default/api-strip does not exist; Traefik disables a router whose middleware is missing. Create the middleware first, or reference one from another provider as name@provider.",
            error);
    }
}
