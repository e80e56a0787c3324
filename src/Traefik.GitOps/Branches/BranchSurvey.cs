using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;

namespace Traefik.GitOps.Branches;

/// <summary>
/// Looks at proposal branches for one operation: which are pending, merged or empty, and rebuilds those
/// whose base moved by planning their recorded intents again, in order, on the current base (the base
/// branch, or the current tip of the pending proposal they build on, rebuilt first; see
/// <see cref="BranchRebuilder"/>). Rebuilt commits go to the object database only; moving a branch is a
/// delivery's or a refresh's job. What it found about each branch is kept for the rest of the operation.
/// </summary>
internal sealed class BranchSurvey(GitOpsContext context, BranchRebuilder rebuilder, GitSession session, DeliveryMode mode, GitCommit? baseCommit)
{
    private readonly Dictionary<string, BranchView> _views = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

    /// <summary>Whose branches: <see cref="DeliveryMode.PullRequest"/> (the remote's) or the local ones.</summary>
    public DeliveryMode Mode => mode;

    /// <summary>The base commit the branches are seen from.</summary>
    public GitCommit? BaseCommit => baseCommit;

    public GitSession Session => session;

    /// <summary>Where the branches are: <c>refs/remotes/&lt;remote&gt;/</c> for pull requests, else <c>refs/heads/</c>.</summary>
    public string Prefix => mode == DeliveryMode.PullRequest ? $"refs/remotes/{context.RemoteName}/" : "refs/heads/";

    /// <summary>The branch as the base sees it (looked at, and rebuilt when its base moved, the first time it is asked for).</summary>
    public BranchView Of(string branch)
    {
        if (_views.TryGetValue(branch, out var known))
        {
            return known;
        }

        _visiting.Add(branch);
        try
        {
            var view = Look(branch);
            _views[branch] = view;
            return view;
        }
        finally
        {
            _visiting.Remove(branch);
        }
    }

    /// <summary>Every branch under the prefix whose tip was written by this library, in name order (at most <see cref="GitOpsRepository.MaxProposalBranches"/>).</summary>
    public IReadOnlyList<string> ProposalBranches() =>
        [.. session.Branches(Prefix)
            .Where(b => b.Name != context.BaseBranch && b.Name != "HEAD" && CommitTrailers.Parse(b.Tip.Message).ContainsKey(CommitTrailers.ProposalId))
            .Select(b => b.Name)
            .Order(StringComparer.Ordinal)
            .Take(GitOpsRepository.MaxProposalBranches)];

    /// <summary>The pending proposals <paramref name="branch"/> builds on, nearest last (the one it sits on directly is last).</summary>
    public IReadOnlyList<BranchView> Chain(string branch)
    {
        var chain = new List<BranchView>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { branch };
        for (var view = Of(branch); view.DependsOn is { } next && seen.Add(next);)
        {
            view = Of(next);
            chain.Insert(0, view);
        }

        return chain;
    }

    /// <summary>True when <paramref name="branch"/> builds on <paramref name="other"/>, directly or through others.</summary>
    public bool BuildsOn(string branch, string other) => Chain(branch).Any(v => v.Branch == other);

    /// <inheritdoc cref="BranchRebuilder.Rebuild"/>
    public (GitCommit? Tip, Proposal? Last, string? Conflict) RebuildOn(GitCommit? onto, BranchView view, string? stackedOn, bool pendingOnto) =>
        rebuilder.Rebuild(session, mode, baseCommit, onto, view, stackedOn, pendingOnto);

    private BranchView Look(string branch)
    {
        var tip = session.ResolveCommit(Prefix + branch);
        if (tip is null || branch == context.BaseBranch)
        {
            return new BranchView(branch, BranchStatus.Absent) { Tip = tip, EffectiveTip = tip };
        }

        if (baseCommit is not null && (session.AheadBy(tip, baseCommit) == 0 || session.ChangesContainedIn(tip, baseCommit)))
        {
            return new BranchView(branch, BranchStatus.Merged) { Tip = tip, EffectiveTip = tip };
        }

        var frozen = new BranchView(branch, BranchStatus.Frozen) { Tip = tip, EffectiveTip = tip, Fork = baseCommit };
        if (!CommitTrailers.Parse(tip.Message).TryGetValue(CommitTrailers.Target, out var target))
        {
            return frozen with { Message = $"{branch}: its newest commit {tip.ShortId} ({tip.Subject}) was not made by this tool, so it is not rebuilt." };
        }

        var range = session.CommitsBetween(tip, baseCommit, GitOpsRepository.MaxProposalCommits + 1);
        if (range.Count > GitOpsRepository.MaxProposalCommits)
        {
            return frozen with { Target = target, Message = $"{branch} has more than {GitOpsRepository.MaxProposalCommits} commits over {context.BaseBranch}, more than a rebuild replays." };
        }

        var own = new List<GitCommit>();
        GitCommit? foreign = null;
        foreach (var commit in range)
        {
            if (CommitTrailers.Parse(commit.Message).TryGetValue(CommitTrailers.Target, out var commitTarget))
            {
                if (commitTarget == target)
                {
                    own.Add(commit);
                }
            }
            else if (commit.Parents.Count < 2)
            {
                foreign ??= commit;
            }
        }

        string? stackedOn = null;
        var fork = baseCommit;
        var dependsOn = CommitTrailers.Parse(own[^1].Message).GetValueOrDefault(CommitTrailers.DependsOn);
        if (dependsOn is not null && !_visiting.Contains(dependsOn) && GitSession.IsValidBranchName(dependsOn))
        {
            var dependency = Of(dependsOn);
            if (dependency.IsPending)
            {
                fork = dependency.Status == BranchStatus.Conflict ? dependency.Tip : dependency.EffectiveTip;
                stackedOn = dependsOn;
            }
        }

        var view = new BranchView(branch, BranchStatus.UpToDate) { Tip = tip, EffectiveTip = tip, Fork = fork, DependsOn = stackedOn, Target = target, Own = own };
        var sits = own[0].FirstParent == fork?.Id && own[^1].Id == tip.Id
            && own.Skip(1).Select((c, i) => c.FirstParent == own[i].Id).All(b => b);
        if (sits)
        {
            return tip.TreeId == (fork?.TreeId ?? session.EmptyTree()) ? view with { Status = BranchStatus.Empty, EffectiveTip = fork } : view;
        }

        var where = stackedOn is null ? context.BaseBranch : "the pending proposal " + stackedOn;
        var problem = foreign is not null
            ? $"commit {foreign.ShortId} ({foreign.Subject}) on it was not made by this tool, and a rebuild would drop it"
            : context.Options.IntentDecoder is null
                ? "no intent decoder is configured, so its recorded intents cannot be planned again"
                : own.FirstOrDefault(c => !CommitTrailers.Parse(c.Message).ContainsKey(CommitTrailers.Intent)) is { } unrecorded
                    ? $"commit {unrecorded.ShortId} ({unrecorded.Subject}) has no recorded intent (it was made by an older version or by an intent without a record)"
                    : null;
        if (problem is not null)
        {
            return view with
            {
                Status = BranchStatus.Frozen,
                Message = $"{branch} is not based on the current {where} and cannot be rebuilt: {problem}. It was left as it is; merge {where} into it by hand, or discard it and make the change again.",
            };
        }

        var (rebuilt, last, conflict) = RebuildOn(fork, view, stackedOn, pendingOnto: stackedOn is not null);
        if (conflict is not null)
        {
            return view with { Status = BranchStatus.Conflict, Message = conflict };
        }

        return rebuilt?.Id == fork?.Id
            ? view with { Status = BranchStatus.Empty, EffectiveTip = fork, Last = last }
            : view with { Status = BranchStatus.Rebuilt, EffectiveTip = rebuilt, Last = last };
    }
}
