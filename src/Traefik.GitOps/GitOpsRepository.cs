using Traefik.GitOps.Branches;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Planning;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.Refresh;
using Traefik.GitOps.State;
using Traefik.Manifests.Values;

namespace Traefik.GitOps;

/// <summary>
/// A GitOps repository holding Traefik objects: plans intents against its desired state
/// (<see cref="Plan"/>), reads that state (<see cref="ReadState"/>), and delivers proposals as a preview,
/// a working-tree change, a branch commit or a pull request (<see cref="DeliverAsync"/>, <see cref="ProposeAsync"/>,
/// <see cref="DeliverIfUnchangedAsync(Proposals.Proposal, DeliveryMode, CancellationToken)"/>), and keeps pending
/// proposal branches following their base (<see cref="RefreshAsync"/>, <see cref="DiscardAsync"/>). Safe to share between threads: every operation opens its own libgit2
/// handle, and writers take a per-repository lock (in this process and, through a lock file, across
/// processes).
/// </summary>
/// <remarks>
/// Cost follows the size of the change: the desired state is indexed once per repository and moved from
/// commit to commit by tree diffs (libgit2 skips unchanged folders), a plan edits only the files of the
/// objects it changes, the diff is limited to those paths, and validation checks the changed objects (plus,
/// for a deletion, who still refers to the deleted object). Working-tree plans also ask git which files
/// under the indexed folders differ from HEAD.
/// </remarks>
public sealed class GitOpsRepository
{
    /// <summary>The most commits a proposal branch may have over its base for it to be rebuilt.</summary>
    public const int MaxProposalCommits = 200;

    /// <summary>The most proposal branches a refresh (or a search for the pending change a plan needs) looks at.</summary>
    public const int MaxProposalBranches = 500;

    // A facade: each collaborator does one job (see README, "Layout"); this class takes the writer lock, checks
    // arguments, and turns a git failure that reaches it into a GitOpsException.
    private readonly GitOpsContext _context;
    private readonly SessionPool _sessions;
    private readonly StateReader _states;
    private readonly BasisResolver _resolver;
    private readonly StackingPlanner _planner;
    private readonly ProposalDelivery _delivery;
    private readonly PullRequestPublisher _publisher;
    private readonly ProposalRefresher _refresher;
    private readonly ProposalDiscarder _discarder;

    private GitOpsRepository(GitOpsContext context, IPullRequestProvider? pullRequestProvider)
    {
        _context = context;
        _sessions = new SessionPool(context.GitDirectory);
        _states = new StateReader(context);
        var planner = new ProposalPlanner(context);
        var committer = new BranchCommitter(context);
        _resolver = new BasisResolver(context, _states, new BranchRebuilder(context, _states, planner, committer));
        _planner = new StackingPlanner(context, _states, planner);
        var remote = new RemoteBranches(context);
        var pullRequests = new PullRequestClient(context, _sessions, pullRequestProvider);
        _publisher = new PullRequestPublisher(context, _sessions, _resolver, _planner, committer, remote, pullRequests);
        _delivery = new ProposalDelivery(context, _sessions, _resolver, _planner, committer, _publisher);
        _refresher = new ProposalRefresher(context, _sessions, _resolver, _states, remote, pullRequests);
        _discarder = new ProposalDiscarder(context, _sessions, _resolver, remote, pullRequests, _refresher);
    }

    /// <summary>Test seam: runs before each push with the attempt number (1 for the first push).</summary>
    internal Action<int>? BeforePush
    {
        get => _publisher.BeforePush;
        set => _publisher.BeforePush = value;
    }

    /// <summary>Test seam: runs before a working-tree delivery replaces each file, with its path.</summary>
    internal Action<string>? BeforeWorktreeWrite
    {
        get => _delivery.BeforeWorktreeWrite;
        set => _delivery.BeforeWorktreeWrite = value;
    }

    /// <summary>How many files have been read and parsed into the index (to check the index is updated incrementally).</summary>
    internal int FilesParsed => _states.FilesParsed;

    /// <summary>The options the repository was opened with.</summary>
    public GitOpsOptions Options => _context.Options;

    /// <summary>The repository's git directory.</summary>
    public string GitDirectory => _context.GitDirectory;

    /// <summary>The working tree, or null for a bare repository.</summary>
    public string? WorkingDirectory => _context.WorkingDirectory;

    /// <summary>The base branch proposals start from and pull requests target.</summary>
    public string BaseBranch => _context.BaseBranch;

    /// <summary>The normalised root folder where new objects are written.</summary>
    public string Root => _context.Root;

    /// <summary>The normalised folders whose YAML is indexed (none inside another).</summary>
    public IReadOnlyList<string> IndexedFolders => _context.IndexedFolders;

    /// <summary>
    /// Opens a local repository, or clones <see cref="GitOpsOptions.RemoteUrl"/> (into
    /// <see cref="GitOpsOptions.RepositoryPath"/> or the cache folder) first. Templates are parsed here, so a
    /// broken template fails now.
    /// </summary>
    /// <param name="options">Where the repository is and how to deliver.</param>
    /// <param name="timeProvider">The clock for commit times; null means the system clock.</param>
    /// <param name="pullRequestProvider">A provider to use instead of the one <see cref="GitOpsOptions.PullRequestProvider"/> names.</param>
    /// <exception cref="GitOpsException">The options are inconsistent, the repository cannot be opened or cloned, or a template does not parse.</exception>
    public static GitOpsRepository Open(GitOpsOptions options, TimeProvider? timeProvider = null, IPullRequestProvider? pullRequestProvider = null) =>
        new(RepositorySetup.Open(options, timeProvider), pullRequestProvider);

    /// <summary>
    /// Creates a local GitOps repository at <paramref name="path"/> with branch <paramref name="branch"/>
    /// and one initial commit (a README and the manifest root folder), unless a repository is already
    /// there. Returns true when it created one.
    /// </summary>
    /// <param name="path">The folder; created when missing.</param>
    /// <param name="branch">The initial branch.</param>
    /// <param name="root">The manifest root, noted in the README.</param>
    /// <param name="author">The author of the initial commit.</param>
    /// <param name="time">The commit time.</param>
    /// <exception cref="GitOpsException">The folder exists, is not empty and is not a repository.</exception>
    public static bool InitializeLocal(string path, string branch, string root, CommitIdentity author, DateTimeOffset time) =>
        RepositorySetup.InitializeLocal(path, branch, root, author, time);

    /// <summary>The proposal branch for an object, from the branch name template (title and fingerprint empty).</summary>
    public string BranchNameFor(string @namespace, string target) => _context.Templates.BranchName(@namespace, target, string.Empty, string.Empty);

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
        return Guarded($"planning '{intent.Title}'", () =>
        {
            var mode = _resolver.Effective(basis);
            var branch = _context.BranchFor(intent);
            using var session = _sessions.Open();
            var resolved = _resolver.Resolve(session, mode, branch);
            return _planner.Plan(session, resolved, intent, branch).Proposal;
        });
    }

    /// <summary>
    /// Reads the desired state the way a plan would see it. With <paramref name="namespace"/> and
    /// <paramref name="target"/>, the state is read from that object's proposal branch when it is pending
    /// (as a plan for that object would); otherwise from the base (or the working tree).
    /// </summary>
    /// <param name="basis">The delivery whose starting state to read; null or <see cref="DeliveryMode.Diff"/> means <see cref="GitOpsOptions.DefaultDelivery"/>.</param>
    /// <param name="namespace">The namespace of the route or object, or null.</param>
    /// <param name="target">The route or object name, or null.</param>
    public DesiredState ReadState(DeliveryMode? basis = null, string? @namespace = null, string? target = null) => Guarded("reading the desired state", () =>
    {
        var mode = _resolver.Effective(basis);
        // No proposal branch exists for a namespace or target that is not a Kubernetes name: read the base.
        var branch = KubernetesName.TryParse(@namespace, KubernetesNameRule.Label, out _) && KubernetesName.TryParse(target, KubernetesNameRule.Subdomain, out _)
            ? BranchNameFor(@namespace!, target!)
            : null;
        using var session = _sessions.Open();
        var resolved = _resolver.Resolve(session, mode, branch, conflictStops: false);
        return new DesiredState
        {
            Objects = resolved.State.Objects,
            Basis = resolved.Public,
            Locations = resolved.State.Locations,
            Problems = [.. resolved.State.Problems],
            Unreadable = [.. resolved.State.Unreadable.Values],
            PendingProposals = _resolver.PendingProposals(session, mode),
        };
    });

    /// <summary>Plans an intent and delivers it, holding the writer lock throughout.</summary>
    /// <param name="intent">The change.</param>
    /// <param name="mode">What to write.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="Traefik.Manifests.Validation.ManifestException">The intent does not apply.</exception>
    /// <exception cref="GitOpsException">Planning or delivery failed; the message says what was (not) written and how to retry.</exception>
    public async Task<DeliveryResult> ProposeAsync(ITrafficIntent intent, DeliveryMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (mode == DeliveryMode.Diff)
        {
            return DeliveryVerdicts.Previewed(Plan(intent, mode));
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _context.Options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await GuardedAsync($"delivering '{intent.Title}'", () => _delivery.DeliverAsync(null, intent, mode, null, cancellationToken)).ConfigureAwait(false);
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
    /// <exception cref="Traefik.Manifests.Validation.ManifestException">Re-planning found that the intent no longer applies.</exception>
    /// <exception cref="GitOpsException">Delivery failed; the message says what was (not) written and how to retry.</exception>
    public async Task<DeliveryResult> DeliverAsync(Proposal proposal, DeliveryMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (mode == DeliveryMode.Diff)
        {
            return DeliveryVerdicts.Previewed(proposal);
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _context.Options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await GuardedAsync($"delivering '{proposal.Title}'", () => _delivery.DeliverAsync(proposal, proposal.Intent, mode, null, cancellationToken)).ConfigureAwait(false);
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
    /// <exception cref="Traefik.Manifests.Validation.ManifestException">The intent no longer applies.</exception>
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

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _context.Options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await GuardedAsync($"delivering '{intent.Title}'", () => _delivery.DeliverAsync(null, intent, mode, reviewedDiff, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings every pending proposal of a delivery up to date with the current base: a branch whose base moved
    /// is rebuilt by planning its recorded intents again, in order, on the current base (or on the current tip of
    /// the pending proposal it builds on, itself refreshed first) and pushed with a lease, and its pull request
    /// updated; a branch merged into the base, or whose changes cancel out, is deleted and its pull request
    /// closed. A branch that cannot follow (its intents no longer apply as they did, or a commit on it has no
    /// recorded intent) is left as it was, and the result says why, with both versions of what conflicts.
    /// </summary>
    /// <param name="mode">
    /// <see cref="DeliveryMode.PullRequest"/> (the remote's branches and their pull requests, after a fetch) or
    /// <see cref="DeliveryMode.Branch"/> (local branches); null means pull requests when that is the default
    /// delivery, else branches.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="GitOpsException">The mode is not branch or pull request, or git failed.</exception>
    public async Task<RefreshResult> RefreshAsync(DeliveryMode? mode = null, CancellationToken cancellationToken = default)
    {
        var effective = mode ?? (_context.Options.DefaultDelivery == DeliveryMode.PullRequest ? DeliveryMode.PullRequest : DeliveryMode.Branch);
        if (effective is not (DeliveryMode.Branch or DeliveryMode.PullRequest))
        {
            throw new GitOpsException($"Refresh works on proposal branches: use branch (local branches) or pull_request (the remote's), not {effective}.");
        }

        using var writer = await WriterLock.AcquireAsync(GitDirectory, _context.Options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await GuardedAsync("refreshing the pending proposals", () => _refresher.RefreshAsync(effective, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The proposal branch (local or on the remote) one of whose commits carries <paramref name="proposalId"/> in its
    /// <c>Traefik-Proposal-Id</c> trailer, or null. Reads the remote-tracking branches as last fetched.
    /// </summary>
    /// <param name="proposalId">A proposal id (16 hex digits).</param>
    public string? FindProposalBranch(string proposalId)
    {
        ArgumentNullException.ThrowIfNull(proposalId);
        return Guarded($"looking for the branch of proposal {proposalId}", () =>
        {
            using var session = _sessions.Open();
            return _resolver.FindProposalBranch(session, proposalId);
        });
    }

    /// <summary>
    /// Discards a proposal: deletes its branch locally and on the remote (with a lease: a branch that moved since the
    /// fetch is left alone) and closes its pull request with a comment; proposals that built on it are then rebuilt
    /// on the base, or left as they were with the reason when their intents need what was discarded.
    /// </summary>
    /// <param name="branch">The proposal branch (see <see cref="BranchNameFor"/> and <see cref="FindProposalBranch"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the pull request calls.</param>
    /// <exception cref="GitOpsException">There is no such proposal branch, it was not made by this library, it is checked out, or git failed.</exception>
    public async Task<DiscardResult> DiscardAsync(string branch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(branch);
        _discarder.ThrowIfNotProposalBranch(branch);
        using var writer = await WriterLock.AcquireAsync(GitDirectory, _context.Options.LockTimeout, cancellationToken).ConfigureAwait(false);
        return await GuardedAsync($"discarding {branch}", () => _discarder.DiscardAsync(branch, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Owner and name from <c>https://host/owner/name(.git)</c>, <c>ssh://git@host/owner/name.git</c> or <c>git@host:owner/name.git</c>.</summary>
    internal static (string Owner, string Name)? RemoteRepositoryName(string url) => PullRequestClient.RemoteRepositoryName(url);

    private T Guarded<T>(string what, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (GitFailedException e)
        {
            throw GitFailed(what, e);
        }
    }

    private async Task<T> GuardedAsync<T>(string what, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (GitFailedException e)
        {
            throw GitFailed(what, e);
        }
    }

    /// <summary>A git failure nothing closer to it explained (a lock file left behind, a corrupt object), as the documented <see cref="GitOpsException"/>.</summary>
    private GitOpsException GitFailed(string what, GitFailedException e) =>
        _context.Redactor.Wrap($"Git failed while {what}: {e.Message.TrimEnd(' ', ':', '.')}. Fix what it names in the repository and try again.", e);
}
