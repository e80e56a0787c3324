using System.Text.Json;
using Traefik.GitOps.Tests.Support;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>
/// The executable against a remote: clone into the cache, commit, push, fetch and the GitHub REST calls. Run
/// again by CI against the NativeAOT binary, this is what proves libgit2 and HTTP work there.
/// </summary>
public sealed class RemoteRepositoryTests : IDisposable
{
    private const string Token = "ghp_e2e_remote_0123456789abcdef";
    private readonly TempRepository _repo = new();
    private readonly FakeGitHub _github = new();

    public RemoteRepositoryTests() => _repo.Commit("Initial commit", ("README.md", "# gitops\n"));

    [Fact]
    public async Task Call_PullRequestDeliveryToRemote_PushesTheBranchThenOpensAndUpdatesOnePullRequest()
    {
        var (code, stdout, stderr) = await CallAsync("""{"action":"create","route_name":"api","hostname":"api.example.com","stable_service":"api-stable","canary_service":"api-canary","stable_weight":100,"canary_weight":0}""");
        Assert.True(code == 0, stderr);
        using (var opened = JsonDocument.Parse(stdout))
        {
            var delivery = opened.RootElement.GetProperty("delivery");
            Assert.Equal(("pull_request_opened", 1), (delivery.GetProperty("outcome").GetString(), delivery.GetProperty("pull_request_number").GetInt32()));
            Assert.Equal(_repo.RemoteBranch("traefik/default/api"), delivery.GetProperty("commit").GetString());
        }

        (code, stdout, stderr) = await CallAsync("""{"action":"update","route_name":"api","stable_weight":90,"canary_weight":10}""");

        Assert.True(code == 0, stderr);
        using var updated = JsonDocument.Parse(stdout);
        Assert.Equal("pull_request_updated", updated.RootElement.GetProperty("delivery").GetProperty("outcome").GetString());
        var pull = Assert.Single(_github.Pulls);
        Assert.Equal(("traefik/default/api", "main"), (pull.Head, pull.Base));
        Assert.Equal(["GET", "POST", "GET", "PATCH"], _github.Requests.Select(r => r.Method));
        Assert.All(_github.Requests, r => Assert.Equal("Token " + Token, r.Authorization));
        var file = _repo.RemoteGit("show", "traefik/default/api:traefik/default/api/traefikservice-api-wrr.yaml");
        Assert.Contains("weight: 10", file, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, stdout + stderr, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> CallAsync(string arguments) =>
        ProcessFixture.RunAsync(
            _repo.Folder,
            new Dictionary<string, string?> { ["GITHUB_TOKEN"] = Token },
            "call", "traefik_manage_weighted_routing", "--output", "json",
            "--repo", new Uri(_repo.Remote).AbsoluteUri,
            "--cache-dir", Path.Combine(_repo.Folder, "cache"),
            "--delivery", "pull_request",
            "--pr-provider", "github",
            "--github-api-url", _github.BaseUrl.ToString(),
            "--github-repository", "octo/gitops",
            "--author-name", "Test Person",
            "--author-email", "test@example.invalid",
            "--args", arguments);

    public void Dispose()
    {
        _github.Dispose();
        _repo.Dispose();
    }
}
