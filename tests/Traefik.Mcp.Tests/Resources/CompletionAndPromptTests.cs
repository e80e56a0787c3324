using ModelContextProtocol.Protocol;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Resources;

public sealed class CompletionAndPromptTests : McpTestBase
{
    [Fact]
    public async Task Complete_DistributionTemplate_OffersNamespacesAndRoutesFromTheRepository()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """{"action":"create","route_name":"api-service-route","namespace":"production","hostname":"api.example.com","stable_service":"api-stable"}""");
        await ProposeAsync("traefik_manage_weighted_routing", """{"action":"create","route_name":"admin-route","namespace":"production","hostname":"admin.example.com","stable_service":"admin"}""");
        await ProposeAsync("traefik_manage_weighted_routing", """{"action":"create","route_name":"hello-world-route","namespace":"default","hostname":"hello.example.com","stable_service":"hello"}""");
        var template = new ResourceTemplateReference { Uri = "traefik://traffic/{namespace}/{route_name}/distribution" };

        var namespaces = await Client.CompleteAsync(template, "namespace", "pro");
        var routes = await Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = template,
            Argument = new Argument { Name = "route_name", Value = "" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["namespace"] = "production" } },
        });

        Assert.Equal(["production"], namespaces.Completion.Values);
        Assert.Equal(["admin-route", "api-service-route"], routes.Completion.Values);
    }

    [Fact]
    public async Task Prompts_ListTheSeedWorkflowsAndNameTheToolCalls()
    {
        var prompts = await Client.ListPromptsAsync();
        Assert.Equal(["path_prefix_migration", "protect_route", "shadow_launch", "weighted_canary_rollout"], prompts.Select(p => p.Name).Order(StringComparer.Ordinal));

        var shadow = await Client.GetPromptAsync("shadow_launch", new Dictionary<string, object?>
        {
            ["route_name"] = "api-service-route",
            ["namespace"] = "production",
            ["main_service"] = "api-service-stable",
            ["mirror_service"] = "api-service-canary",
        });

        var message = Assert.Single(shadow.Messages);
        Assert.Equal(Role.User, message.Role);
        var text = ((TextContentBlock)message.Content).Text;
        Assert.Contains("traefik_manage_traffic_mirroring action=enable route_name=api-service-route namespace=production main_service=api-service-stable mirror_service=api-service-canary mirror_percent=20 attach_to_ingress=false", text, StringComparison.Ordinal);
        Assert.Contains("restore_ingress_to_wrr=true", text, StringComparison.Ordinal);
        Assert.Contains("side effects for real", text, StringComparison.Ordinal);
    }
}
