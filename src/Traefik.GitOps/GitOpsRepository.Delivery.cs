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
        return await DeliverLockedAsync(null, intent, mode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers a proposal. When the state it was planned on has moved (another commit, a working-tree edit,
    /// a different delivery's starting state), its intent is planned again on the current state first, so
    /// what is written is always a plan of the current state. A proposal with validation errors is refused.
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
        return await DeliverLockedAsync(proposal, proposal.Intent, mode, cancellationToken).ConfigureAwait(false);
    }

    private static DeliveryResult Previewed(Proposal proposal) => new()
    {
        Proposal = proposal,
        Mode = DeliveryMode.Diff,
        Outcome = proposal.IsNoOp ? DeliveryOutcome.NoChanges : DeliveryOutcome.Previewed,
        Message = proposal.IsNoOp ? "No changes: the intent is already satisfied." : $"Preview only: {proposal.FileChanges.Count} file(s) would change.",
    };

    private async Task<DeliveryResult> DeliverLockedAsync(Proposal? proposal, ITrafficIntent intent, DeliveryMode mode, CancellationToken cancellationToken)
    {
        var branch = BranchFor(intent);
        if (mode == DeliveryMode.PullRequest)
        {
            return await DeliverPullRequestAsync(proposal, intent, branch, cancellationToken).ConfigureAwait(false);
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

        var basis = ResolveBasis(session, mode, branch);
        ThrowIfUnreadable(basis.State);
        var current = Current(session, basis, proposal, intent, branch);
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

    private Proposal Current(GitSession session, Basis basis, Proposal? proposal, ITrafficIntent intent, string branch)
    {
        if (proposal is not null && proposal.Basis.Identity == basis.Public.Identity && proposal.Branch == branch)
        {
            return proposal;
        }

        if (proposal is not null)
        {
            Log($"the state moved since {proposal.Id} was planned ({proposal.Basis.Commit ?? "empty"} -> {basis.Public.Commit ?? "empty"}); planning again");
        }

        return PlanOn(session, basis, intent, branch);
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
        var commit = CreateCommit(session, proposal);
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
            Message = proposal.Basis.IsPendingBranch
                ? $"Committed {commit.Sha[..7]} on {branch}, on top of its pending changes (not pushed)."
                : $"Committed {commit.Sha[..7]} on {branch}, based on {BaseBranch} (not pushed).",
        };
    }

    private static void ThrowIfCheckedOut(GitSession session, string reference, string branch)
    {
        if (session.CheckedOutBranches().Contains(reference))
        {
            throw new GitOpsException(
                $"The branch {branch} is checked out, and moving it would change that checkout's files and index under it. Nothing was committed. "
                + "Check out another branch, change the branch name template, or use working-tree delivery.");
        }
    }

    private Commit CreateCommit(GitSession session, Proposal proposal)
    {
        var baseTree = CommitTree(session, proposal.Basis.Commit);
        var tree = session.BuildTree(baseTree, proposal.FileBytes.Select(b => (b.Key, b.Value)));
        var when = _time.GetUtcNow();
        var author = new Signature(_options.Author.Name, _options.Author.Email, when);
        var committerIdentity = _options.Committer ?? _options.Author;
        var committer = new Signature(committerIdentity.Name, committerIdentity.Email, when);
        var message = _redactor.Redact(_templates.CommitMessage(proposal, BaseBranch));
        var parent = proposal.Basis.Commit is null ? null : session.LookupCommit(proposal.Basis.Commit);
        return session.CreateCommit(author, committer, message, tree, parent);
    }

    private async Task<DeliveryResult> DeliverPullRequestAsync(Proposal? proposal, ITrafficIntent intent, string branch, CancellationToken cancellationToken)
    {
        var remote = _options.RemoteName;
        var attempts = 0;
        var current = proposal;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Commit commit;
            string? baseCommit;
            using (var session = OpenSession())
            {
                var basis = ResolveBasis(session, DeliveryMode.PullRequest, branch);
                ThrowIfUnreadable(basis.State);
                try
                {
                    current = Current(session, basis, current, intent, branch);
                }
                catch (Exception e) when (attempts > 0 && e is ManifestException or GitOpsException)
                {
                    throw new GitOpsException(
                        $"The remote branch {(basis.Public.IsPendingBranch ? branch : BaseBranch)} moved while this change was being delivered (now at {Short(basis.Public.Commit)}), and the change no longer applies there: {e.Message} Nothing was pushed.",
                        e);
                }

                if (current.IsNoOp)
                {
                    return NoChanges(current, DeliveryMode.PullRequest, branch, attempts);
                }

                ThrowIfInvalid(current);
                commit = CreateCommit(session, current);
                baseCommit = basis.Public.BaseCommit;
                var force = basis.ReplacedBranchTip is not null && !current.Basis.IsPendingBranch;
                var pushRef = "refs/traefik-gitops/push/" + branch;
                session.ForceReference(pushRef, commit.Sha, "traefik-gitops: push");
                attempts++;
                string? rejection;
                try
                {
                    Log($"push {commit.Sha} to {remote} {branch} (attempt {attempts})");
                    BeforePush?.Invoke(attempts);
                    if (force)
                    {
                        Log($"{branch} on {remote} ({Short(basis.ReplacedBranchTip)}) was already merged into {BaseBranch}; replacing it with a branch from {BaseBranch}");
                    }

                    rejection = session.Push(remote, $"{(force ? "+" : string.Empty)}{pushRef}:refs/heads/{branch}", Credentials());
                }
                catch (NonFastForwardException)
                {
                    rejection = "non-fast-forward";
                }
                catch (LibGit2SharpException e)
                {
                    var kept = KeepLocal(session, branch, commit, basis, mustKeep: true)!;
                    throw _redactor.Wrap(
                        $"Pushing {branch} to {remote} failed: {e.Message}{AuthenticationHint(_options, e)}. The commit {commit.Sha[..7]} is kept on the local branch {kept}; "
                        + $"retry with `git push {remote} {PushSpec(kept, branch)}`, or deliver the change again.",
                        e);
                }
                finally
                {
                    session.DeleteReference(pushRef);
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

                KeepLocal(session, branch, commit, basis, mustKeep: false);
                session.ForceReference($"refs/remotes/{remote}/{branch}", commit.Sha, "traefik-gitops: pushed");
            }

            return await OpenPullRequestAsync(current, branch, commit, baseCommit, attempts, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DeliveryResult> OpenPullRequestAsync(Proposal proposal, string branch, Commit commit, string? baseCommit, int attempts, CancellationToken cancellationToken)
    {
        var provider = PullRequestProvider();
        PullRequestResult? pullRequest = null;
        if (branch != BaseBranch)
        {
            IReadOnlyList<string> subjects;
            using (var session = OpenSession())
            {
                var tip = session.LookupCommit(commit.Sha)!;
                subjects = [.. session.CommitsBetween(tip, baseCommit is null ? null : session.LookupCommit(baseCommit)).Select(c => c.MessageShort)];
            }

            var (title, body) = _templates.PullRequest(proposal, branch, BaseBranch, subjects);
            pullRequest = await provider.OpenOrUpdateAsync(new PullRequestSubmission(branch, BaseBranch, _redactor.Redact(title), _redactor.Redact(body)), cancellationToken).ConfigureAwait(false);
        }

        var outcome = pullRequest is null ? DeliveryOutcome.Pushed : pullRequest.Created ? DeliveryOutcome.PullRequestOpened : DeliveryOutcome.PullRequestUpdated;
        var message = pullRequest is null
            ? $"Pushed {commit.Sha[..7]} to {_options.RemoteName}/{branch}{(branch == BaseBranch ? string.Empty : $"; open a pull request from {branch} into {BaseBranch}")}."
            : $"Pushed {commit.Sha[..7]} to {_options.RemoteName}/{branch} and {(pullRequest.Created ? "opened" : "updated")} pull request #{pullRequest.Number}{(pullRequest.Url is null ? string.Empty : " " + pullRequest.Url)}.";
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
