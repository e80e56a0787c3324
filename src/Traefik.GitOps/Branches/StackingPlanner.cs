using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Branches;

/// <summary>
/// Plans an intent on a resolved basis; when it does not apply there, or gives an invalid result, because it needs an
/// object that only another pending proposal creates (a middleware, a transport, a route), plans it again on top of
/// that proposal: the proposal branch then builds on the other one (and carries its change).
/// </summary>
internal sealed class StackingPlanner(GitOpsContext context, StateReader states, ProposalPlanner planner)
{
    /// <summary>
    /// The proposal a delivery writes: <paramref name="proposal"/> when it was planned on this very basis and branch,
    /// else the intent planned again (the state moved since it was planned).
    /// </summary>
    public (Proposal Proposal, ResolvedBasis Basis) Current(GitSession session, ResolvedBasis basis, Proposal? proposal, ITrafficIntent intent, string branch)
    {
        if (proposal is not null && proposal.Basis.Identity == basis.Public.Identity && proposal.Branch == branch)
        {
            return (proposal, basis);
        }

        if (proposal is not null)
        {
            context.Log($"the state moved since {proposal.Id} was planned ({proposal.Basis.Commit ?? "empty"} -> {basis.Public.Commit ?? "empty"}); planning again");
        }

        return Plan(session, basis, intent, branch);
    }

    /// <summary>
    /// Plans the intent on its basis, or, when it needs what only another pending proposal adds, on top of that one:
    /// the first pending proposal, in name order, on which the intent applies and validates is used; without one the
    /// original answer (the proposal, or the failure) stands.
    /// </summary>
    public (Proposal Proposal, ResolvedBasis Basis) Plan(GitSession session, ResolvedBasis basis, ITrafficIntent intent, string branch)
    {
        ManifestException? failure = null;
        Proposal? first = null;
        try
        {
            first = planner.Plan(session, basis.Plan, intent, branch);
            if (!first.Validation.HasErrors)
            {
                return (first, basis);
            }
        }
        catch (ManifestException e)
        {
            failure = e;
        }

        if (basis.Survey is { } survey && PlanOnAnotherProposal(survey, basis, intent, branch) is { } stacked)
        {
            return stacked;
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return (first!, basis);
    }

    private (Proposal Proposal, ResolvedBasis Basis)? PlanOnAnotherProposal(BranchSurvey survey, ResolvedBasis basis, ITrafficIntent intent, string branch)
    {
        var own = survey.Of(branch);
        if (own.Status is BranchStatus.Frozen or BranchStatus.Conflict)
        {
            return null;
        }

        var ownPending = own.Status is BranchStatus.UpToDate or BranchStatus.Rebuilt;
        foreach (var candidate in survey.ProposalBranches())
        {
            if (candidate == branch || candidate == basis.Public.DependsOn || survey.BuildsOn(candidate, branch))
            {
                continue;
            }

            var view = survey.Of(candidate);
            if (view.Status is not (BranchStatus.UpToDate or BranchStatus.Rebuilt) || view.EffectiveTip is not { } candidateTip)
            {
                continue;
            }

            var from = candidateTip;
            if (ownPending)
            {
                var (rebuilt, _, conflict) = survey.RebuildOn(candidateTip, own, candidate, pendingOnto: true);
                if (conflict is not null || rebuilt is null)
                {
                    continue;
                }

                from = rebuilt;
            }

            var stacked = new ResolvedBasis(new PlanBasis(
                new ProposalBasis
                {
                    Mode = survey.Mode,
                    BaseBranch = context.BaseBranch,
                    BaseCommit = survey.BaseCommit?.Id,
                    Commit = from.Id,
                    IsPendingBranch = ownPending,
                    DependsOn = candidate,
                    Identity = PlanBasis.IdentityOf(from.Id),
                },
                states.At(survey.Session, from)))
            {
                LocalBranchTip = survey.Mode == DeliveryMode.PullRequest ? null : own.Tip?.Id,
                ReplacedBranchTip = own.Tip?.Id,
                Fork = candidateTip.Id,
                BranchTip = own.Tip?.Id,
                Publish = [.. survey.Chain(candidate).Append(view).Where(v => v.MustMove)],
                Survey = survey,
            };
            try
            {
                var proposal = planner.Plan(survey.Session, stacked.Plan, intent, branch);
                if (!proposal.Validation.HasErrors)
                {
                    context.Log($"{branch} needs what the pending proposal {candidate} adds: it builds on that branch");
                    return (proposal, stacked);
                }
            }
            catch (ManifestException)
            {
                // Not this one: the next pending proposal may be.
            }
        }

        return null;
    }
}
