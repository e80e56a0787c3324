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

    [Fact]
    public async Task Help_DocumentsEveryExitCode()
    {
        var (code, stdout, _) = await ProcessFixture.RunAsync(_dir, "--help");

        Assert.Equal(0, code);
        foreach (var line in new[] { "0  done", "1  tool error", "2  usage error", "3  not delivered", "4  figures unavailable", "5  anomalies found", "6  a pending proposal could not follow its base" })
        {
            Assert.Contains(line, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("traefik-mcp refresh", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ReviewedProposalWhoseBaseMoved_ExitsThreeAndPrintsTheNewProposal()
    {
        await CommitRouteAsync();
        var (code, stdout, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--output", "json", "--args",
            """{"action":"update","route_name":"api","stable_weight":70,"canary_weight":30}""");
        Assert.True(code == 0, stderr);
        using var reviewed = JsonDocument.Parse(stdout);
        await CommitWorktreeChangeAsync("""{"action":"update","route_name":"api","stable_weight":60,"canary_weight":40}""");

        (code, stdout, stderr) = await ProcessFixture.RunAsync(_dir, "deliver", reviewed.RootElement.GetProperty("id").GetString()!);

        Assert.Equal(3, code);
        Assert.Contains("Status: NOT delivered", stdout, StringComparison.Ordinal);
        Assert.Contains("-        weight: 60\n", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Git("branch", "--list", "traefik/default/api"));
        var id = stdout.Split('\n').Single(l => l.StartsWith("Proposal id: ", StringComparison.Ordinal))["Proposal id: ".Length..];
        (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "deliver", id);
        Assert.True(code == 0, stderr);
        Assert.NotEqual(string.Empty, Git("branch", "--list", "traefik/default/api"));
    }

    [Fact]
    public async Task Call_CheckAnomaliesWithoutFigures_ExitsFour()
    {
        await CommitRouteAsync();

        var (unconfigured, stdout, _) = await ProcessFixture.RunAsync(_dir, "call", "traefik_check_anomalies", "--args", """{"route_name":"api"}""");
        var (unreachable, _, _) = await ProcessFixture.RunAsync(_dir, "call", "traefik_check_anomalies", "--prometheus-url", "http://127.0.0.1:9/", "--prometheus-timeout", "2", "--args", """{"route_name":"api"}""");

        Assert.Equal((4, 4), (unconfigured, unreachable));
        Assert.StartsWith("Anomaly check for default/api: no figures.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_ProposalWhoseWeightsChangedOnMain_ExitsSixThenDiscardAndRefreshExitZero()
    {
        await CommitRouteAsync();
        var (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--delivery", "branch", "--args",
            """{"action":"update","route_name":"api","stable_weight":70,"canary_weight":30}""");
        Assert.True(code == 0, stderr);
        await CommitWorktreeChangeAsync("""{"action":"update","route_name":"api","stable_weight":60,"canary_weight":40}""");

        (code, var stdout, stderr) = await ProcessFixture.RunAsync(_dir, "refresh");

        Assert.Equal(6, code);
        Assert.Contains("- traefik/default/api: conflict", stdout, StringComparison.Ordinal);
        Assert.Contains("TraefikService default/api-wrr on main:", stdout, StringComparison.Ordinal);
        Assert.Contains("TraefikService default/api-wrr in the proposal:", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = await ProcessFixture.RunAsync(_dir, "discard", "default/api");
        Assert.True(code == 0, stderr);
        Assert.StartsWith("Discarded traefik/default/api: deleted it locally", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Git("branch", "--list", "traefik/default/api"));
        (code, stdout, _) = await ProcessFixture.RunAsync(_dir, "refresh");
        Assert.Equal(0, code);
        Assert.StartsWith("No pending proposals on local branches.", stdout, StringComparison.Ordinal);
        (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "discard", "0123456789abcdef");
        Assert.Equal(1, code);
        Assert.StartsWith("No proposal with id '0123456789abcdef' was found", stderr, StringComparison.Ordinal);
    }

    /// <summary>A weighted route api (90/10) committed on main of the embedded repository.</summary>
    private async Task CommitRouteAsync()
    {
        var (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--delivery", "worktree", "--args",
            """{"action":"create","route_name":"api","hostname":"api.example.com","stable_service":"api-stable","canary_service":"api-canary","stable_weight":90,"canary_weight":10}""");
        Assert.True(code == 0, stderr);
        Git("add", "-A");
        Git("commit", "-qm", "Add the api route");
    }

    /// <summary>Someone else's change, written to the working tree and committed on main.</summary>
    private async Task CommitWorktreeChangeAsync(string arguments)
    {
        var (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "call", "traefik_manage_weighted_routing", "--delivery", "worktree", "--args", arguments);
        Assert.True(code == 0, stderr);
        Git("commit", "-qam", "Someone else's change");
    }

    private string Git(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = Path.Combine(_dir, "gitops"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", "user.name=Test Person", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
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
