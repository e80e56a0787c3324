using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_deliver_proposal: ships exactly the proposal a person reviewed.</summary>
[McpServerToolType]
public sealed class DeliverProposalTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_deliver_proposal";

    /// <summary>Delivers a reviewed proposal by id, or returns the new proposal when the base moved.</summary>
    [McpServerTool(Name = Name, Title = "Deliver Proposal", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Deliver a proposal you reviewed, by its id: what you reviewed is what ships. If the repository moved so the diff would now differ, nothing is delivered and the new proposal is returned for review instead (status base_moved).")]
    public async Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("The proposal id returned by a traefik_* tool.")] string proposal_id,
        [Description("worktree, branch or pull_request (default: the configured delivery, or branch when that is diff).")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        StoredProposal? stored;
        McpServerTool? tool = null;
        try
        {
            stored = runner.Store().Find(proposal_id);
        }
        catch (Exception e) when (e is IOException or JsonException or Traefik.GitOps.GitOpsException)
        {
            return ToolRunner.Error(e.Message);
        }

        if (stored is null)
        {
            return ToolRunner.Error($"No proposal with id '{proposal_id}' was found. Run the tool again to get a proposal, then deliver it by the id it returns.");
        }

        if (context.Server.ServerOptions.ToolCollection?.TryGetPrimitive(stored.Tool, out tool) != true || tool is null)
        {
            return ToolRunner.Error($"Proposal '{proposal_id}' was made by {stored.Tool}, which this server does not offer.");
        }

        Traefik.GitOps.DeliveryMode mode;
        try
        {
            mode = SettingsLoader.ParseDelivery(delivery ?? SettingsLoader.Name(runner.DefaultDelivery));
        }
        catch (UsageException e)
        {
            return ToolRunner.Error(e.Message);
        }

        if (mode == Traefik.GitOps.DeliveryMode.Diff)
        {
            return ToolRunner.Error("delivery=diff writes nothing; choose worktree, branch or pull_request to deliver the proposal.");
        }

        var arguments = stored.Arguments.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, McpJsonContext.Default.JsonNode), StringComparer.Ordinal);
        var request = new RequestContext<CallToolRequestParams>(context.Server, context.JsonRpcRequest, new CallToolRequestParams { Name = stored.Tool, Arguments = arguments })
        {
            Services = context.Services,
        };
        return await ToolRunner.WithReviewedDiffAsync(stored.Diff, mode, () => tool.InvokeAsync(request, cancellationToken).AsTask()).ConfigureAwait(false);
    }
}
