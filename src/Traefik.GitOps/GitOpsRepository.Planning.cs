using System.Collections.Immutable;
using System.Text;
using LibGit2Sharp;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Layout;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Values;

namespace Traefik.GitOps;

public sealed partial class GitOpsRepository
{
    /// <summary>
    /// Plans an intent against the state the given delivery builds on (see <see cref="DeliveryMode"/>):
    /// applies it, works out the file changes, renders git's own diff and validates the result. Nothing is
    /// written to the working tree or any branch (the blobs and trees of the diff go into the object database).
    /// </summary>
    /// <param name="intent">The change to plan.</param>
    /// <param name="basis">The delivery whose starting state to plan against; null or <see cref="DeliveryMode.Diff"/> means <see cref="GitOpsOptions.DefaultDelivery"/>. <see cref="DeliveryMode.PullRequest"/> fetches first.</param>
    /// <exception cref="Traefik.Manifests.Validation.ManifestException">The intent does not apply to the state.</exception>
    /// <exception cref="GitOpsException">An object is defined twice, a file would lose comments, or git failed.</exception>
    public Proposal Plan(ITrafficIntent intent, DeliveryMode? basis = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var mode = Effective(basis);
        var branch = BranchFor(intent);
        using var session = OpenSession();
        var resolved = ResolveBasis(session, mode, branch);
        return PlanOn(session, resolved, intent, branch);
    }

    /// <summary>
    /// Reads the desired state the way a plan would see it. With <paramref name="namespace"/> and
    /// <paramref name="target"/>, the state is read from that object's proposal branch when it is pending
    /// (as a plan for that object would); otherwise from the base (or the working tree).
    /// </summary>
    /// <param name="basis">The delivery whose starting state to read; null or <see cref="DeliveryMode.Diff"/> means <see cref="GitOpsOptions.DefaultDelivery"/>.</param>
    /// <param name="namespace">The namespace of the route or object, or null.</param>
    /// <param name="target">The route or object name, or null.</param>
    public DesiredState ReadState(DeliveryMode? basis = null, string? @namespace = null, string? target = null)
    {
        var mode = Effective(basis);
        // No proposal branch exists for a namespace or target that is not a Kubernetes name: read the base.
        var branch = KubernetesName.TryParse(@namespace, KubernetesNameRule.Label, out _) && KubernetesName.TryParse(target, KubernetesNameRule.Subdomain, out _)
            ? BranchNameFor(@namespace!, target!)
            : null;
        using var session = OpenSession();
        var resolved = ResolveBasis(session, mode, branch);
        return new DesiredState
        {
            Objects = resolved.State.Objects,
            Basis = resolved.Public,
            Locations = resolved.State.Locations,
            Problems = [.. resolved.State.Problems],
            PendingProposals = PendingProposals(session, mode),
        };
    }

    private const string EmptyTreeKey = "empty";

    private DeliveryMode Effective(DeliveryMode? mode) => mode is null or DeliveryMode.Diff ? _options.DefaultDelivery : mode.Value;

    private string BranchFor(ITrafficIntent intent) => _templates.BranchName(intent.Namespace, intent.Target, intent.Title, intent.Fingerprint);

    /// <summary>
    /// A session on the repository: the idle one kept from the last operation when there is one (libgit2
    /// keeps the parsed index, which attribute lookups in every diff need, so reopening would reparse an
    /// index as large as the repository each time), else a new one. Only one session is kept idle; a
    /// session is only ever used by one operation at a time.
    /// </summary>
    private GitSession OpenSession() =>
        Interlocked.Exchange(ref _idleSession, null) ?? GitSession.Open(GitDirectory, _trees, s => Interlocked.CompareExchange(ref _idleSession, s, null) is null);

    private Basis ResolveBasis(GitSession session, DeliveryMode mode, string? branch)
    {
        switch (mode)
        {
            case DeliveryMode.Worktree:
                return WorktreeBasis(session);
            case DeliveryMode.PullRequest:
                if (!session.HasRemote(_options.RemoteName))
                {
                    throw new GitOpsException($"Pull request delivery pushes to the remote '{_options.RemoteName}', which this repository does not have. Add it, or use branch delivery.");
                }

                Log($"fetch {_options.RemoteName}");
                try
                {
                    session.Fetch(_options.RemoteName, Credentials());
                }
                catch (LibGit2SharpException e)
                {
                    throw _redactor.Wrap($"Fetching from {_options.RemoteName} failed: {e.Message}{AuthenticationHint(_options, e)}", e);
                }

                var remotePrefix = $"refs/remotes/{_options.RemoteName}/";
                var remoteBase = session.ResolveCommit(remotePrefix + BaseBranch)
                    ?? throw new GitOpsException($"The remote '{_options.RemoteName}' has no branch '{BaseBranch}' to base the pull request on.");
                return BranchBasis(session, mode, remoteBase, branch is null ? null : remotePrefix + branch, branch, null);
            default:
                var localBase = session.ResolveCommit("refs/heads/" + BaseBranch) ?? session.ResolveCommit($"refs/remotes/{_options.RemoteName}/{BaseBranch}");
                var local = branch is null ? null : "refs/heads/" + branch;
                return BranchBasis(session, mode, localBase, local, branch, local is null ? null : session.ResolveCommit(local)?.Sha);
        }
    }

    private Basis BranchBasis(GitSession session, DeliveryMode mode, Commit? baseCommit, string? branchRef, string? branch, string? localTip)
    {
        var tip = branchRef is null ? null : session.ResolveCommit(branchRef);
        var ahead = tip is not null && branch != BaseBranch && session.AheadBy(tip, baseCommit) > 0;
        var pending = ahead && IsPending(session, tip!, baseCommit);
        var from = pending ? tip : baseCommit;
        var state = IndexFor(session, from?.Tree);
        var identity = from?.Sha ?? "empty";
        return new Basis(
            new ProposalBasis
            {
                Mode = mode,
                BaseBranch = BaseBranch,
                BaseCommit = baseCommit?.Sha,
                Commit = from?.Sha,
                IsPendingBranch = pending,
                Identity = identity,
            },
            state,
            new Dictionary<string, FileText?>(StringComparer.Ordinal),
            localTip,
            ahead && !pending ? tip!.Sha : null);
    }

    /// <summary>
    /// A branch ahead of the base is pending unless its changes are already in the base (it was squash-merged
    /// or rebased in and the branch was kept): then a new proposal starts again from the base.
    /// </summary>
    private static bool IsPending(GitSession session, Commit tip, Commit? baseCommit) =>
        baseCommit is null || !session.ChangesContainedIn(tip, baseCommit);

    private Basis WorktreeBasis(GitSession session)
    {
        if (session.IsBare || session.WorkingDirectory is null)
        {
            throw new GitOpsException("Working-tree delivery needs a working tree; this repository is bare. Use branch or pull request delivery.");
        }

        var head = session.HeadCommit;
        var state = IndexFor(session, head?.Tree);
        var overlay = new SortedDictionary<string, FileText?>(StringComparer.Ordinal);
        foreach (var path in session.ChangedInWorkingTree(IndexedFolders))
        {
            if (!StateIndex.IsYaml(path))
            {
                continue;
            }

            var full = Path.Combine(session.WorkingDirectory, path);
            overlay[path] = File.Exists(full) ? FileText.Decode(File.ReadAllBytes(full)) : null;
        }

        if (overlay.Count > 0)
        {
            state = state.With(overlay.Select(o => new FileUpdate(o.Key, null, o.Value is null ? null : () => o.Value)));
        }

        var baseCommit = session.ResolveCommit("refs/heads/" + BaseBranch);
        var identity = (head?.Sha ?? "empty") + (overlay.Count == 0
            ? string.Empty
            : ":" + Hash(string.Join("\n", overlay.Select(o => o.Key + "=" + (o.Value is null ? "deleted" : Hash(o.Value.Text, 16)))), 16));
        return new Basis(
            new ProposalBasis
            {
                Mode = DeliveryMode.Worktree,
                BaseBranch = BaseBranch,
                BaseCommit = baseCommit?.Sha,
                Commit = head?.Sha,
                IsPendingBranch = false,
                Identity = identity,
            },
            state,
            overlay,
            null,
            null);
    }

    private StateIndex IndexFor(GitSession session, Tree? commitTree)
    {
        var trees = IndexedFolders.Select(f => commitTree is null ? null : session.SubTree(commitTree, f)).ToList();
        var ids = trees.Select(t => t?.Sha ?? EmptyTreeKey).ToList();
        var key = string.Join("|", ids);
        if (_cache.TryGet(key, out var cached))
        {
            return cached.Index;
        }

        StateIndex index;
        if (_cache.MostRecent() is { } recent)
        {
            var updates = new List<FileUpdate>();
            for (var i = 0; i < IndexedFolders.Count; i++)
            {
                if (recent.TreeIds[i] == ids[i])
                {
                    continue;
                }

                var from = recent.TreeIds[i] == EmptyTreeKey ? session.EmptyTree() : session.LookupTree(recent.TreeIds[i]) ?? session.EmptyTree();
                var to = trees[i] ?? session.EmptyTree();
                updates.AddRange(session.ChangedFiles(from, to, IndexedFolders[i]).Select(c => Update(session, c.Path, c.BlobId)));
            }

            index = recent.Index.With(updates);
        }
        else
        {
            index = StateIndex.Empty(Root).With(trees
                .SelectMany((tree, i) => tree is null ? [] : session.Files(tree, IndexedFolders[i]))
                .Select(f => Update(session, f.Path, f.BlobId)));
        }

        _cache.Add(key, ids, index);
        return index;
    }

    private FileUpdate Update(GitSession session, string path, string? blobId) =>
        new(path, blobId, blobId is null ? null : () =>
        {
            Interlocked.Increment(ref _filesParsed);
            return FileText.Decode(session.ReadBlob(blobId));
        });

    private Proposal PlanOn(GitSession session, Basis basis, ITrafficIntent intent, string branch)
    {
        var state = basis.State;
        var duplicates = state.Duplicates.ToList();
        if (duplicates.Count > 0)
        {
            throw new GitOpsException(
                "The same object is defined more than once, so it is unclear which definition to change (Kubernetes would apply whichever comes last). Keep one definition of each: "
                + string.Join("; ", duplicates.Select(d => $"{d.Key} in {string.Join(" and ", d.Definitions.Select(x => x.Location))}")) + ".");
        }

        var result = intent.Apply(state.Objects);
        var planned = result.IsNoOp ? null : ChangePlanner.Plan(state, result, f => f.Text ?? _edited.GetOrAdd(f.BlobId!, id => FileText.Decode(session.ReadBlob(id))), _parsed);
        var id = Hash(intent.Fingerprint + "\n" + basis.Public.Identity, 16);
        if (planned is null || planned.Changes.IsEmpty)
        {
            return new Proposal
            {
                Id = id,
                Title = intent.Title,
                Summary = $"{intent.Title}\nNo changes: the intent is already satisfied.",
                Intent = intent,
                Basis = basis.Public,
                Branch = branch,
                ObjectChanges = [],
                FileChanges = [],
                Diff = string.Empty,
                Warnings = result.Warnings,
                Validation = new ValidationReport([], 0),
                Outcome = result.Outcome,
                FileBytes = ImmutableSortedDictionary.Create<string, byte[]?>(StringComparer.Ordinal),
            };
        }

        var baseTree = CommitTree(session, basis.Public.Commit);
        var oldTree = basis.Overlay.Count == 0
            ? baseTree
            : session.BuildTree(baseTree, planned.Bytes.Keys.Where(basis.Overlay.ContainsKey).Select(p => (p, basis.Overlay[p] is { } t ? t.Encode(t.Text) : null)));
        // The full new tree is only built when a delivery commits it; the diff needs only the changed paths.
        var diff = session.ChangePatch(oldTree, [.. planned.Bytes.Select(b => (b.Key, b.Value))]);
        var objectChanges = result.Changes
            .Select(c => new ObjectChangeSummary(
                c.Type,
                c.Key.Kind,
                c.Key.Namespace,
                c.Key.Name,
                planned.ObjectFiles.TryGetValue(c.Key, out var file) ? file : GitOpsLayout.PathFor(Root, c.Key),
                ValueDiff.Describe(c.Before, c.After)))
            .ToImmutableList();
        var validation = ProposalValidator.Validate(state.Objects, result);
        return new Proposal
        {
            Id = id,
            Title = intent.Title,
            Summary = Summarize(intent, objectChanges, planned.Changes, result.Warnings, validation),
            Intent = intent,
            Basis = basis.Public,
            Branch = branch,
            ObjectChanges = objectChanges,
            FileChanges = planned.Changes,
            Diff = diff,
            Warnings = result.Warnings,
            Validation = validation,
            Outcome = result.Outcome,
            FileBytes = planned.Bytes,
        };
    }

    private static Tree CommitTree(GitSession session, string? commit) =>
        commit is null ? session.EmptyTree() : session.LookupCommit(commit)?.Tree ?? throw new GitOpsException($"Commit {commit} is missing from the repository.");

    private static string Summarize(ITrafficIntent intent, ImmutableList<ObjectChangeSummary> objects, ImmutableList<FileChange> files, ImmutableList<string> warnings, ValidationReport validation)
    {
        var sb = new StringBuilder(intent.Title).Append('\n');
        foreach (var change in objects)
        {
            var verb = change.Type switch { ChangeType.Created => "Creates", ChangeType.Deleted => "Deletes", _ => "Updates" };
            sb.Append("- ").Append(verb).Append(' ').Append(change.Kind).Append(' ').Append(change.Namespace).Append('/').Append(change.Name)
                .Append(" in ").Append(change.File);
            if (change.Type == ChangeType.Updated && change.Values.Count > 0)
            {
                sb.Append(": ").AppendJoin("; ", change.Values.Select(v => $"{v.Field} {v.Before ?? "(none)"} → {v.After ?? "(none)"}"));
            }

            sb.Append('\n');
        }

        var counts = files.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        sb.Append("Files: ").AppendJoin(", ", counts).Append('.').Append('\n');
        foreach (var warning in warnings)
        {
            sb.Append("Warning: ").Append(warning).Append('\n');
        }

        sb.Append(validation.Summary);
        return sb.ToString();
    }

    private ImmutableList<PendingProposal> PendingProposals(GitSession session, DeliveryMode mode)
    {
        var prefix = mode == DeliveryMode.PullRequest ? $"refs/remotes/{_options.RemoteName}/" : "refs/heads/";
        var baseCommit = session.ResolveCommit(prefix + BaseBranch) ?? session.ResolveCommit("refs/heads/" + BaseBranch);
        var result = ImmutableList.CreateBuilder<PendingProposal>();
        foreach (var (name, tip) in session.Branches(prefix).OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            if (name == BaseBranch || name == "HEAD" || Trailer(tip.Message, "Traefik-Proposal-Id") is not { } id)
            {
                continue;
            }

            var ahead = session.AheadBy(tip, baseCommit);
            if (ahead == 0 || !IsPending(session, tip, baseCommit))
            {
                continue;
            }

            var target = Trailer(tip.Message, "Traefik-Target") ?? "/";
            result.Add(ObjectRef.TryParse(target, ObjectRefForms.Namespaced, out var reference)
                ? new PendingProposal(name, tip.Sha, ahead, reference.Namespace ?? string.Empty, reference.Name, id)
                : new PendingProposal(name, tip.Sha, ahead, string.Empty, target, id));
        }

        return result.ToImmutable();
    }

    private static string? Trailer(string message, string name)
    {
        foreach (var line in message.Split('\n'))
        {
            if (line.StartsWith(name + ": ", StringComparison.Ordinal))
            {
                return line[(name.Length + 2)..].Trim();
            }
        }

        return null;
    }

    /// <summary>
    /// A resolved starting state: its public description, the index, the working-tree files that differ from
    /// HEAD, the local branch tip read, and the proposal branch tip a new proposal replaces (a branch whose
    /// changes were squash-merged into the base but that was kept), which pushing must overwrite.
    /// </summary>
    private sealed record Basis(ProposalBasis Public, StateIndex State, IReadOnlyDictionary<string, FileText?> Overlay, string? LocalBranchTip, string? ReplacedBranchTip);
}
