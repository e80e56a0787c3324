using System.Text.Json;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>The command line as people and CI use it: one process per call, on the embedded ./gitops default.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-cli-").FullName;

    [Fact]
    public async Task Call_WithoutRepo_CreatesEmbeddedRepositoryAndPrintsTheProposal()
    {
        var (code, stdout, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--args",
            """{"action":"create","route_name":"hello-world-route","hostname":"hello-world.example.com","stable_service":"hello-world-stable","canary_service":"hello-world-canary","stable_weight":100,"canary_weight":0}""");

        Assert.Equal(0, code);
        Assert.Contains("created a local GitOps repository at", stderr, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_dir, "gitops", ".git")));
        Assert.Contains("Status: proposed — nothing was written", stdout, StringComparison.Ordinal);
        Assert.Contains("```diff\n", stdout, StringComparison.Ordinal);
        Assert.Contains("+        weight: 0", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "gitops", "traefik")), "diff delivery must write nothing");
    }

    [Fact]
    public async Task Call_JsonOutputThenDeliverById_CommitsTheReviewedChange()
    {
        var (code, stdout, _) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--output", "json", "--args",
            """{"action":"create","route_name":"api","namespace":"production","hostname":"api.example.com","stable_service":"api-stable"}""");
        Assert.Equal(0, code);
        using var proposal = JsonDocument.Parse(stdout);
        var id = proposal.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("proposed", proposal.RootElement.GetProperty("status").GetString());

        (code, stdout, _) = await ProcessFixture.RunAsync(_dir, "call", "traefik_deliver_proposal", "--output", "json", "--args", $$"""{"proposal_id":"{{id}}","delivery":"branch"}""");

        Assert.Equal(0, code);
        using var delivered = JsonDocument.Parse(stdout);
        Assert.Equal("delivered", delivered.RootElement.GetProperty("status").GetString());
        Assert.Equal("traefik/production/api", delivered.RootElement.GetProperty("delivery").GetProperty("branch").GetString());
        var (_, listing, _) = await ProcessFixture.RunAsync(_dir, "read", "traefik://traffic/routes/list");
        Assert.Contains("\"name\":\"api-wrr\"", listing, StringComparison.Ordinal);
        Assert.Contains("\"pending_proposal\":{\"branch\":\"traefik/production/api\"", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_BadInput_ExitsOneWithTheMessageOnStderr()
    {
        var (code, stdout, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--args",
            """{"action":"create","route_name":"r","hostname":"a.com`) || PathPrefix(`/","stable_service":"s"}""");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("hostname: \"a.com`) || PathPrefix(`/\" is not a valid host name (RFC 1123)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Distribution_ExplainsTheSplit()
    {
        await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--delivery", "worktree", "--args",
            """{"action":"create","route_name":"api","hostname":"api.example.com","stable_service":"api-stable","canary_service":"api-canary","stable_weight":95,"canary_weight":5}""");

        var (code, stdout, _) = await ProcessFixture.RunAsync(_dir, "read", "traefik://traffic/default/api/distribution", "--delivery", "worktree");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var split = doc.RootElement.GetProperty("traffic_split");
        Assert.Equal("weighted", split.GetProperty("type").GetString());
        Assert.Equal([95m, 5m], split.GetProperty("backends").EnumerateArray().Select(b => b.GetProperty("percent").GetDecimal()));
        Assert.False(doc.RootElement.GetProperty("observed").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Read_PrometheusStatus_UnreachableUrlFromTheEnvironmentIsReported()
    {
        var (code, stdout, _) = await ProcessFixture.RunAsync(_dir, "read", "traefik://metrics/prometheus/status", "--prometheus-url", "http://127.0.0.1:9/", "--prometheus-timeout", "2");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("configured").GetBoolean());
        Assert.False(doc.RootElement.GetProperty("available").GetBoolean());
        Assert.StartsWith("Prometheus at http://127.0.0.1:9/ is not reachable", doc.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_And_UnknownOption_AreHandled()
    {
        var (code, stdout, _) = await ProcessFixture.RunAsync(_dir, "--version");
        Assert.Equal(0, code);
        Assert.StartsWith("traefik-mcp ", stdout, StringComparison.Ordinal);

        var (bad, _, stderr) = await ProcessFixture.RunAsync(_dir, "serve", "--colour", "blue");
        Assert.Equal(2, bad);
        Assert.Contains("Unknown option --colour", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_RepoThatIsNotAGitRepository_StopsAtStartWithTheReason()
    {
        var missing = Path.Combine(_dir, "not-a-repository");
        Directory.CreateDirectory(missing);

        var (code, stdout, stderr) = await ProcessFixture.RunAsync(missing, "serve", "--repo", missing);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("No git repository at or above " + missing, stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
