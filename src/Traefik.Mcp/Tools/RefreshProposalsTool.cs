using System.ComponentModel;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps;
using Traefik.GitOps.Refresh;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_refresh_proposals: brings every pending proposal up to date with the current base.</summary>
[McpServerToolType]
public sealed class RefreshProposalsTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_refresh_proposals";

    /// <summary>Refreshes every pending proposal.</summary>
    [McpServerTool(Name = Name, Title = "Refresh Proposals", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(RefreshView))]
    [Description("Bring every pending proposal up to date with the base branch: a proposal branch whose base moved is rebuilt by planning its recorded changes again, in order, on the current base (never a textual rebase), pushed with a lease and its pull request updated; one merged into the base, or whose changes cancel out, is deleted and its pull request closed. A proposal whose changes no longer apply as they did (the same fields changed on the base) is left as it was, and the answer shows both versions. Run it after merging pull requests, for example from CI on every push to the base branch.")]
    public async Task<CallToolResult> Run(
        [Description("branch (local proposal branches) or pull_request (the remote's, with their pull requests); default: pull_request when that is the configured delivery, else branch.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        DeliveryMode? mode = null;
        try
        {
            if (delivery is not null)
            {
                mode = SettingsLoader.ParseDelivery(delivery);
                if (mode is not (DeliveryMode.Branch or DeliveryMode.PullRequest))
                {
                    return ToolRunner.Error($"delivery must be branch or pull_request for a refresh (proposal branches), not '{delivery}'.");
                }
            }

            mode ??= runner.Host.Settings.Delivery == DeliveryMode.PullRequest ? DeliveryMode.PullRequest : DeliveryMode.Branch;
            var result = await runner.Host.Repository.RefreshAsync(mode, cancellationToken).ConfigureAwait(false);
            var view = new RefreshView
            {
                Mode = SettingsLoader.Name(result.Mode),
                BaseBranch = result.BaseBranch,
                BaseCommit = result.BaseCommit,
                HasProblems = result.HasProblems,
                Proposals = [.. result.Proposals.Select(View)],
                Message = result.Message,
            };
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = Text(view.Message, view.Proposals) }],
                StructuredContent = JsonSerializer.SerializeToElement(view, McpJsonContext.Default.RefreshView),
            };
        }
        catch (Exception e) when (e is UsageException or GitOpsException or ManifestException)
        {
            return ToolRunner.Error(e.Message);
        }
    }

    /// <summary>The structured view of one proposal's refresh.</summary>
    internal static ProposalRefreshView View(ProposalRefresh refresh) => new()
    {
        Branch = refresh.Branch,
        Target = refresh.Target,
        Outcome = refresh.Outcome switch
        {
            RefreshOutcome.UpToDate => "up_to_date",
            RefreshOutcome.Rebuilt => "rebuilt",
            RefreshOutcome.ClosedMerged => "closed_merged",
            RefreshOutcome.ClosedEmpty => "closed_empty",
            RefreshOutcome.Conflict => "conflict",
            _ => "not_rebuilt",
        },
        DependsOn = refresh.DependsOn,
        OldCommit = refresh.OldCommit,
        NewCommit = refresh.NewCommit,
        PullRequestNumber = refresh.PullRequest?.Number,
        PullRequestUrl = refresh.PullRequest?.Url,
        Diff = refresh.Diff,
        Message = refresh.Message,
    };

    /// <summary>The readable answer: the summary, then each proposal with what happened (and a rebuilt branch's diff).</summary>
    internal static string Text(string message, IReadOnlyList<ProposalRefreshView> proposals)
    {
        var text = new StringBuilder(message).Append('\n');
        foreach (var p in proposals)
        {
            text.Append('\n').Append("- ").Append(p.Branch).Append(": ").Append(p.Outcome.Replace('_', ' '));
            if (p.PullRequestNumber is { } number)
            {
                text.Append(" (pull request #").Append(number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
            }

            text.Append('\n').Append(p.Message.TrimEnd()).Append('\n');
            if (p.Diff.Length > 0)
            {
                text.Append("```diff\n").Append(p.Diff).Append(p.Diff.EndsWith('\n') ? string.Empty : "\n").Append("```\n");
            }
        }

        return text.ToString();
    }
}
