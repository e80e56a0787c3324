using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.State;

namespace Traefik.GitOps.Delivery;

/// <summary>
/// What a delivery answers when it writes no commit: a preview, nothing to do, not what was reviewed, or the branch
/// closed because the change cancels out; and the two refusals every delivery but a preview checks first.
/// </summary>
internal static class DeliveryVerdicts
{
    public static DeliveryResult Previewed(Proposal proposal) => new()
    {
        Proposal = proposal,
        Mode = DeliveryMode.Diff,
        Outcome = proposal.IsNoOp ? DeliveryOutcome.NoChanges : DeliveryOutcome.Previewed,
        Message = proposal.IsNoOp ? "No changes: the intent is already satisfied." : $"Preview only: {proposal.FileChanges.Count} file(s) would change.",
    };

    public static DeliveryResult NoChanges(Proposal proposal, DeliveryMode mode, string branch, int attempts) => new()
    {
        Proposal = proposal,
        Mode = mode,
        Outcome = DeliveryOutcome.NoChanges,
        Branch = mode is DeliveryMode.Branch or DeliveryMode.PullRequest ? branch : null,
        PushAttempts = attempts,
        Message = "No changes: the intent is already satisfied. Nothing was written, committed or pushed.",
    };

    public static DeliveryResult NotDelivered(GitOpsContext context, Proposal proposal, DeliveryMode mode, string branch) => new()
    {
        Proposal = proposal,
        Mode = mode,
        Outcome = DeliveryOutcome.NotDelivered,
        Branch = mode is DeliveryMode.Branch or DeliveryMode.PullRequest ? branch : null,
        Message = $"Not delivered: the repository changed since this proposal was reviewed ({(mode == DeliveryMode.PullRequest ? context.RemoteName + "/" : string.Empty)}{(proposal.Basis.IsPendingBranch ? branch : context.BaseBranch)} is now at {GitCommit.Abbreviate(proposal.Basis.Commit)}), so its diff would differ. Nothing was written, committed or pushed; review the new proposal and deliver it by its id.",
    };

    public static DeliveryResult Closed(Proposal proposal, DeliveryMode mode, string branch, PullRequestResult? pullRequest, string message) => new()
    {
        Proposal = proposal,
        Mode = mode,
        Outcome = DeliveryOutcome.BranchClosed,
        Branch = branch,
        PullRequest = pullRequest,
        Message = message,
    };

    /// <summary>
    /// Refuses every delivery but a preview while a file under the indexed folders cannot be read: the plan cannot
    /// see what it defines, so even "no changes" could be wrong.
    /// </summary>
    public static void ThrowIfUnreadable(StateIndex state)
    {
        if (state.Unreadable.Count == 0)
        {
            return;
        }

        throw new GitOpsException(
            $"Nothing was delivered: {(state.Unreadable.Count == 1 ? "1 file" : $"{state.Unreadable.Count} files")} under the manifest root cannot be read, and a change planned without them could break what they define:\n"
            + string.Join("\n", state.Unreadable.Values.Select(u => "- " + u))
            + "\nFix them, or exclude files that are not Kubernetes manifests (GitOpsOptions.Exclude, traefik-mcp --exclude). Previews (diff delivery) still work.");
    }

    /// <summary>Refuses a proposal with validation errors.</summary>
    public static void ThrowIfInvalid(Proposal proposal)
    {
        if (proposal.Validation.HasErrors)
        {
            throw new GitOpsException(
                $"The change '{proposal.Title}' would break routing, so it was not delivered:\n"
                + string.Join("\n", proposal.Validation.Errors.Select(e => "- " + e)));
        }
    }
}
