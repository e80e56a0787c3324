using Traefik.GitOps;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Resources;

/// <summary>The same repository with the notes excluded: nothing is reported, and delivery works.</summary>
public sealed class ExcludedFilesTests : McpTestBase
{
    protected override DeliveryMode Delivery => DeliveryMode.Branch;

    protected override McpSettings Configure(McpSettings defaults) => defaults with { Exclude = ["traefik/notes/**"] };

    [Fact]
    public async Task Tools_UnreadableFilesExcluded_DeliverAndReportNothing()
    {
        Directory.CreateDirectory(Path.Combine(Work, "traefik/notes"));
        File.WriteAllText(Path.Combine(Work, "traefik/notes/value.yaml"), "a: b: c");
        Git("add", "-A");
        Git("commit", "-q", "-m", "notes");

        var proposal = await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "api", "namespace": "prod", "hostname": "api.example.com", "stable_service": "api-stable", "stable_weight": 100}
            """);

        Assert.Equal("delivered", proposal["status"]!.GetValue<string>());
        Assert.True(proposal["validation"]!["valid"]!.GetValue<bool>());
        Assert.False(proposal["validation"]!.AsObject().ContainsKey("unreadable_files"));
        Assert.Equal("a: b: c", Git("show", "traefik/prod/api:traefik/notes/value.yaml"));
    }
}
