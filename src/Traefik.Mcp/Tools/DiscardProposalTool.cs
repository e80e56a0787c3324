using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_discard_proposal: drops a proposal: its branch (locally and on the remote) and its pull request.</summary>
[McpServerToolType]
public sealed class DiscardProposalTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_discard_proposal";

    /// <summary>Discards a proposal by id or by route.</summary>
    [McpServerTool(Name = Name, Title = "Discard Proposal", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(DiscardView))]
    [Description("Discard a proposal, by its id or by the route (or object) and namespace it is about: its proposal branch is deleted locally and on the remote, and its pull request closed with a comment; a reviewed proposal that was never delivered can no longer be delivered. Proposals that built on it are rebuilt on the base, or left as they were with the reason when they need what was discarded.")]
    public async Task<CallToolResult> Run(
        [Description("The proposal id returned by a traefik_* tool (any commit of the proposal branch), instead of route_name.")] string? proposal_id = null,
        [Description("The route or object the proposal is about, instead of proposal_id.")] string? route_name = null,
        [Description("Kubernetes namespace of route_name.")] string @namespace = "default",
        CancellationToken cancellationToken = default)
    {
        if ((proposal_id is null) == (route_name is null))
        {
            return ToolRunner.Error("Give proposal_id (the id a traefik_* tool returned) or route_name (with namespace), not both and not neither.");
        }

        try
        {
            var repository = runner.Host.Repository;
            string? discarded = null;
            string? branch;
            if (proposal_id is not null)
            {
                branch = repository.FindProposalBranch(proposal_id);
                if (runner.Store().Find(proposal_id) is { Discarded: false } stored)
                {
                    runner.Store().Save(stored with { Discarded = true });
                    discarded = proposal_id;
                }

                if (branch is null)
                {
                    return discarded is null
                        ? ToolRunner.Error($"No proposal with id '{proposal_id}' was found, on a proposal branch or among the reviewed proposals. Give the id a traefik_* tool returned, or route_name and namespace.")
                        : Answer(new DiscardView
                        {
                            DiscardedProposalId = discarded,
                            Dependents = [],
                            Message = $"Discarded proposal {discarded}: it was never delivered to a branch, and traefik_deliver_proposal will refuse it from now on.",
                        });
                }
            }
            else
            {
                branch = repository.BranchNameFor(@namespace, route_name!);
            }

            var result = await repository.DiscardAsync(branch, cancellationToken).ConfigureAwait(false);
            return Answer(new DiscardView
            {
                Branch = result.Branch,
                DeletedLocalCommit = result.DeletedLocalCommit,
                DeletedRemoteCommit = result.DeletedRemoteCommit,
                PullRequestNumber = result.PullRequest?.Number,
                PullRequestUrl = result.PullRequest?.Url,
                DiscardedProposalId = discarded,
                Dependents = [.. result.Dependents.Select(RefreshProposalsTool.View)],
                Message = result.Message,
            });
        }
        catch (Exception e) when (e is GitOpsException or ManifestException or IOException or JsonException)
        {
            return ToolRunner.Error(e.Message);
        }
    }

    private static CallToolResult Answer(DiscardView view) => new()
    {
        Content = [new TextContentBlock { Text = RefreshProposalsTool.Text(view.Message, view.Dependents) }],
        StructuredContent = JsonSerializer.SerializeToElement(view, McpJsonContext.Default.DiscardView),
    };
}
