using System.Text;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps;

public sealed partial class GitOpsRepository
{
    /// <summary>The most commits a proposal branch may have over its base for it to be rebuilt.</summary>
    public const int MaxProposalCommits = 200;

    /// <summary>The most proposal branches a refresh (or a search for the pending change a plan needs) looks at.</summary>
    public const int MaxProposalBranches = 500;

    /// <summary>What a proposal branch is, seen from the current base.</summary>
    private enum BranchStatus
    {
        /// <summary>There is no such branch.</summary>
        Absent,

        /// <summary>Its changes are in the base branch (merged, squashed or rebased in).</summary>
        Merged,

        /// <summary>Pending, and its own commits sit on the current base (or on the current tip of the proposal it builds on).</summary>
        UpToDate,

        /// <summary>Pending, and its base moved: its intents were planned again on the current base (commits in the object database only).</summary>
        Rebuilt,

        /// <summary>Its own changes cancel out (or are all in the base already): nothing is left to merge.</summary>
        Empty,

        /// <summary>Pending, its base moved, and its intents no longer apply there as they did (see the message).</summary>
        Conflict,

        /// <summary>Pending, its base moved, and it cannot be rebuilt (a commit without a recorded intent, or not made by this library).</summary>
        Frozen,
    }

    private BranchSurvey Survey(GitSession session, DeliveryMode mode, Commit? baseCommit) => new(this, session, mode, baseCommit);

    private Commit CreateCommit(GitSession session, Proposal proposal, Signature? author, Signature? committer)
    {
        // The recorded intent is encoded, so redacting the message could not hide a credential inside it.
        if (proposal.Intent.Record is { } record && _redactor.Leaks(record.ToJson()))
        {
            throw new GitOpsException($"The arguments of '{_redactor.Redact(proposal.Title)}' contain a configured credential, so they are not recorded in a commit. Nothing was committed; remove the credential from the arguments.");
        }

        var baseTree = CommitTree(session, proposal.Basis.Commit);
        var tree = session.BuildTree(baseTree, proposal.FileBytes.Select(b => (b.Key, b.Value)));
        var when = _time.GetUtcNow();
        var committerIdentity = _options.Committer ?? _options.Author;
        author ??= new Signature(_options.Author.Name, _options.Author.Email, when);
        committer ??= new Signature(committerIdentity.Name, committerIdentity.Email, when);
        var message = _redactor.Redact(_templates.CommitMessage(proposal, BaseBranch));
        var parent = proposal.Basis.Commit is null ? null : session.LookupCommit(proposal.Basis.Commit);
        return session.CreateCommit(author, committer, message, tree, parent);
    }

    private static string ShortSha(Commit? commit) => commit is null ? "no commit" : commit.Sha[..7];

    /// <summary>A proposal branch as the current base sees it, and where it should be.</summary>
    private sealed record BranchView(string Branch, BranchStatus Status)
    {
        /// <summary>The branch tip read (local branch, or the remote's for pull request delivery).</summary>
        public Commit? Tip { get; init; }

        /// <summary>Where the branch should be: its tip, or its rebuild on the current base.</summary>
        public Commit? EffectiveTip { get; init; }

        /// <summary>The commit its own commits (should) sit on: the base branch, or the proposal it builds on.</summary>
        public Commit? Fork { get; init; }

        /// <summary>The pending proposal branch it builds on, or null.</summary>
        public string? DependsOn { get; init; }

        /// <summary>The namespace and object its commits are about.</summary>
        public string Target { get; init; } = string.Empty;

        /// <summary>Its own commits (not those of the proposal it builds on), oldest first.</summary>
        public IReadOnlyList<Commit> Own { get; init; } = [];

        /// <summary>The proposal of its last own commit after a rebuild (for the pull request text), or null.</summary>
        public Proposal? Last { get; init; }

        /// <summary>Why it is a conflict or frozen, for a person.</summary>
        public string? Message { get; init; }

        public bool IsPending => Status is BranchStatus.UpToDate or BranchStatus.Rebuilt or BranchStatus.Conflict or BranchStatus.Frozen;

        /// <summary>True when the branch must move to <see cref="EffectiveTip"/> (rebuilt in memory, not written yet).</summary>
        public bool MustMove => Status == BranchStatus.Rebuilt && EffectiveTip?.Sha != Tip?.Sha;
    }

    /// <summary>
    /// Looks at proposal branches for one operation: which are pending, merged or empty, and rebuilds those
    /// whose base moved by planning their recorded intents again, in order, on the current base (the base
    /// branch, or the current tip of the pending proposal they build on, rebuilt first). Rebuilt commits go to
    /// the object database only; moving a branch is a delivery's or a refresh's job. A rebuild keeps each
    /// commit's author, committer and dates, so rebuilding the same branch on the same base always gives the
    /// same commits: a preview and the delivery that follows it see the same state.
    /// </summary>
    private sealed class BranchSurvey(GitOpsRepository repo, GitSession session, DeliveryMode mode, Commit? baseCommit)
    {
        private readonly Dictionary<string, BranchView> _views = new(StringComparer.Ordinal);
        private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

        public DeliveryMode Mode => mode;

        public Commit? BaseCommit => baseCommit;

        public GitSession Session => session;

        public string Prefix => mode == DeliveryMode.PullRequest ? $"refs/remotes/{repo._options.RemoteName}/" : "refs/heads/";

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

        /// <summary>Every branch under the prefix whose tip was written by this library, in name order (at most <see cref="MaxProposalBranches"/>).</summary>
        public IReadOnlyList<string> ProposalBranches() =>
            [.. session.Branches(Prefix)
                .Where(b => b.Name != repo.BaseBranch && b.Name != "HEAD" && CommitTrailers.Parse(b.Tip.Message).ContainsKey(CommitTrailers.ProposalId))
                .Select(b => b.Name)
                .Order(StringComparer.Ordinal)
                .Take(MaxProposalBranches)];

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

        private BranchView Look(string branch)
        {
            var tip = session.ResolveCommit(Prefix + branch);
            if (tip is null || branch == repo.BaseBranch)
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
                return frozen with { Message = $"{branch}: its newest commit {ShortSha(tip)} ({tip.MessageShort}) was not made by this tool, so it is not rebuilt." };
            }

            var range = session.CommitsBetween(tip, baseCommit, MaxProposalCommits + 1);
            if (range.Count > MaxProposalCommits)
            {
                return frozen with { Target = target, Message = $"{branch} has more than {MaxProposalCommits} commits over {repo.BaseBranch}, more than a rebuild replays." };
            }

            var own = new List<Commit>();
            Commit? foreign = null;
            foreach (var commit in range)
            {
                if (CommitTrailers.Parse(commit.Message).TryGetValue(CommitTrailers.Target, out var commitTarget))
                {
                    if (commitTarget == target)
                    {
                        own.Add(commit);
                    }
                }
                else if (commit.Parents.Count() < 2)
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
            var sits = own[0].Parents.FirstOrDefault()?.Sha == fork?.Sha && own[^1].Sha == tip.Sha
                && own.Skip(1).Select((c, i) => c.Parents.FirstOrDefault()?.Sha == own[i].Sha).All(b => b);
            if (sits)
            {
                return tip.Tree.Sha == (fork?.Tree.Sha ?? session.EmptyTree().Sha) ? view with { Status = BranchStatus.Empty, EffectiveTip = fork } : view;
            }

            var where = stackedOn is null ? repo.BaseBranch : "the pending proposal " + stackedOn;
            var problem = foreign is not null
                ? $"commit {ShortSha(foreign)} ({foreign.MessageShort}) on it was not made by this tool, and a rebuild would drop it"
                : repo._options.IntentDecoder is null
                    ? "no intent decoder is configured, so its recorded intents cannot be planned again"
                    : own.FirstOrDefault(c => !CommitTrailers.Parse(c.Message).ContainsKey(CommitTrailers.Intent)) is { } unrecorded
                        ? $"commit {ShortSha(unrecorded)} ({unrecorded.MessageShort}) has no recorded intent (it was made by an older version or by an intent without a record)"
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

            return rebuilt?.Sha == fork?.Sha
                ? view with { Status = BranchStatus.Empty, EffectiveTip = fork, Last = last }
                : view with { Status = BranchStatus.Rebuilt, EffectiveTip = rebuilt, Last = last };
        }

        /// <summary>
        /// Plans the branch's own intents again, in order, on <paramref name="onto"/>, and writes a commit for each
        /// that still changes something. Returns the new tip, or why the branch cannot follow: a field its commits
        /// change was changed underneath it too, an intent no longer applies, or the result would not be valid.
        /// </summary>
        public (Commit? Tip, Proposal? Last, string? Conflict) RebuildOn(Commit? onto, BranchView view, string? stackedOn, bool pendingOnto)
        {
            var where = stackedOn is null ? repo.BaseBranch : "the pending proposal " + stackedOn;
            var fields = FieldConflicts(view, onto, where);
            if (fields is not null)
            {
                return (null, null, fields);
            }

            var current = onto;
            Proposal? last = null;
            foreach (var commit in view.Own)
            {
                Proposal proposal;
                try
                {
                    var record = IntentRecord.Decode(CommitTrailers.Parse(commit.Message)[CommitTrailers.Intent]);
                    var intent = repo._options.IntentDecoder!(record);
                    var basis = repo.RebuildBasis(session, mode, baseCommit, current, stackedOn, pendingOnto || current?.Sha != onto?.Sha);
                    proposal = repo.PlanOn(session, basis, intent, view.Branch);
                }
                catch (Exception e) when (e is ManifestException or GitOpsException)
                {
                    return (null, null, NoLongerApplies(view, commit, current, where, e.Message));
                }

                // Only errors of the change itself stop a rebuild. Files the base cannot read make every proposal
                // invalid until they are fixed, but they are not this branch's doing: a preview still shows the rebuilt
                // change (naming them), and every delivery and refresh that would write is refused on their account.
                if (proposal.Validation.Errors.Any())
                {
                    return (null, null, NoLongerApplies(view, commit, current, where, "the result would not be valid: " + string.Join("; ", proposal.Validation.Errors)));
                }

                if (proposal.IsNoOp)
                {
                    continue;
                }

                current = repo.CreateCommit(session, proposal, commit.Author, commit.Committer);
                last = proposal;
            }

            return (current, last, null);
        }

        /// <summary>
        /// The objects the branch's own commits change that were also changed underneath it (on the base, or in the
        /// proposal it builds on) in the same fields, with both versions; null when there are none.
        /// </summary>
        private string? FieldConflicts(BranchView view, Commit? onto, string where)
        {
            var oldFork = view.Own[0].Parents.FirstOrDefault();
            if (oldFork is null || onto is null || oldFork.Sha == onto.Sha)
            {
                return null;
            }

            var ownTip = view.Own[^1];
            var fork = repo.IndexFor(session, oldFork.Tree);
            var ours = repo.IndexFor(session, ownTip.Tree);
            var theirs = repo.IndexFor(session, onto.Tree);
            var conflicts = new List<(ObjectKey Key, KubernetesObject? Theirs, KubernetesObject? Ours)>();
            foreach (var key in repo.ChangedKeys(session, oldFork, ownTip, fork, ours))
            {
                var before = Json(fork.Objects, key);
                var mine = Json(ours.Objects, key);
                var now = Json(theirs.Objects, key);
                // Unchanged underneath, or already exactly what the proposal makes: nothing to resolve.
                if (JsonNode.DeepEquals(before, now) || JsonNode.DeepEquals(mine, now))
                {
                    continue;
                }

                var changedHere = ChangedFields.Between(before, mine);
                if (changedHere.Count > 0 && ChangedFields.Overlap(changedHere, ChangedFields.Between(before, now)))
                {
                    conflicts.Add((key, Find(theirs.Objects, key), Find(ours.Objects, key)));
                }
            }

            if (conflicts.Count == 0)
            {
                return null;
            }

            var text = new StringBuilder();
            text.Append(CultureInvariant($"{view.Branch} ({ownTip.MessageShort}) cannot follow {where}: "))
                .Append(string.Join(", ", conflicts.Select(c => c.Key.ToString())))
                .Append(CultureInvariant($" {(conflicts.Count == 1 ? "was" : "were")} changed on {where} too, in fields this proposal changes. "))
                .Append(Advice(where));
            Versions(text, conflicts, where);
            return text.ToString();
        }

        private string NoLongerApplies(BranchView view, Commit commit, Commit? current, string where, string reason)
        {
            var text = new StringBuilder();
            text.Append(CultureInvariant($"{view.Branch}: the change '{commit.MessageShort}' no longer applies on {where}: {reason} ")).Append(Advice(where));
            var parent = commit.Parents.FirstOrDefault();
            if (parent is not null)
            {
                var before = repo.IndexFor(session, parent.Tree);
                var after = repo.IndexFor(session, commit.Tree);
                var now = repo.IndexFor(session, current?.Tree);
                Versions(text, [.. repo.ChangedKeys(session, parent, commit, before, after).Select(k => (k, Find(now.Objects, k), Find(after.Objects, k)))], where);
            }

            return text.ToString();
        }

        private string Advice(string where) =>
            $"The proposal branch was left as it was: discard it (traefik_discard_proposal) and make the change again on the current {where}, or update it by hand.";

        private static void Versions(StringBuilder text, IReadOnlyList<(ObjectKey Key, KubernetesObject? Theirs, KubernetesObject? Ours)> objects, string where)
        {
            foreach (var (key, theirs, ours) in objects)
            {
                text.Append(CultureInvariant($"\n\n{key} on {where}:\n")).Append(theirs is null ? "(does not exist)\n" : ManifestYaml.Render(theirs));
                text.Append(CultureInvariant($"\n{key} in the proposal:\n")).Append(ours is null ? "(does not exist)\n" : ManifestYaml.Render(ours));
            }
        }

        private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

        private static KubernetesObject? Find(ManifestSet objects, ObjectKey key) => objects.TryGet(key, out var value) ? value : null;

        private static JsonNode? Json(ManifestSet objects, ObjectKey key) => Find(objects, key) is { } value ? ManifestYaml.ToJson(value) : null;
    }

    /// <summary>The objects defined in the indexed files that differ between two commits.</summary>
    private IEnumerable<ObjectKey> ChangedKeys(GitSession session, Commit from, Commit to, StateIndex before, StateIndex after)
    {
        var keys = new SortedSet<ObjectKey>();
        foreach (var (path, _, _) in session.ChangedFiles(from.Tree, to.Tree, string.Empty))
        {
            if (!StateIndex.IsYaml(path) || !IndexedFolders.Any(f => f.Length == 0 || path.StartsWith(f + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var index in new[] { before, after })
            {
                if (index.Files.TryGetValue(path, out var file))
                {
                    keys.UnionWith(file.Keys);
                }
            }
        }

        return keys.Where(k => !(before.Objects.TryGet(k, out var b) && after.Objects.TryGet(k, out var a) && JsonNode.DeepEquals(ManifestYaml.ToJson(b), ManifestYaml.ToJson(a))));
    }

    /// <summary>The starting state of one step of a rebuild: the commit built so far.</summary>
    private Basis RebuildBasis(GitSession session, DeliveryMode mode, Commit? baseCommit, Commit? current, string? stackedOn, bool onPendingBranch) => new(
        new ProposalBasis
        {
            Mode = mode,
            BaseBranch = BaseBranch,
            BaseCommit = baseCommit?.Sha,
            Commit = current?.Sha,
            IsPendingBranch = onPendingBranch,
            DependsOn = stackedOn,
            Identity = current?.Sha ?? EmptyTreeKey,
        },
        StateAt(session, current),
        new Dictionary<string, FileText?>(StringComparer.Ordinal),
        null,
        null);
}
