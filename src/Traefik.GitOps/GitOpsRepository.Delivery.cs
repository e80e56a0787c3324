using System.Collections.Immutable;
using System.Text.RegularExpressions;
using LibGit2Sharp;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps;

public sealed partial class GitOpsRepository
{
    [GeneratedRegex(@"\block(ed)?\b|\.lock\b", RegexOptions.IgnoreCase)]
    private static partial Regex LockContention();

    /// <summary>Plans an intent and delivers it, holding the writer lock throughout.</summary>
    /// <param name="intent">The change.</param>
    /// <param name="mode">What to write.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="ManifestException">The intent does not apply.</exception>
    /// <exception cref="GitOpsException">Planning or delivery failed; the message says what was (not) written and how to retry.</exception>
    public async Task<DeliveryResult> ProposeAsync(ITrafficIntent intent, DeliveryMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (mode == DeliveryMode.Diff)
        {
            return Previewed(Plan(intent, mode));
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await DeliverLockedAsync(null, intent, mode, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers a proposal. When the state it was planned on has moved (another commit, a working-tree edit,
    /// a different delivery's starting state), its intent is planned again on the current state first, so
    /// what is written is always a plan of the current state. A proposal with validation errors is refused.
    /// Use <see cref="DeliverIfUnchangedAsync(Proposal, DeliveryMode, CancellationToken)"/> to ship only what was reviewed.
    /// </summary>
    /// <param name="proposal">The proposal from <see cref="Plan"/>.</param>
    /// <param name="mode">What to write.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="ManifestException">Re-planning found that the intent no longer applies.</exception>
    /// <exception cref="GitOpsException">Delivery failed; the message says what was (not) written and how to retry.</exception>
    public async Task<DeliveryResult> DeliverAsync(Proposal proposal, DeliveryMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (mode == DeliveryMode.Diff)
        {
            return Previewed(proposal);
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await DeliverLockedAsync(proposal, proposal.Intent, mode, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers a reviewed proposal only if it is still exactly what was reviewed: the intent is planned on the
    /// state the delivery builds on now (for pull requests after a fetch, again before every retried push), and
    /// when the diff differs from the reviewed one by a byte nothing is written, committed or pushed: the result's
    /// outcome is <see cref="DeliveryOutcome.NotDelivered"/> and its proposal is the new plan, to review instead.
    /// </summary>
    /// <param name="reviewed">The proposal a person reviewed.</param>
    /// <param name="mode">What to write (not <see cref="DeliveryMode.Diff"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="ManifestException">The intent no longer applies.</exception>
    /// <exception cref="GitOpsException">Delivery failed; the message says what was (not) written and how to retry.</exception>
    public Task<DeliveryResult> DeliverIfUnchangedAsync(Proposal reviewed, DeliveryMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reviewed);
        return DeliverIfUnchangedAsync(reviewed.Intent, reviewed.Diff, mode, cancellationToken);
    }

    /// <summary>
    /// Delivers an intent only if its plan now has exactly <paramref name="reviewedDiff"/> (see
    /// <see cref="DeliverIfUnchangedAsync(Proposal, DeliveryMode, CancellationToken)"/>): for a proposal reviewed in another
    /// process, rebuilt from its record.
    /// </summary>
    /// <param name="intent">The intent of the reviewed proposal.</param>
    /// <param name="reviewedDiff">The diff that was reviewed.</param>
    /// <param name="mode">What to write (not <see cref="DeliveryMode.Diff"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    public async Task<DeliveryResult> DeliverIfUnchangedAsync(ITrafficIntent intent, string reviewedDiff, DeliveryMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(reviewedDiff);
        if (mode == DeliveryMode.Diff)
        {
            throw new GitOpsException("Diff delivery writes nothing; deliver a reviewed proposal to the working tree, a branch or a pull request.");
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await DeliverLockedAsync(null, intent, mode, reviewedDiff, cancellationToken).ConfigureAwait(false);
    }

    private static DeliveryResult Previewed(Proposal proposal) => new()
    {
        Proposal = proposal,
        Mode = DeliveryMode.Diff,
        Outcome = proposal.IsNoOp ? DeliveryOutcome.NoChanges : DeliveryOutcome.Previewed,
        Message = proposal.IsNoOp ? "No changes: the intent is already satisfied." : $"Preview only: {proposal.FileChanges.Count} file(s) would change.",
    };

    private async Task<DeliveryResult> DeliverLockedAsync(Proposal? proposal, ITrafficIntent intent, DeliveryMode mode, string? reviewedDiff, CancellationToken cancellationToken)
    {
        var branch = BranchFor(intent);
        if (mode == DeliveryMode.PullRequest)
        {
            return await DeliverPullRequestAsync(proposal, intent, branch, reviewedDiff, cancellationToken).ConfigureAwait(false);
        }

        using var session = OpenSession();
        if (mode == DeliveryMode.Worktree && session.WorkingDirectory is { } workTree)
        {
            // Before the working tree is read: put back what a killed delivery left half-written.
            var restored = Writer(workTree).Recover(IndexedFolders);
            if (restored.Count > 0)
            {
                Log($"restored {restored.Count} file(s) a killed working-tree delivery had left half-written: {string.Join(", ", restored)}");
            }
        }

        var resolved = ResolveBasis(session, mode, branch);
        ThrowIfUnreadable(resolved.State);
        var (current, basis) = Current(session, resolved, proposal, intent, branch);
        if (reviewedDiff is not null && current.Diff != reviewedDiff)
        {
            return NotDelivered(current, mode, branch);
        }

        if (current.IsNoOp)
        {
            return NoChanges(current, mode, branch, 0);
        }

        ThrowIfInvalid(current);
        return mode == DeliveryMode.Worktree ? WriteWorktree(session, current) : CommitBranch(session, basis, current, branch);
    }

    /// <summary>
    /// Refuses every delivery but a preview while a file under the indexed folders cannot be read: the plan cannot
    /// see what it defines, so even "no changes" could be wrong.
    /// </summary>
    private static void ThrowIfUnreadable(State.StateIndex state)
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

    private WorktreeWriter Writer(string workTree) => new(workTree, GitDirectory) { BeforeEach = BeforeWorktreeWrite };

    private (Proposal Proposal, Basis Basis) Current(GitSession session, Basis basis, Proposal? proposal, ITrafficIntent intent, string branch)
    {
        if (proposal is not null && proposal.Basis.Identity == basis.Public.Identity && proposal.Branch == branch)
        {
            return (proposal, basis);
        }

        if (proposal is not null)
        {
            Log($"the state moved since {proposal.Id} was planned ({proposal.Basis.Commit ?? "empty"} -> {basis.Public.Commit ?? "empty"}); planning again");
        }

        return PlanStacked(session, basis, intent, branch);
    }

    private static DeliveryResult NoChanges(Proposal proposal, DeliveryMode mode, string branch, int attempts) => new()
    {
        Proposal = proposal,
        Mode = mode,
        Outcome = DeliveryOutcome.NoChanges,
        Branch = mode is DeliveryMode.Branch or DeliveryMode.PullRequest ? branch : null,
        PushAttempts = attempts,
        Message = "No changes: the intent is already satisfied. Nothing was written, committed or pushed.",
    };

    private DeliveryResult NotDelivered(Proposal proposal, DeliveryMode mode, string branch) => new()
    {
        Proposal = proposal,
        Mode = mode,
        Outcome = DeliveryOutcome.NotDelivered,
        Branch = mode is DeliveryMode.Branch or DeliveryMode.PullRequest ? branch : null,
        Message = $"Not delivered: the repository changed since this proposal was reviewed ({(mode == DeliveryMode.PullRequest ? _options.RemoteName + "/" : string.Empty)}{(proposal.Basis.IsPendingBranch ? branch : BaseBranch)} is now at {Short(proposal.Basis.Commit)}), so its diff would differ. Nothing was written, committed or pushed; review the new proposal and deliver it by its id.",
    };

    private static void ThrowIfInvalid(Proposal proposal)
    {
        if (proposal.Validation.HasErrors)
        {
            throw new GitOpsException(
                $"The change '{proposal.Title}' would break routing, so it was not delivered:\n"
                + string.Join("\n", proposal.Validation.Errors.Select(e => "- " + e)));
        }
    }

    private DeliveryResult WriteWorktree(GitSession session, Proposal proposal)
    {
        var root = Path.GetFullPath(session.WorkingDirectory!);
        var kinds = proposal.FileChanges.ToDictionary(c => c.Path, c => c.Kind, StringComparer.Ordinal);
        var written = Writer(root).Write([.. proposal.FileBytes.Select(f => new FileWrite(
            f.Key,
            kinds.TryGetValue(f.Key, out var kind) ? kind : f.Value is null ? FileChangeKind.Deleted : FileChangeKind.Modified,
            f.Value))]);
        Log($"wrote {written.Count} file(s) to the working tree for {proposal.Id}");
        return new DeliveryResult
        {
            Proposal = proposal,
            Mode = DeliveryMode.Worktree,
            Outcome = DeliveryOutcome.WrittenToWorktree,
            Files = [.. written],
            Message = $"Wrote {written.Count} file(s) to the working tree {root} (not committed): {string.Join(", ", written)}.",
        };
    }

    private DeliveryResult CommitBranch(GitSession session, Basis basis, Proposal proposal, string branch)
    {
        var reference = "refs/heads/" + branch;
        ThrowIfCheckedOut(session, reference, branch);
        foreach (var dependency in basis.Publish)
        {
            ThrowIfCheckedOut(session, "refs/heads/" + dependency.Branch, dependency.Branch);
        }

        var commit = CreateCommit(session, proposal);
        foreach (var dependency in basis.Publish)
        {
            session.SetReference("refs/heads/" + dependency.Branch, dependency.EffectiveTip!.Sha, dependency.Tip?.Sha, "traefik-gitops: rebuilt on the current base");
            Log($"rebuilt {dependency.Branch} on its current base: {ShortSha(dependency.Tip)} -> {ShortSha(dependency.EffectiveTip)}");
        }

        if (NetEmpty(session, commit, basis))
        {
            if (basis.LocalBranchTip is not null)
            {
                session.DeleteReference(reference, basis.LocalBranchTip);
            }

            Log($"{branch}: {proposal.Id} cancels out what the branch proposed; deleted it");
            return Closed(proposal, DeliveryMode.Branch, branch, null, $"Nothing is left to merge: this change cancels out what {branch} proposed, so the branch was deleted instead of committed to.");
        }

        session.SetReference(reference, commit.Sha, basis.LocalBranchTip, $"traefik-gitops: {proposal.Title}");
        Log($"committed {commit.Sha} on {branch} for {proposal.Id}");
        return new DeliveryResult
        {
            Proposal = proposal,
            Mode = DeliveryMode.Branch,
            Outcome = DeliveryOutcome.Committed,
            Branch = branch,
            Commit = commit.Sha,
            Files = [.. proposal.FileBytes.Keys],
            Message = Placement(proposal, commit, branch, BaseBranch) + " (not pushed).",
        };
    }

    /// <summary>Where a commit went, in words: on the base, on the branch's pending changes, or on the pending proposal it builds on.</summary>
    private static string Placement(Proposal proposal, Commit commit, string branch, string baseBranch) =>
        proposal.Basis.DependsOn is { } dependency
            ? $"Committed {commit.Sha[..7]} on {branch}, on top of the pending proposal {dependency} (this branch carries that change too, so either can be merged first)"
            : proposal.Basis.IsPendingBranch
                ? $"Committed {commit.Sha[..7]} on {branch}, on top of its pending changes"
                : $"Committed {commit.Sha[..7]} on {branch}, based on {baseBranch}";

    /// <summary>True when the branch's own changes cancel out: the commit's tree is the tree it sits on.</summary>
    private static bool NetEmpty(GitSession session, Commit commit, Basis basis) =>
        basis.BranchTip is not null && commit.Tree.Sha == (basis.Fork is { } fork ? session.LookupCommit(fork)?.Tree.Sha : session.EmptyTree().Sha);

    private static DeliveryResult Closed(Proposal proposal, DeliveryMode mode, string branch, PullRequestResult? pullRequest, string message) => new()
    {
        Proposal = proposal,
        Mode = mode,
        Outcome = DeliveryOutcome.BranchClosed,
        Branch = branch,
        PullRequest = pullRequest,
        Message = message,
    };

    private static void ThrowIfCheckedOut(GitSession session, string reference, string branch)
    {
        if (session.CheckedOutBranches().Contains(reference))
        {
            throw new GitOpsException(
                $"The branch {branch} is checked out, and moving it would change that checkout's files and index under it. Nothing was committed. "
                + "Check out another branch, change the branch name template, or use working-tree delivery.");
        }
    }

    private Commit CreateCommit(GitSession session, Proposal proposal) => CreateCommit(session, proposal, null, null);

    private async Task<DeliveryResult> DeliverPullRequestAsync(Proposal? proposal, ITrafficIntent intent, string branch, string? reviewedDiff, CancellationToken cancellationToken)
    {
        var remote = _options.RemoteName;
        var attempts = 0;
        var current = proposal;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Commit commit;
            string? baseCommit;
            bool empty;
            IReadOnlyList<BranchView> published;
            using (var session = OpenSession())
            {
                var resolved = ResolveBasis(session, DeliveryMode.PullRequest, branch);
                ThrowIfUnreadable(resolved.State);
                Basis basis;
                try
                {
                    (current, basis) = Current(session, resolved, current, intent, branch);
                }
                catch (Exception e) when (attempts > 0 && e is ManifestException or GitOpsException)
                {
                    throw new GitOpsException(
                        $"The remote branch {(resolved.Public.IsPendingBranch ? branch : BaseBranch)} moved while this change was being delivered (now at {Short(resolved.Public.Commit)}), and the change no longer applies there: {e.Message} Nothing was pushed.",
                        e);
                }

                if (reviewedDiff is not null && current.Diff != reviewedDiff)
                {
                    return NotDelivered(current, DeliveryMode.PullRequest, branch);
                }

                if (current.IsNoOp)
                {
                    return NoChanges(current, DeliveryMode.PullRequest, branch, attempts);
                }

                ThrowIfInvalid(current);
                commit = CreateCommit(session, current);
                baseCommit = basis.Public.BaseCommit;
                empty = NetEmpty(session, commit, basis);
                published = basis.Publish;
                attempts++;
                string? rejection;
                try
                {
                    Log($"push {commit.Sha} to {remote} {branch} (attempt {attempts})");
                    BeforePush?.Invoke(attempts);
                    rejection = PushDependencies(session, basis);
                    if (rejection is null && empty)
                    {
                        rejection = DeleteRemoteBranch(session, branch, basis.BranchTip!);
                    }
                    else if (rejection is null)
                    {
                        if (basis.ReplacedBranchTip is not null && !current.Basis.IsPendingBranch)
                        {
                            Log($"{branch} on {remote} ({Short(basis.ReplacedBranchTip)}) was already merged into {BaseBranch}; replacing it with a branch from {BaseBranch}");
                        }
                        else if (basis.ReplacedBranchTip is not null)
                        {
                            Log($"{branch} on {remote} ({Short(basis.ReplacedBranchTip)}) was rebuilt on its current base");
                        }

                        rejection = PushBranch(session, branch, commit.Sha, basis.BranchTip);
                    }
                }
                catch (LibGit2SharpException e)
                {
                    var kept = KeepLocal(session, branch, commit, basis, mustKeep: true)!;
                    throw _redactor.Wrap(
                        $"Pushing {branch} to {remote} failed: {e.Message}{AuthenticationHint(_options, e)}. The commit {commit.Sha[..7]} is kept on the local branch {kept}; "
                        + $"retry with `git push {remote} {PushSpec(kept, branch)}`, or deliver the change again.",
                        e);
                }

                if (rejection is not null)
                {
                    if (!IsMovedRejection(rejection))
                    {
                        var kept = KeepLocal(session, branch, commit, basis, mustKeep: true)!;
                        throw new GitOpsException(_redactor.Redact(
                            $"The remote {remote} refused {branch}: {rejection}. The commit {commit.Sha[..7]} is kept on the local branch {kept}; retry with `git push {remote} {PushSpec(kept, branch)}` once the cause is fixed, or deliver the change again."));
                    }

                    if (attempts > _options.PushRetries)
                    {
                        throw new GitOpsException(
                            $"The push of {branch} to {remote} was rejected {attempts} times because the remote branch kept moving. Nothing was pushed; deliver the change again.");
                    }

                    Log($"push of {branch} rejected: the remote moved; fetching and planning again");
                    continue;
                }

                if (empty)
                {
                    DeleteLocalCopy(session, branch, basis.BranchTip!);
                }
                else
                {
                    KeepLocal(session, branch, commit, basis, mustKeep: false);
                    session.ForceReference($"refs/remotes/{remote}/{branch}", commit.Sha, "traefik-gitops: pushed");
                }
            }

            foreach (var dependency in published)
            {
                await UpdatePullRequestAsync(dependency.Branch, dependency.Last, cancellationToken).ConfigureAwait(false);
            }

            if (empty)
            {
                var closed = await ClosePullRequestAsync(branch, $"The change '{current.Title}' cancels out what this pull request proposed, so nothing is left to merge; the branch was deleted.", cancellationToken).ConfigureAwait(false);
                return Closed(current, DeliveryMode.PullRequest, branch, closed, $"Nothing is left to merge: this change cancels out what {branch} proposed, so the branch was deleted from {remote}{(closed is null ? string.Empty : $" and pull request #{closed.Number} closed")}.");
            }

            return await OpenPullRequestAsync(current, branch, commit, baseCommit, attempts, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DeliveryResult> OpenPullRequestAsync(Proposal proposal, string branch, Commit commit, string? baseCommit, int attempts, CancellationToken cancellationToken)
    {
        var pullRequest = branch == BaseBranch ? null : await OpenOrUpdatePullRequestAsync(proposal, branch, commit.Sha, baseCommit, cancellationToken).ConfigureAwait(false);
        var outcome = pullRequest is null ? DeliveryOutcome.Pushed : pullRequest.Created ? DeliveryOutcome.PullRequestOpened : DeliveryOutcome.PullRequestUpdated;
        var message = pullRequest is null
            ? $"Pushed {commit.Sha[..7]} to {_options.RemoteName}/{branch}{(branch == BaseBranch ? string.Empty : $"; open a pull request from {branch} into {BaseBranch}")}."
            : $"Pushed {commit.Sha[..7]} to {_options.RemoteName}/{branch} and {(pullRequest.Created ? "opened" : "updated")} pull request #{pullRequest.Number}{(pullRequest.Url is null ? string.Empty : " " + pullRequest.Url)}.";
        if (proposal.Basis.DependsOn is { } dependency)
        {
            message += $" It builds on the pending proposal {dependency} and carries that change too, so either can be merged first.";
        }

        Log(message);
        return new DeliveryResult
        {
            Proposal = proposal,
            Mode = DeliveryMode.PullRequest,
            Outcome = outcome,
            Branch = branch,
            Commit = commit.Sha,
            Files = [.. proposal.FileBytes.Keys],
            PullRequest = pullRequest,
            PushAttempts = attempts,
            Message = message,
        };
    }

    private async Task<PullRequestResult?> OpenOrUpdatePullRequestAsync(Proposal proposal, string branch, string tip, string? baseCommit, CancellationToken cancellationToken)
    {
        var provider = PullRequestProvider();
        IReadOnlyList<string> subjects;
        using (var session = OpenSession())
        {
            var head = session.LookupCommit(tip)!;
            subjects = [.. session.CommitsBetween(head, baseCommit is null ? null : session.LookupCommit(baseCommit)).Select(c => c.MessageShort)];
        }

        var (title, body) = _templates.PullRequest(proposal, branch, BaseBranch, subjects);
        return await provider.OpenOrUpdateAsync(new PullRequestSubmission(branch, BaseBranch, _redactor.Redact(title), _redactor.Redact(body)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// True when the remote refused because its branch moved (or was being moved or created by another writer at
    /// that moment: the remote could not lock it, or found it already created), which a fetch and a re-plan can fix.
    /// </summary>
    private static bool IsMovedRejection(string rejection) =>
        rejection.Contains("non-fast-forward", StringComparison.OrdinalIgnoreCase)
        || LockContention().IsMatch(rejection)
        || rejection.Contains("failed to update ref", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("reference with that name already exists", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("fetch first", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("stale", StringComparison.OrdinalIgnoreCase)
        || rejection.Contains("not present locally", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Points the local branch at a pushed (or unpushed) commit when that loses nothing: the branch is not
    /// checked out, and its tip is already in the commit's history, was the remote branch tip this proposal
    /// replaces, or is in the base branch. Otherwise a pushed commit leaves the local branch alone, and an
    /// unpushed one is kept on <c>&lt;branch&gt;-&lt;short id&gt;</c>. Returns the branch holding the commit, or null.
    /// </summary>
    private string? KeepLocal(GitSession session, string branch, Commit commit, Basis basis, bool mustKeep)
    {
        var reference = "refs/heads/" + branch;
        var current = session.ResolveCommit(reference);
        var safe = !session.CheckedOutBranches().Contains(reference)
            && (current is null
                || session.AheadBy(current, commit) == 0
                || current.Sha == basis.ReplacedBranchTip
                || (basis.Public.BaseCommit is { } baseSha && session.LookupCommit(baseSha) is { } baseCommit && session.AheadBy(current, baseCommit) == 0));
        if (safe)
        {
            session.ForceReference(reference, commit.Sha, "traefik-gitops: " + commit.MessageShort);
            return branch;
        }

        if (!mustKeep)
        {
            Log($"local branch {branch} is checked out or has commits of its own; left as it is (the pushed commit is {commit.Sha})");
            return null;
        }

        var keep = branch + "-" + commit.Sha[..7];
        session.ForceReference("refs/heads/" + keep, commit.Sha, "traefik-gitops: unpushed " + commit.MessageShort);
        return keep;
    }

    private IPullRequestProvider PullRequestProvider()
    {
        if (_pullRequestProvider is not null)
        {
            return _pullRequestProvider;
        }

        if (_options.PullRequestProvider == PullRequestProviderKind.None)
        {
            return NoPullRequestProvider.Instance;
        }

        var github = _options.GitHub;
        var token = Environment.GetEnvironmentVariable(github.TokenEnvironmentVariable);
        if (string.IsNullOrEmpty(token))
        {
            throw new GitOpsException($"The GitHub token environment variable {github.TokenEnvironmentVariable} is not set, so no pull request was opened. The branch is pushed; set it and deliver again.");
        }

        _redactor.Add(token);
        var owner = github.Owner;
        var name = github.Repository;
        if (owner is null || name is null)
        {
            using var session = OpenSession();
            var url = session.RemoteUrl(_options.RemoteName) ?? string.Empty;
            var parsed = RemoteRepositoryName(url)
                ?? throw new GitOpsException($"Cannot tell the GitHub owner and repository from the remote URL {_redactor.Redact(url)}; set GitHub.Owner and GitHub.Repository.");
            owner ??= parsed.Owner;
            name ??= parsed.Name;
        }

        return new GitHubPullRequestProvider(owner, name, token, github.ApiBaseUrl);
    }

    /// <summary>Owner and name from <c>https://host/owner/name(.git)</c>, <c>ssh://git@host/owner/name.git</c> or <c>git@host:owner/name.git</c>.</summary>
    internal static (string Owner, string Name)? RemoteRepositoryName(string url)
    {
        var path = url;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            path = uri.AbsolutePath;
        }
        else if (url.Contains('@', StringComparison.Ordinal) && url.Contains(':', StringComparison.Ordinal))
        {
            path = url[(url.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            return null;
        }

        var parts = path.Trim('/').Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        var name = parts[^1].EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? parts[^1][..^4] : parts[^1];
        return name.Length == 0 ? null : (parts[^2], name);
    }

    private static string PushSpec(string local, string remote) => local == remote ? local : local + ":" + remote;

    private static string Short(string? sha) => sha is null ? "no commit" : sha[..Math.Min(7, sha.Length)];
}
