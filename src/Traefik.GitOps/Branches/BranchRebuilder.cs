using System.Text;
using System.Text.Json.Nodes;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Branches;

/// <summary>
/// Rebuilds a proposal branch on a new base: plans its recorded intents again, in order, and writes a commit for each
/// that still changes something (to the object database only). A rebuild keeps each commit's author, committer and
/// dates, so rebuilding the same branch on the same base always gives the same commits: a preview and the delivery
/// that follows it see the same state. When the branch cannot follow, it says why with both versions of what
/// conflicts.
/// </summary>
internal sealed class BranchRebuilder(GitOpsContext context, StateReader states, ProposalPlanner planner, BranchCommitter committer)
{
    /// <summary>
    /// Plans the branch's own intents again, in order, on <paramref name="onto"/>, and writes a commit for each
    /// that still changes something. Returns the new tip, or why the branch cannot follow: a field its commits
    /// change was changed underneath it too, an intent no longer applies, or the result would not be valid.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="mode">The delivery whose branches these are.</param>
    /// <param name="baseCommit">The base commit the branches are seen from.</param>
    /// <param name="onto">Where to rebuild: the base, or the pending proposal the branch builds on.</param>
    /// <param name="view">The branch.</param>
    /// <param name="stackedOn">The pending proposal it builds on, or null.</param>
    /// <param name="pendingOnto">True when <paramref name="onto"/> is a pending proposal (its plans then start from a pending branch).</param>
    public (GitCommit? Tip, Proposal? Last, string? Conflict) Rebuild(GitSession session, DeliveryMode mode, GitCommit? baseCommit, GitCommit? onto, BranchView view, string? stackedOn, bool pendingOnto)
    {
        var where = stackedOn is null ? context.BaseBranch : "the pending proposal " + stackedOn;
        var fields = FieldConflicts(session, view, onto, where);
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
                var intent = context.Options.IntentDecoder!(record);
                var basis = StepBasis(session, mode, baseCommit, current, stackedOn, pendingOnto || current?.Id != onto?.Id);
                proposal = planner.Plan(session, basis, intent, view.Branch);
            }
            catch (Exception e) when (e is ManifestException or GitOpsException)
            {
                return (null, null, NoLongerApplies(session, view, commit, current, where, e.Message));
            }

            // Only errors of the change itself stop a rebuild. Files the base cannot read make every proposal
            // invalid until they are fixed, but they are not this branch's doing: a preview still shows the rebuilt
            // change (naming them), and every delivery and refresh that would write is refused on their account.
            if (proposal.Validation.Errors.Any())
            {
                return (null, null, NoLongerApplies(session, view, commit, current, where, "the result would not be valid: " + string.Join("; ", proposal.Validation.Errors)));
            }

            if (proposal.IsNoOp)
            {
                continue;
            }

            current = committer.CreateCommit(session, proposal, commit.Author, commit.Committer);
            last = proposal;
        }

        return (current, last, null);
    }

    /// <summary>The starting state of one step of a rebuild: the commit built so far.</summary>
    private PlanBasis StepBasis(GitSession session, DeliveryMode mode, GitCommit? baseCommit, GitCommit? current, string? stackedOn, bool onPendingBranch) => new(
        new ProposalBasis
        {
            Mode = mode,
            BaseBranch = context.BaseBranch,
            BaseCommit = baseCommit?.Id,
            Commit = current?.Id,
            IsPendingBranch = onPendingBranch,
            DependsOn = stackedOn,
            Identity = PlanBasis.IdentityOf(current?.Id),
        },
        states.At(session, current));

    /// <summary>
    /// The objects the branch's own commits change that were also changed underneath it (on the base, or in the
    /// proposal it builds on) in the same fields, with both versions; null when there are none.
    /// </summary>
    private string? FieldConflicts(GitSession session, BranchView view, GitCommit? onto, string where)
    {
        var oldForkId = view.Own[0].FirstParent;
        if (oldForkId is null || onto is null || oldForkId == onto.Id)
        {
            return null;
        }

        var oldFork = session.LookupCommit(oldForkId) ?? throw new GitOpsException($"Commit {oldForkId} is missing from the repository.");
        var ownTip = view.Own[^1];
        var fork = states.IndexOf(session, oldFork.TreeId);
        var ours = states.IndexOf(session, ownTip.TreeId);
        var theirs = states.IndexOf(session, onto.TreeId);
        var conflicts = new List<(ObjectKey Key, KubernetesObject? Theirs, KubernetesObject? Ours)>();
        foreach (var key in ChangedKeys(session, oldFork, ownTip, fork, ours))
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
        text.Append(CultureInvariant($"{view.Branch} ({ownTip.Subject}) cannot follow {where}: "))
            .Append(string.Join(", ", conflicts.Select(c => c.Key.ToString())))
            .Append(CultureInvariant($" {(conflicts.Count == 1 ? "was" : "were")} changed on {where} too, in fields this proposal changes. "))
            .Append(Advice(where));
        Versions(text, conflicts, where);
        return text.ToString();
    }

    private string NoLongerApplies(GitSession session, BranchView view, GitCommit commit, GitCommit? current, string where, string reason)
    {
        var text = new StringBuilder();
        text.Append(CultureInvariant($"{view.Branch}: the change '{commit.Subject}' no longer applies on {where}: {reason} ")).Append(Advice(where));
        var parent = commit.FirstParent is { } parentId ? session.LookupCommit(parentId) : null;
        if (parent is not null)
        {
            var before = states.IndexOf(session, parent.TreeId);
            var after = states.IndexOf(session, commit.TreeId);
            var now = states.IndexOf(session, current?.TreeId);
            Versions(text, [.. ChangedKeys(session, parent, commit, before, after).Select(k => (k, Find(now.Objects, k), Find(after.Objects, k)))], where);
        }

        return text.ToString();
    }

    /// <summary>The objects defined in the indexed files that differ between two commits.</summary>
    private IEnumerable<ObjectKey> ChangedKeys(GitSession session, GitCommit from, GitCommit to, StateIndex before, StateIndex after)
    {
        var keys = new SortedSet<ObjectKey>();
        foreach (var (path, _, _) in session.ChangedFiles(from.TreeId, to.TreeId, string.Empty))
        {
            if (!StateIndex.IsYaml(path) || !context.IndexedFolders.Any(f => f.Length == 0 || path.StartsWith(f + "/", StringComparison.Ordinal)))
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

    private static string Advice(string where) =>
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
