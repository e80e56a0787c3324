using System.Collections.Immutable;
using System.Text;
using LibGit2Sharp;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Layout;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.GitOps;

public sealed partial class GitOpsRepository
{
    /// <summary>
    /// Plans an intent against the state the given delivery builds on (see <see cref="DeliveryMode"/>):
    /// applies it, works out the file changes, renders git's own diff and validates the result. Nothing is
    /// written to the working tree or any branch (the blobs and trees of the diff go into the object database). When
    /// the proposal branch is pending and its base moved, the plan starts from the branch rebuilt on the current base
    /// (its recorded intents planned again, as unreferenced commits in the object database; a delivery or a refresh
    /// moves the branch); when the intent needs an object only another pending proposal adds, it builds on that one
    /// (<see cref="ProposalBasis.DependsOn"/>).
    /// </summary>
    /// <param name="intent">The change to plan.</param>
    /// <param name="basis">The delivery whose starting state to plan against; null or <see cref="DeliveryMode.Diff"/> means <see cref="GitOpsOptions.DefaultDelivery"/>. <see cref="DeliveryMode.PullRequest"/> fetches first.</param>
    /// <exception cref="Traefik.Manifests.Validation.ManifestException">
    /// The intent does not apply to the state, or its traffic impact goes beyond what it was asked to change (each
    /// problem names the router and the property).
    /// </exception>
    /// <exception cref="GitOpsException">An object is defined twice, a file would lose comments, the pending proposal branch cannot follow its base (the message shows both versions), or git failed.</exception>
    public Proposal Plan(ITrafficIntent intent, DeliveryMode? basis = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var mode = Effective(basis);
        var branch = BranchFor(intent);
        using var session = OpenSession();
        var resolved = ResolveBasis(session, mode, branch);
        return PlanStacked(session, resolved, intent, branch).Proposal;
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
        var resolved = ResolveBasis(session, mode, branch, conflictStops: false);
        return new DesiredState
        {
            Objects = resolved.State.Objects,
            Basis = resolved.Public,
            Locations = resolved.State.Locations,
            Problems = [.. resolved.State.Problems],
            Unreadable = [.. resolved.State.Unreadable.Values],
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

    /// <param name="session">The session.</param>
    /// <param name="mode">The delivery whose starting state to resolve.</param>
    /// <param name="branch">The proposal branch, or null for the base.</param>
    /// <param name="conflictStops">True for a plan: a proposal branch that cannot follow its base stops it. A read shows the branch as it is.</param>
    private Basis ResolveBasis(GitSession session, DeliveryMode mode, string? branch, bool conflictStops = true)
    {
        if (mode == DeliveryMode.Worktree)
        {
            return WorktreeBasis(session);
        }

        var survey = SurveyFor(session, mode);
        return BranchBasis(survey, branch, conflictStops);
    }

    /// <summary>A survey of the proposal branches of a delivery: the remote's after a fetch for pull requests, the local ones for branches.</summary>
    private BranchSurvey SurveyFor(GitSession session, DeliveryMode mode, bool fetch = true)
    {
        if (mode == DeliveryMode.PullRequest)
        {
            if (!session.HasRemote(_options.RemoteName))
            {
                throw new GitOpsException($"Pull request delivery pushes to the remote '{_options.RemoteName}', which this repository does not have. Add it, or use branch delivery.");
            }

            if (fetch)
            {
                Fetch(session);
            }

            var remoteBase = session.ResolveCommit($"refs/remotes/{_options.RemoteName}/{BaseBranch}")
                ?? throw new GitOpsException($"The remote '{_options.RemoteName}' has no branch '{BaseBranch}' to base the pull request on.");
            return Survey(session, mode, remoteBase);
        }

        return Survey(session, mode, session.ResolveCommit("refs/heads/" + BaseBranch) ?? session.ResolveCommit($"refs/remotes/{_options.RemoteName}/{BaseBranch}"));
    }

    private void Fetch(GitSession session)
    {
        Log($"fetch {_options.RemoteName}");
        try
        {
            session.Fetch(_options.RemoteName, Credentials());
        }
        catch (LibGit2SharpException e)
        {
            throw _redactor.Wrap($"Fetching from {_options.RemoteName} failed: {e.Message}{AuthenticationHint(_options, e)}", e);
        }
    }

    /// <summary>
    /// The state a plan for <paramref name="branch"/> starts from: the base, or the proposal branch while it is
    /// pending (rebuilt on the current base first when the base moved). A branch whose changes are merged, or
    /// cancel out, is replaced by a new one from the base. A branch that cannot follow its base stops the plan
    /// with the reason and both versions of what conflicts.
    /// </summary>
    private Basis BranchBasis(BranchSurvey survey, string? branch, bool conflictStops)
    {
        var baseCommit = survey.BaseCommit;
        var view = branch is null ? null : survey.Of(branch);
        if (view?.Status == BranchStatus.Conflict && conflictStops)
        {
            throw new GitOpsException(view.Message!);
        }

        if (view?.Status == BranchStatus.Frozen && view.Message is { } frozen)
        {
            Log(frozen + " Planning on its tip.");
        }

        var pending = view?.IsPending == true;
        var from = pending ? view!.EffectiveTip : baseCommit;
        var local = survey.Mode == DeliveryMode.PullRequest ? null : view?.Tip?.Sha;
        var replaced = view is not null && (view.Status is BranchStatus.Merged or BranchStatus.Empty || view.MustMove) ? view.Tip?.Sha : null;
        return new Basis(
            new ProposalBasis
            {
                Mode = survey.Mode,
                BaseBranch = BaseBranch,
                BaseCommit = baseCommit?.Sha,
                Commit = from?.Sha,
                IsPendingBranch = pending,
                DependsOn = pending ? view!.DependsOn : null,
                Identity = from?.Sha ?? EmptyTreeKey,
            },
            StateAt(survey.Session, from),
            new Dictionary<string, FileText?>(StringComparer.Ordinal),
            local,
            replaced)
        {
            Fork = pending ? view!.Fork?.Sha : baseCommit?.Sha,
            BranchTip = view?.Tip?.Sha,
            Publish = pending && branch is not null ? [.. survey.Chain(branch).Where(v => v.MustMove)] : [],
            Survey = survey,
        };
    }

    /// <summary>
    /// Plans the intent on its basis; when it does not apply there, or gives an invalid result, because it needs an
    /// object that only another pending proposal creates (a middleware, a transport, a route), plans it again on
    /// top of that proposal: the proposal branch then builds on the other one (and carries its change). The first
    /// pending proposal, in name order, on which the intent applies and validates is used; without one the
    /// original answer stands.
    /// </summary>
    private (Proposal Proposal, Basis Basis) PlanStacked(GitSession session, Basis basis, ITrafficIntent intent, string branch)
    {
        ManifestException? failure = null;
        Proposal? first = null;
        try
        {
            first = PlanOn(session, basis, intent, branch);
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

    private (Proposal Proposal, Basis Basis)? PlanOnAnotherProposal(BranchSurvey survey, Basis basis, ITrafficIntent intent, string branch)
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

            var stacked = new Basis(
                new ProposalBasis
                {
                    Mode = survey.Mode,
                    BaseBranch = BaseBranch,
                    BaseCommit = survey.BaseCommit?.Sha,
                    Commit = from.Sha,
                    IsPendingBranch = ownPending,
                    DependsOn = candidate,
                    Identity = from.Sha,
                },
                StateAt(survey.Session, from),
                new Dictionary<string, FileText?>(StringComparer.Ordinal),
                survey.Mode == DeliveryMode.PullRequest ? null : own.Tip?.Sha,
                own.Tip?.Sha)
            {
                Fork = candidateTip.Sha,
                BranchTip = own.Tip?.Sha,
                Publish = [.. survey.Chain(candidate).Append(view).Where(v => v.MustMove)],
                Survey = survey,
            };
            try
            {
                var proposal = PlanOn(survey.Session, stacked, intent, branch);
                if (!proposal.Validation.HasErrors)
                {
                    Log($"{branch} needs what the pending proposal {candidate} adds: it builds on that branch");
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

    /// <summary>
    /// A branch ahead of the base is pending unless its changes are already in the base (it was squash-merged
    /// or rebased in and the branch was kept).
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
        var state = WithLinkedFolders(session, IndexFor(session, head?.Tree), head?.Tree);
        var overlay = new SortedDictionary<string, FileText?>(StringComparer.Ordinal);
        var unreadable = new SortedDictionary<string, UnreadableFile>(StringComparer.Ordinal);
        var workTree = Path.GetFullPath(session.WorkingDirectory);
        foreach (var folder in IndexedFolders.Where(f => f.Length > 0))
        {
            if (WorkingTreeFiles.FirstLink(workTree, folder) is { } link)
            {
                unreadable[link] = LinkEntry(link);
            }
        }

        foreach (var path in session.ChangedInWorkingTree(IndexedFolders))
        {
            if (_reading.Exclude.Matches(path))
            {
                continue;
            }

            // A link anywhere on the path (the entry itself, or a folder it is in) is never followed: the path is
            // an unreadable entry, whatever it points to, and is never written through.
            if (WorkingTreeFiles.FirstLink(workTree, path) is { } link)
            {
                unreadable[link] = LinkEntry(link);
                if (link != path)
                {
                    overlay[path] = null;
                }

                continue;
            }

            if (!StateIndex.IsYaml(path))
            {
                continue;
            }

            switch (WorkingTreeFiles.Read(Path.Combine(workTree, path), _reading.Limits.MaxBytes))
            {
                case { Missing: true }:
                    overlay[path] = null;
                    break;
                case { Text: { } text }:
                    overlay[path] = text;
                    break;
                case { TooLarge: { } size }:
                    unreadable[path] = StateIndex.TooLarge(path, size, _reading.Limits.MaxBytes);
                    break;
                default:
                    unreadable[path] = new UnreadableFile(path, null, null, "is not a regular file (a folder, device or pipe where a manifest file was expected); it was not read.");
                    break;
            }
        }

        if (overlay.Count > 0 || unreadable.Count > 0)
        {
            state = state.With(overlay.Select(o => new FileUpdate(o.Key, null, o.Value is null ? null : () => o.Value))
                .Concat(unreadable.Select(u => new FileUpdate(u.Key, null, null, u.Value))));
        }

        var baseCommit = session.ResolveCommit("refs/heads/" + BaseBranch);
        var identity = (head?.Sha ?? "empty") + (overlay.Count == 0 && unreadable.Count == 0
            ? string.Empty
            : ":" + Hash(string.Join("\n", overlay.Select(o => o.Key + "=" + (o.Value is null ? "deleted" : Hash(o.Value.Text, 16))).Concat(unreadable.Select(u => u.Key + "=unreadable"))), 16));
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
                updates.AddRange(session.ChangedFiles(from, to, IndexedFolders[i]).Select(c => Update(session, c.Path, c.BlobId, c.IsLink)));
            }

            index = recent.Index.With(updates);
        }
        else
        {
            index = StateIndex.Empty(Root, _reading).With(trees
                .SelectMany((tree, i) => tree is null ? [] : session.Files(tree, IndexedFolders[i]))
                .Select(f => Update(session, f.Path, f.BlobId, f.IsLink)));
        }

        _cache.Add(key, ids, index);
        return index;
    }

    private FileUpdate Update(GitSession session, string path, string? blobId, bool isLink)
    {
        if (blobId is null)
        {
            return new(path, null, null);
        }

        if (isLink)
        {
            return new(path, blobId, null, LinkEntry(path));
        }

        return new(
            path,
            blobId,
            () =>
            {
                Interlocked.Increment(ref _filesParsed);
                return FileText.Decode(session.ReadBlob(blobId));
            },
            Size: () => session.BlobSize(blobId));
    }

    /// <summary>A symbolic link under an indexed folder: never read (its text is a path, not YAML), never written through.</summary>
    private static UnreadableFile LinkEntry(string path) =>
        new(path, null, null, "is a symbolic link; links are never read as manifests or written through. Replace it with the file or folder it points to, or exclude it.");

    /// <summary>
    /// Adds an unreadable entry for an indexed folder that is a symbolic link (or sits under one, or under a file)
    /// in the tree: git stores the link, not a folder, so the folder would look empty and a plan would write new
    /// files through the link.
    /// </summary>
    /// <summary>The state of a commit as a plan sees it: its index, with indexed folders that are links named as unreadable.</summary>
    private StateIndex StateAt(GitSession session, Commit? commit) => WithLinkedFolders(session, IndexFor(session, commit?.Tree), commit?.Tree);

    private StateIndex WithLinkedFolders(GitSession session, StateIndex state, Tree? tree)
    {
        if (tree is null)
        {
            return state;
        }

        var links = IndexedFolders
            .Where(f => f.Length > 0)
            .Select(f => session.FirstNonFolder(tree, f))
            .Where(e => e is not null && !_reading.Exclude.Matches(e.Value.Path))
            .Select(e => e!.Value)
            .DistinctBy(e => e.Path)
            .ToList();
        return links.Count == 0
            ? state
            : state.With(links.Select(l => new FileUpdate(l.Path, null, null, l.Mode == Mode.SymbolicLink
                ? LinkEntry(l.Path)
                : new UnreadableFile(l.Path, null, null, $"is {(l.Mode == Mode.GitLink ? "a submodule" : "a file")} where the indexed folder {IndexedFolders.First(f => f == l.Path || f.StartsWith(l.Path + "/", StringComparison.Ordinal))} should be."))));
    }

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
        var impact = Impact(intent, state.Objects, result);
        var planned = result.IsNoOp ? null : ChangePlanner.Plan(state, result, f => f.Text ?? _edited.GetOrAdd(f.BlobId!, id => FileText.Decode(session.ReadBlob(id))), _parsed, intent.Target);
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
                Validation = new ValidationReport([], 0) { UnreadableFiles = [.. state.Unreadable.Values] },
                Outcome = result.Outcome,
                FileBytes = ImmutableSortedDictionary.Create<string, byte[]?>(StringComparer.Ordinal),
            };
        }

        var baseTree = CommitTree(session, basis.Public.Commit);
        var oldTree = basis.Overlay.Count == 0
            ? baseTree
            : session.BuildTree(baseTree, planned.Bytes.Keys.Where(basis.Overlay.ContainsKey).Select(p => (p, basis.Overlay[p] is { } t ? t.Encode(t.Text) : null)));
        foreach (var added in planned.Changes.Where(c => c.Kind == FileChangeKind.Added))
        {
            session.ThrowIfNotWritable(oldTree, added.Path);
            if (session.FirstNonFolder(oldTree, added.Path) is { } existing && existing.Path == added.Path)
            {
                throw new GitOpsException($"Refusing to create {added.Path}: the repository already has a file there that is not read as manifests (it is excluded). Nothing was planned; move that file, or stop excluding it.");
            }
        }

        // The full new tree is only built when a delivery commits it; the diff needs only the changed paths.
        var diff = session.ChangePatch(oldTree, [.. planned.Bytes.Select(b => (b.Key, b.Value))]);
        RefuseCredentials(planned.Changes);
        var objectChanges = result.Changes
            .Select(c => new ObjectChangeSummary(
                c.Type,
                c.Key.Kind,
                c.Key.Namespace,
                c.Key.Name,
                planned.ObjectFiles.TryGetValue(c.Key, out var file) ? file : GitOpsLayout.PathFor(Root, intent.Target, c.Key),
                ValueDiff.Describe(c.Before, c.After)))
            .ToImmutableList();
        var validation = ProposalValidator.Validate(state.Objects, result) with { UnreadableFiles = [.. state.Unreadable.Values] };
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
            TrafficImpact = impact,
            FileBytes = planned.Bytes,
        };
    }

    /// <summary>
    /// The traffic impact of a result: the routers whose effect on users changes. Refuses the intent when users would
    /// get anything it was not asked to change (or a router would start to fail).
    /// </summary>
    private static ImmutableList<RouterImpact> Impact(ITrafficIntent intent, ManifestSet before, IntentResult result)
    {
        if (result.IsNoOp)
        {
            return [];
        }

        var impact = TrafficImpact.Compute(before, result.Objects, result.Changes);
        var violations = TrafficImpact.Violations(before, result.Changes, impact, result.Allowed);
        if (violations.Count > 0)
        {
            throw new ManifestException(
                $"'{intent.Title}' was refused: it would change what users get beyond what was asked. Nothing was planned.",
                violations);
        }

        return impact;
    }

    /// <summary>
    /// Refuses a change that would write a credential this repository was given (the git or GitHub token, in
    /// any encoding) into a file: it would end up in a commit, a pull request and every clone.
    /// </summary>
    private void RefuseCredentials(IEnumerable<FileChange> changes)
    {
        foreach (var change in changes.Where(c => c.NewContent is not null))
        {
            if (_redactor.Source(change.NewContent) is { } source && _redactor.Source(change.OldContent) is null)
            {
                throw new GitOpsException($"The change would write the credential from {source} into {change.Path}; refusing. Reference a Kubernetes Secret instead of putting a credential in a manifest.");
            }
        }
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
            var trailers = CommitTrailers.Parse(tip.Message);
            if (name == BaseBranch || name == "HEAD" || !trailers.TryGetValue(CommitTrailers.ProposalId, out var id))
            {
                continue;
            }

            var ahead = session.AheadBy(tip, baseCommit);
            if (ahead == 0 || !IsPending(session, tip, baseCommit))
            {
                continue;
            }

            var target = trailers.GetValueOrDefault(CommitTrailers.Target) ?? "/";
            var pending = ObjectRef.TryParse(target, ObjectRefForms.Namespaced, out var reference)
                ? new PendingProposal(name, tip.Sha, ahead, reference.Namespace ?? string.Empty, reference.Name, id)
                : new PendingProposal(name, tip.Sha, ahead, string.Empty, target, id);
            result.Add(pending with { DependsOn = trailers.GetValueOrDefault(CommitTrailers.DependsOn) });
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// A resolved starting state: its public description, the index, the working-tree files that differ from
    /// HEAD, the local branch tip read, and the proposal branch tip a new proposal replaces (a branch whose
    /// changes were squash-merged into the base but that was kept), which pushing must overwrite.
    /// </summary>
    private sealed record Basis(ProposalBasis Public, StateIndex State, IReadOnlyDictionary<string, FileText?> Overlay, string? LocalBranchTip, string? ReplacedBranchTip)
    {
        /// <summary>The commit the proposal branch's own changes sit on (the base, or the proposal it builds on): its net change is measured against it.</summary>
        public string? Fork { get; init; }

        /// <summary>The proposal branch's tip as read (the remote's for pull requests), or null when there is none: what a push must find there.</summary>
        public string? BranchTip { get; init; }

        /// <summary>Pending proposals this basis builds on whose rebuild must be written before this branch (deepest first).</summary>
        public IReadOnlyList<BranchView> Publish { get; init; } = [];

        /// <summary>The survey the basis came from (null for the working tree).</summary>
        public BranchSurvey? Survey { get; init; }
    }
}
