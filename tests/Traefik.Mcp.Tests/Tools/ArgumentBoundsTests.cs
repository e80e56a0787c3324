using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>
/// Arguments are bounded and checked before any work is done with them: an over-long string or one holding a
/// credential is refused by the argument check, before the call is bound, planned, hashed or journaled.
/// </summary>
public sealed class ArgumentBoundsTests : McpTestBase
{
    private const string GitHubToken = "ghp_BoundsTest0123456789abcdef";

    protected override string? EnvironmentVariable(string name) => name == "GITHUB_TOKEN" ? GitHubToken : null;

    [Fact]
    public async Task Call_HostnameLongerThanTheLimit_RefusedNamingItBeforeAnyWork()
    {
        // Reported: a 10 MB hostname was hashed (into the proposal's branch name) before it was validated.
        var hostname = new string('a', 100_000) + ".example.com";

        var message = await ErrorAsync("traefik_manage_weighted_routing", $$"""{"action": "create", "route_name": "api", "hostname": "{{hostname}}", "stable_service": "api-v1"}""");

        Assert.Contains("hostname: is 100012 characters long; at most 65536 are accepted.", message, StringComparison.Ordinal);
        Assert.True(message.Length < 1000, message);
        AssertNothingJournaled();
    }

    [Fact]
    public async Task Call_LongUnknownArgumentName_RefusedWithoutEchoingIt()
    {
        var name = new string('x', 5000);

        var message = await ErrorAsync("traefik_manage_weighted_routing", $$"""{"action": "create", "route_name": "api", "{{name}}": 1}""");

        Assert.Contains("xxx...\": is not a parameter here", message, StringComparison.Ordinal);
        Assert.True(message.Length < 1000, message);
    }

    [Fact]
    public async Task Call_ArgumentHoldingTheGitHubToken_RefusedAndNothingWritten()
    {
        var message = await ErrorAsync("traefik_manage_middleware", $$$"""{"action": "create", "middleware_name": "h", "middleware_type": "headers", "headers_custom_request": {"X-Token": "{{{GitHubToken}}}"}}""");

        Assert.Contains("headers_custom_request.X-Token: holds the credential this server was given in GITHUB_TOKEN", message, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubToken, message, StringComparison.Ordinal);
        Assert.Empty(WorktreeObjects());
        AssertNothingJournaled();
    }

    private void AssertNothingJournaled()
    {
        var journals = Path.Combine(Work, ".git", "traefik-mcp", "proposals");
        Assert.False(Directory.Exists(journals) && Directory.EnumerateFiles(journals).Any(), "a proposal was journaled");
    }
}
