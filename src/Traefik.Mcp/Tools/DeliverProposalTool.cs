using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Validation;
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
    [Description("Deliver a proposal you reviewed, by its id: what you reviewed is what ships. The change is planned again on what the delivery builds on now (for pull_request after fetching, and again before any retried push); if its diff differs from the reviewed one by a byte, nothing is written, committed or pushed and the new proposal is returned for review instead (status base_moved), in every delivery mode.")]
    public async Task<CallToolResult> Run(
        [Description("The proposal id returned by a traefik_* tool.")] string proposal_id,
        [Description("worktree, branch or pull_request (default: the configured delivery, or branch when that is diff).")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        StoredProposal? stored;
        try
        {
            stored = runner.Store().Find(proposal_id);
        }
        catch (Exception e) when (e is IOException or JsonException or GitOpsException)
        {
            return ToolRunner.Error(e.Message);
        }

        if (stored is null)
        {
            return ToolRunner.Error($"No proposal with id '{proposal_id}' was found. Run the tool again to get a proposal, then deliver it by the id it returns.");
        }

        if (stored.Discarded)
        {
            return ToolRunner.Error($"Proposal '{proposal_id}' was discarded, so it is not delivered. Run the tool again to propose the change anew.");
        }

        DeliveryMode mode;
        try
        {
            mode = SettingsLoader.ParseDelivery(delivery ?? SettingsLoader.Name(runner.DefaultDelivery));
        }
        catch (UsageException e)
        {
            return ToolRunner.Error(e.Message);
        }

        if (mode == DeliveryMode.Diff)
        {
            return ToolRunner.Error("delivery=diff writes nothing; choose worktree, branch or pull_request to deliver the proposal.");
        }

        try
        {
            var repository = runner.Host.Repository;
            var decoder = repository.Options.IntentDecoder ?? throw new GitOpsException("This server cannot build recorded intents, so it cannot deliver a reviewed proposal.");
            var intent = decoder(IntentRecord.Create(stored.Tool, stored.Arguments));
            var view = ProposalPresenter.View(await repository.DeliverIfUnchangedAsync(intent, stored.Diff, mode, cancellationToken).ConfigureAwait(false));
            runner.Remember(view, intent);
            return ToolRunner.Success(view);
        }
        catch (ManifestException e)
        {
            return ToolRunner.Error(e.Message);
        }
        catch (GitOpsException e)
        {
            return ToolRunner.Error(e.Message);
        }
    }
}
