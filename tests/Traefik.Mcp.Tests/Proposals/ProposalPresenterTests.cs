using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Proposals;

/// <summary>What a delivery reports: a branch only when one was (or would be) made.</summary>
public sealed class ProposalPresenterTests : McpTestBase
{
    [Fact]
    public async Task View_WorktreeDelivery_NamesNoBranch_BranchDeliveryNamesIt()
    {
        var worktree = await CallAsync("traefik_manage_middleware", """{"action": "create", "middleware_type": "compress", "delivery": "worktree"}""");
        var branch = await CallAsync("traefik_manage_middleware", """{"action": "create", "middleware_type": "compress", "middleware_name": "gzip", "delivery": "branch"}""");

        Assert.DoesNotContain("\nBranch: ", Text(worktree), StringComparison.Ordinal);
        Assert.False(worktree.StructuredContent!.Value.GetProperty("delivery").TryGetProperty("branch", out _));
        Assert.Contains("\nBranch: traefik/default/gzip\n", Text(branch), StringComparison.Ordinal);
        Assert.Equal("traefik/default/gzip", branch.StructuredContent!.Value.GetProperty("delivery").GetProperty("branch").GetString());
    }
}
