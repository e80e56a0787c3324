using System.Text.Json.Nodes;
using Traefik.GitOps;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Resources;

/// <summary>
/// A repository holding files that cannot be read: every tool result (text and structured content) and every
/// resource names them with the line and reason; nothing but a preview is delivered.
/// </summary>
public sealed class UnreadableFilesTests : McpTestBase
{
    private const string Route = """
        {"action": "create", "route_name": "api", "namespace": "prod", "hostname": "api.example.com", "stable_service": "api-stable", "canary_service": "api-canary", "stable_weight": 90, "canary_weight": 10}
        """;

    protected override DeliveryMode Delivery => DeliveryMode.Diff;

    [Fact]
    public async Task Tools_UnreadableFiles_ProposalIsInvalidAndNamesThem()
    {
        await CommitBadFilesAsync();

        var result = await CallAsync("traefik_manage_weighted_routing", Route);
        var proposal = await ProposeAsync("traefik_manage_weighted_routing", Route);
        var refused = await ErrorAsync("traefik_manage_weighted_routing", Route.Replace("\"action\"", "\"delivery\": \"branch\", \"action\"", StringComparison.Ordinal));

        var validation = proposal["validation"]!.AsObject();
        Assert.False(validation["valid"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"path":"traefik/notes/flow.yaml","line":2,"column":1,"reason":"the YAML parser could not continue here (inside the flow sequence '[' opened at line 1, column 4: is its ']' missing?)."},{"path":"traefik/notes/value.yaml","line":1,"column":5,"reason":"While scanning a plain scalar value, found invalid mapping."}]"""),
            validation["unreadable_files"]), validation["unreadable_files"]!.ToJsonString());
        Assert.Contains("### Unreadable files\n", Text(result), StringComparison.Ordinal);
        Assert.Contains("- traefik/notes/value.yaml, line 1, column 5: While scanning a plain scalar value, found invalid mapping.\n", Text(result), StringComparison.Ordinal);
        Assert.StartsWith("Invalid: 2 files under the manifest root cannot be read", validation["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Nothing was delivered: 2 files under the manifest root cannot be read", refused, StringComparison.Ordinal);
        Assert.Contains("- traefik/notes/flow.yaml, line 2, column 1: the YAML parser could not continue here", refused, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Git("status", "--porcelain"));
        Assert.Equal("main\n", Git("branch", "--format=%(refname:short)"));
    }

    [Theory]
    [InlineData("traefik://traffic/routes/list", "source")]
    [InlineData("traefik://traffic/ingressroutes/list", "source")]
    [InlineData("traefik://traffic/prod/api/distribution", "source")]
    [InlineData("traefik://metrics/prod/api-stable/summary", null)]
    [InlineData("traefik://anomalies/detected", null)]
    [InlineData("traefik://anomalies/history/prod", null)]
    public async Task Resources_UnreadableFiles_AreNamedWithLineAndReason(string uri, string? under)
    {
        await CommitRouteAsync();
        await CommitBadFilesAsync();

        var view = await ReadAsync(uri);

        var files = (under is null ? view : view[under]!.AsObject())["unreadable_files"]!.AsArray();
        Assert.Equal(["traefik/notes/flow.yaml", "traefik/notes/value.yaml"], files.Select(f => f!["path"]!.GetValue<string>()));
        Assert.Equal([2, 1], files.Select(f => f!["line"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Resources_HealthyRepository_HaveNoUnreadableField()
    {
        await CommitRouteAsync();

        var view = await ReadAsync("traefik://traffic/routes/list");

        Assert.False(view["source"]!.AsObject().ContainsKey("unreadable_files"));
        Assert.Single(view["services"]!.AsArray());
    }

    private async Task CommitRouteAsync()
    {
        await ProposeAsync("traefik_manage_weighted_routing", Route.Replace("\"action\"", "\"delivery\": \"worktree\", \"action\"", StringComparison.Ordinal));
        Git("add", "-A");
        Git("commit", "-q", "-m", "route");
    }

    private Task CommitBadFilesAsync()
    {
        Directory.CreateDirectory(Path.Combine(Work, "traefik/notes"));
        File.WriteAllText(Path.Combine(Work, "traefik/notes/value.yaml"), "a: b: c");
        File.WriteAllText(Path.Combine(Work, "traefik/notes/flow.yaml"), "a: [b\nc: d\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "notes");
        return Task.CompletedTask;
    }
}
