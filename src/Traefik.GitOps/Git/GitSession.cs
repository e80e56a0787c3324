using System.Collections.Immutable;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace Traefik.GitOps.Git;

/// <summary>
/// The one seam between this library and LibGit2Sharp: everything else speaks paths, bytes, ids and the value
/// records this returns (<see cref="GitCommit"/>, <see cref="GitSignature"/>, <see cref="TreeEntryKind"/>). A
/// session owns one <see cref="Repository"/> and is disposed after each operation, so native handles never
/// outlive it and sessions are never shared between threads. Every LibGit2Sharp exception becomes a
/// <see cref="GitFailedException"/> here.
/// </summary>
internal sealed class GitSession : IDisposable
{
    private readonly Repository _repo;
    private readonly TreeEntryCache _trees;
    private readonly Func<GitSession, bool>? _release;
    private NativePatch.Handle _native;

    private GitSession(Repository repo, TreeEntryCache? trees, Func<GitSession, bool>? release)
    {
        _repo = repo;
        _trees = trees ?? new TreeEntryCache();
        _release = release;
    }

    public string GitDirectory => _repo.Info.Path;

    public string? WorkingDirectory => _repo.Info.WorkingDirectory;

    public bool IsBare => _repo.Info.IsBare;

    /// <summary>Opens the repository that contains <paramref name="path"/> (the folder itself or the nearest parent that is one).</summary>
    /// <param name="path">A folder in the repository.</param>
    /// <param name="trees">A tree listing cache that outlives the session, or null.</param>
    /// <param name="release">
    /// Offered the session on <see cref="Dispose"/>: true means it was kept for the next operation (one at a
    /// time), so libgit2's parsed index and object caches are not rebuilt per operation; false closes it.
    /// </param>
    /// <exception cref="GitOpsException">There is no repository at or above <paramref name="path"/>.</exception>
    /// <exception cref="GitFailedException">libgit2 could not open it.</exception>
    public static GitSession Open(string path, TreeEntryCache? trees = null, Func<GitSession, bool>? release = null)
    {
        // Walks up with IsValid instead of Repository.Discover: Discover reads libgit2's answer back through
        // a git_buf passed as a class, which NativeAOT marshals in only, so the AOT build would find nothing.
        for (var folder = new DirectoryInfo(Path.GetFullPath(path)); folder is not null; folder = folder.Parent)
        {
            if (Repository.IsValid(folder.FullName))
            {
                return Guard(() => new GitSession(new Repository(folder.FullName), trees, release));
            }
        }

        throw new GitOpsException($"No git repository at or above {path}.");
    }

    /// <summary>True when <paramref name="path"/> is itself a git repository (a working tree's top folder or a git directory).</summary>
    public static bool IsRepository(string path) => Repository.IsValid(path);

    /// <summary>Clones <paramref name="url"/> into <paramref name="path"/>.</summary>
    /// <exception cref="GitFailedException">The clone failed.</exception>
    public static void Clone(string url, string path, GitCredentials? credentials)
    {
        var options = new CloneOptions();
        if (credentials is not null)
        {
            options.FetchOptions.CredentialsProvider = Handler(credentials);
        }

        Guard(() => Repository.Clone(url, path, options));
    }

    /// <summary>
    /// Creates a repository in the empty (or missing) folder <paramref name="path"/> whose HEAD is
    /// <paramref name="branch"/>, with <paramref name="files"/> written to the working tree and committed as its
    /// first commit.
    /// </summary>
    /// <exception cref="GitFailedException">libgit2 failed.</exception>
    public static void CreateWithFirstCommit(string path, string branch, IReadOnlyList<(string Path, string Text)> files, string message, GitSignature signature) =>
        Guard(() =>
        {
            Directory.CreateDirectory(path);
            Repository.Init(path);
            using var repo = new Repository(path);
            repo.Refs.UpdateTarget("HEAD", "refs/heads/" + branch);
            foreach (var (file, text) in files)
            {
                File.WriteAllText(Path.Combine(path, file), text);
                Commands.Stage(repo, file);
            }

            var who = Native(signature);
            repo.Commit(message, who, who);
        });

    public static bool IsValidBranchName(string name) => Reference.IsValidName("refs/heads/" + name);

    public GitCommit? ResolveCommit(string canonicalRef) =>
        Guard(() => _repo.Refs[canonicalRef]?.ResolveToDirectReference()?.Target is Commit commit ? Read(commit) : null);

    public GitCommit? LookupCommit(string id) => Guard(() => _repo.Lookup<Commit>(id) is { } commit ? Read(commit) : null);

    /// <summary>True when the object database has the tree <paramref name="treeId"/>.</summary>
    public bool HasTree(string treeId) => Guard(() => _repo.Lookup<Tree>(treeId) is not null);

    public string? SymbolicTarget(string canonicalRef) => Guard(() => (_repo.Refs[canonicalRef] as SymbolicReference)?.TargetIdentifier);

    /// <summary>The commit HEAD points at, or null while the branch it names has no commit.</summary>
    public GitCommit? HeadCommit => Guard(() => _repo.Head.Tip is { } tip ? Read(tip) : null);

    public string? RemoteUrl(string remote) => Guard(() => _repo.Network.Remotes[remote]?.Url);

    public bool HasRemote(string remote) => Guard(() => _repo.Network.Remotes[remote] is not null);

    /// <summary>Branches checked out here or in any linked worktree (moving one would change someone's checkout).</summary>
    public IReadOnlySet<string> CheckedOutBranches() => Guard(() =>
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!_repo.Info.IsHeadDetached && !_repo.Info.IsBare)
        {
            result.Add(_repo.Head.CanonicalName);
        }

        foreach (var worktree in _repo.Worktrees)
        {
            using var other = worktree.WorktreeRepository;
            if (!other.Info.IsHeadDetached)
            {
                result.Add(other.Head.CanonicalName);
            }
        }

        // Opened from a linked worktree: the main worktree's HEAD lives in the common directory.
        var commonFile = Path.Combine(_repo.Info.Path, "commondir");
        if (File.Exists(commonFile))
        {
            var common = Path.GetFullPath(Path.Combine(_repo.Info.Path, File.ReadAllText(commonFile).Trim()));
            var head = Path.Combine(common, "HEAD");
            if (File.Exists(head) && File.ReadAllText(head).Trim() is { } text && text.StartsWith("ref: ", StringComparison.Ordinal))
            {
                result.Add(text[5..].Trim());
            }
        }

        return (IReadOnlySet<string>)result;
    });

    /// <summary>The id of the empty tree (written to the object database, as a commit of nothing needs it there).</summary>
    public string EmptyTree() => Guard(() => _repo.ObjectDatabase.CreateTree(new TreeDefinition()).Sha);

    /// <summary>The tree id of a commit, or of the empty tree for none.</summary>
    public string TreeOf(GitCommit? commit) => commit?.TreeId ?? EmptyTree();

    /// <summary>The tree id of the commit <paramref name="commitId"/>, or of the empty tree for null.</summary>
    /// <exception cref="GitOpsException">The commit is missing from the repository.</exception>
    public string TreeOfCommit(string? commitId) =>
        commitId is null
            ? EmptyTree()
            : Guard(() => _repo.Lookup<Commit>(commitId)?.Tree.Sha) ?? throw new GitOpsException($"Commit {commitId} is missing from the repository.");

    /// <summary>The id of the folder at <paramref name="path"/> in a tree (the tree itself for the empty path), or null when there is none.</summary>
    public string? SubTree(string treeId, string path)
    {
        if (path.Length == 0)
        {
            return treeId;
        }

        var entries = Entries(treeId);
        foreach (var segment in path.Split('/'))
        {
            if (!entries.TryGetValue(segment, out var item) || !item.IsTree)
            {
                return null;
            }

            treeId = Convert.ToHexStringLower(item.Id.AsSpan());
            entries = Entries(treeId);
        }

        return treeId;
    }

    /// <summary>Every file under a tree, with paths prefixed by <paramref name="prefix"/>, and whether it is a symbolic link.</summary>
    public IEnumerable<(string Path, string BlobId, bool IsLink)> Files(string treeId, string prefix) =>
        Guard(Guard(() => Files(LookupTree(treeId), prefix)));

    /// <summary>The size of a blob, read from its header (the content is not read or inflated).</summary>
    public long BlobSize(string blobId) => Guard(() => _repo.ObjectDatabase.RetrieveObjectMetadata(new ObjectId(blobId)).Size);

    /// <summary>
    /// The first component of <paramref name="path"/> (itself included) that is in the tree but is not a folder,
    /// with what it is (a symbolic link, a file, a submodule); null when every existing component is a folder.
    /// </summary>
    public (string Path, TreeEntryKind Kind)? FirstNonFolder(string treeId, string path) =>
        FirstNonFolderEntry(treeId, path) is { } entry
            ? (entry.Path, entry.Mode switch { Mode.SymbolicLink => TreeEntryKind.SymbolicLink, Mode.GitLink => TreeEntryKind.Submodule, _ => TreeEntryKind.File })
            : null;

    /// <summary>Files that differ between two trees (libgit2 skips identical subtrees, so this costs the size of the change), and whether each is now a symbolic link.</summary>
    public IEnumerable<(string Path, string? BlobId, bool IsLink)> ChangedFiles(string fromTreeId, string toTreeId, string prefix) =>
        Guard(Guard(() => ChangedFiles(LookupTree(fromTreeId), LookupTree(toTreeId), prefix)));

    public byte[] ReadBlob(string blobId) => Guard(() =>
    {
        var blob = _repo.Lookup<Blob>(blobId) ?? throw new GitOpsException($"Blob {blobId} is missing from the repository.");
        using var stream = blob.GetContentStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>
    /// A tree equal to <paramref name="baseTreeId"/> with each path set to new content (null deletes it); its id.
    /// Only the folders on the changed paths are rewritten; folders left empty disappear, as in git.
    /// </summary>
    /// <exception cref="GitOpsException">A path is, or is under, a symbolic link, a file or a submodule in the base tree.</exception>
    public string BuildTree(string baseTreeId, IEnumerable<(string Path, byte[]? Content)> changes) => Guard(() =>
    {
        var items = new List<(string Path, TreeItem? Item)>();
        foreach (var (path, content) in changes)
        {
            ThrowIfNotWritable(baseTreeId, path);
            if (content is null)
            {
                items.Add((path, null));
                continue;
            }

            items.Add((path, new TreeItem(ItemAt(baseTreeId, path)?.Mode ?? TreeItem.FileMode, Blob(content))));
        }

        return SetEntries(baseTreeId, items);
    });

    /// <summary>
    /// The unified diff of changing <paramref name="changes"/> in <paramref name="baseTreeId"/>, byte for byte as
    /// <c>git diff</c> prints it (renames detected, as git does by default).
    /// </summary>
    /// <remarks>
    /// It is the diff of two small trees holding only the changed paths, as they are in the base and as the
    /// changes leave them: the same paths, blobs and modes as the full trees, so the same patch, at a cost that
    /// follows the change. Those trees and the new blobs are written to libgit2's in-memory store and dropped
    /// afterwards; a plan creates no files in the repository (a delivery writes what it commits).
    /// </remarks>
    /// <exception cref="GitOpsException">A path is, or is under, a symbolic link, a file or a submodule in the base tree.</exception>
    public string ChangePatch(string baseTreeId, IReadOnlyCollection<(string Path, byte[]? Content)> changes)
    {
        ArgumentNullException.ThrowIfNull(baseTreeId);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (path, _) in changes)
        {
            ThrowIfNotWritable(baseTreeId, path);
        }

        var native = Native();
        try
        {
            var paths = changes.Select(c => (Segments: c.Path.Split('/'), Old: ItemAt(baseTreeId, c.Path), c.Content)).ToList();
            var before = WriteInMemory(native, [.. paths.Select(p => (p.Segments, p.Old))]);
            var after = WriteInMemory(native, [.. paths.Select(p => (p.Segments, p.Content is null
                ? null
                : new TreeItem(p.Old?.Mode ?? TreeItem.FileMode, [.. NativePatch.Write(native, p.Content, NativePatch.ObjectKind.Blob)])))]);
            return NativePatch.Create(native, before, after, [.. changes.Select(c => c.Path)]);
        }
        finally
        {
            NativePatch.ForgetWrites(native);
        }
    }

    /// <summary>The unified diff between two trees, as <c>git diff</c> prints it (empty when they are the same).</summary>
    public string TreePatch(string fromTreeId, string toTreeId)
    {
        var changes = ChangedFiles(fromTreeId, toTreeId, string.Empty).Select(c => (c.Path, c.BlobId is null ? null : ReadBlob(c.BlobId))).ToList();
        return changes.Count == 0 ? string.Empty : ChangePatch(fromTreeId, changes);
    }

    /// <summary>
    /// Refuses a path that is a symbolic link or a submodule, or that has a link, file or submodule where one of its
    /// folders should be: writing it would replace the link (or the file) with content it never held, or, once
    /// checked out, write through the link outside the folder.
    /// </summary>
    public void ThrowIfNotWritable(string treeId, string path)
    {
        if (FirstNonFolderEntry(treeId, path) is not { } entry || (entry.Path == path && entry.Mode is Mode.NonExecutableFile or Mode.ExecutableFile))
        {
            return;
        }

        var what = entry.Mode switch
        {
            Mode.SymbolicLink => "a symbolic link",
            Mode.GitLink => "a submodule",
            _ => "a file",
        };
        throw new GitOpsException(entry.Path == path
            ? $"Refusing to write {path}: it is {what} in the repository, not a manifest file. Nothing was written; replace the link with the file it points to, or exclude it."
            : $"Refusing to write {path}: {entry.Path} is {what} in the repository, not a folder. Nothing was written; replace the link with the folder it points to, or choose another root.");
    }

    /// <summary>Writes a commit object (no reference moves) and returns it.</summary>
    public GitCommit CreateCommit(GitSignature author, GitSignature committer, string message, string treeId, string? parentId) => Guard(() =>
    {
        var tree = LookupTree(treeId);
        Commit[] parents = parentId is null ? [] : [_repo.Lookup<Commit>(new ObjectId(parentId)) ?? throw new GitOpsException($"Commit {parentId} is missing from the repository.")];
        return Read(_repo.ObjectDatabase.CreateCommit(Native(author), Native(committer), message, tree, parents, prettifyMessage: false));
    });

    /// <summary>Points a reference at a commit, refusing when it moved since it was read.</summary>
    public void SetReference(string canonicalName, string commitId, string? expected, string logMessage) => Guard(() =>
    {
        var current = _repo.Refs[canonicalName]?.ResolveToDirectReference()?.TargetIdentifier;
        if (!string.Equals(current, expected, StringComparison.Ordinal))
        {
            throw new GitOpsException($"{canonicalName} moved while the change was being written (expected {expected ?? "no branch"}, found {current ?? "no branch"}). Nothing was changed; try again.");
        }

        if (current is null)
        {
            _repo.Refs.Add(canonicalName, new ObjectId(commitId), logMessage);
        }
        else
        {
            _repo.Refs.UpdateTarget(_repo.Refs[canonicalName], new ObjectId(commitId), logMessage);
        }
    });

    /// <summary>Points a reference at a commit whatever it pointed at (used for the local copy of a pushed branch).</summary>
    public void ForceReference(string canonicalName, string commitId, string logMessage) =>
        Guard(() => _repo.Refs.Add(canonicalName, new ObjectId(commitId), logMessage, allowOverwrite: true));

    public void DeleteReference(string canonicalName) => Guard(() =>
    {
        if (_repo.Refs[canonicalName] is not null)
        {
            _repo.Refs.Remove(canonicalName);
        }
    });

    /// <summary>Deletes a reference when it still points where it was read; refuses otherwise.</summary>
    public void DeleteReference(string canonicalName, string expected) => Guard(() =>
    {
        var current = _repo.Refs[canonicalName]?.ResolveToDirectReference()?.TargetIdentifier;
        if (current is null)
        {
            return;
        }

        if (!string.Equals(current, expected, StringComparison.Ordinal))
        {
            throw new GitOpsException($"{canonicalName} moved while it was being deleted (expected {expected}, found {current}). Nothing was deleted; try again.");
        }

        _repo.Refs.Remove(canonicalName);
    });

    /// <summary>How many commits <paramref name="tip"/> has that <paramref name="other"/> does not.</summary>
    public int AheadBy(GitCommit tip, GitCommit? other) => Guard(() =>
    {
        if (other is null)
        {
            return _repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = new ObjectId(tip.Id) }).Count();
        }

        return _repo.ObjectDatabase.CalculateHistoryDivergence(LookupNative(tip), LookupNative(other)).AheadBy ?? 0;
    });

    /// <summary>
    /// True when every file the branch changed since it forked from <paramref name="baseCommit"/> already has
    /// the branch's content in <paramref name="baseCommit"/> — the branch was merged, squashed or rebased in.
    /// Costs the size of the branch's change.
    /// </summary>
    public bool ChangesContainedIn(GitCommit tip, GitCommit baseCommit) => Guard(() =>
    {
        var tipCommit = LookupNative(tip);
        var baseNative = LookupNative(baseCommit);
        var fork = _repo.ObjectDatabase.FindMergeBase(tipCommit, baseNative);
        if (fork is null)
        {
            return false;
        }

        foreach (var (path, blobId, _) in ChangedFiles(fork.Tree, tipCommit.Tree, string.Empty))
        {
            var inBase = baseNative.Tree[path] is { TargetType: TreeEntryTargetType.Blob } entry ? entry.Target.Sha : null;
            if (!string.Equals(inBase, blobId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    });

    /// <summary>Commits reachable from <paramref name="tip"/> but not from <paramref name="other"/>, oldest first.</summary>
    public IReadOnlyList<GitCommit> CommitsBetween(GitCommit tip, GitCommit? other) => Guard(() =>
        (IReadOnlyList<GitCommit>)[.. _repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = new ObjectId(tip.Id),
            ExcludeReachableFrom = other is null ? null : new ObjectId(other.Id),
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        }).Select(Read)]);

    /// <summary>At most <paramref name="limit"/> commits reachable from <paramref name="tip"/> but not from <paramref name="other"/>, the newest ones, oldest first.</summary>
    public IReadOnlyList<GitCommit> CommitsBetween(GitCommit tip, GitCommit? other, int limit) => Guard(() =>
    {
        var newest = _repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = new ObjectId(tip.Id),
            ExcludeReachableFrom = other is null ? null : new ObjectId(other.Id),
            SortBy = CommitSortStrategies.Topological,
        }).Take(limit).Select(Read).ToList();
        newest.Reverse();
        return (IReadOnlyList<GitCommit>)newest;
    });

    /// <summary>Branch references under a prefix (<c>refs/heads/</c> or <c>refs/remotes/origin/</c>), with their tips.</summary>
    public IEnumerable<(string Name, GitCommit Tip)> Branches(string prefix) => Guard(Guard(() => BranchesUnder(prefix)));

    /// <summary>Files under the folders that differ between HEAD and the working tree (staged or not, untracked included).</summary>
    public IEnumerable<string> ChangedInWorkingTree(IEnumerable<string> folders) => Guard(Guard(() => ChangedInWorkingTreeUnder(folders)));

    /// <summary>Fetches from a remote, pruning remote-tracking branches it no longer has.</summary>
    /// <exception cref="GitFailedException">The fetch failed (network, authentication).</exception>
    public void Fetch(string remote, GitCredentials? credentials) => Guard(() =>
    {
        var options = new FetchOptions { Prune = true };
        if (credentials is not null)
        {
            options.CredentialsProvider = Handler(credentials);
        }

        Commands.Fetch(_repo, remote, [], options, "traefik-gitops: fetch");
    });

    /// <summary>
    /// Pushes a refspec (a leading <c>+</c> forces it). With a <paramref name="lease"/>, the push goes ahead only
    /// when the remote reference is what the lease expects at the moment the remote advertises it (git's
    /// <c>--force-with-lease</c>): a force then never overwrites work it has not seen. Returns null on success, or
    /// the rejection (the server's per-reference message, or <c>stale info</c> when the lease did not hold).
    /// </summary>
    /// <exception cref="GitFailedException">The push failed (network, authentication), or the remote branch has commits the pushed one does not.</exception>
    public string? Push(string remote, string refspec, GitCredentials? credentials, PushLease? lease = null)
    {
        string? rejection = null;
        var options = new PushOptions { OnPushStatusError = e => rejection = e.Message };
        if (credentials is not null)
        {
            options.CredentialsProvider = Handler(credentials);
        }

        if (lease is not null)
        {
            options.OnNegotiationCompletedBeforePush = updates =>
            {
                foreach (var update in updates)
                {
                    if (update.DestinationRefName != lease.RemoteReference)
                    {
                        continue;
                    }

                    var current = update.SourceObjectId is null || update.SourceObjectId == ObjectId.Zero ? null : update.SourceObjectId.Sha;
                    if (!string.Equals(current, lease.Expected, StringComparison.Ordinal))
                    {
                        rejection = $"stale info: {lease.RemoteReference} is at {current ?? "nothing"} on the remote, not {lease.Expected ?? "nothing"} as last fetched";
                        return false;
                    }
                }

                return true;
            };
        }

        try
        {
            _repo.Network.Push(_repo.Network.Remotes[remote], refspec, options);
        }
        catch (LibGit2SharpException) when (rejection is not null && rejection.StartsWith("stale info", StringComparison.Ordinal))
        {
            // The lease did not hold: nothing was sent.
        }
        catch (LibGit2SharpException e)
        {
            throw Failed(e);
        }

        return rejection;
    }

    public void Dispose()
    {
        if (_release?.Invoke(this) != true)
        {
            Close();
        }
    }

    /// <summary>Releases the native repository.</summary>
    public void Close()
    {
        NativePatch.Free(_native);
        _native = default;
        _repo.Dispose();
    }

    private static GitFailedException Failed(LibGit2SharpException e) => new(e.Message, e) { RepositoryNotFound = e is RepositoryNotFoundException };

    private static T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (LibGit2SharpException e)
        {
            throw Failed(e);
        }
    }

    private static void Guard(Action call)
    {
        try
        {
            call();
        }
        catch (LibGit2SharpException e)
        {
            throw Failed(e);
        }
    }

    /// <summary>A lazy sequence whose enumeration turns LibGit2Sharp exceptions into <see cref="GitFailedException"/>.</summary>
    private static IEnumerable<T> Guard<T>(IEnumerable<T> items)
    {
        using var enumerator = Guard(items.GetEnumerator);
        while (Guard(enumerator.MoveNext))
        {
            yield return enumerator.Current;
        }
    }

    private static GitCommit Read(Commit commit) =>
        new(commit.Sha, commit.Tree.Sha, [.. commit.Parents.Select(p => p.Sha)], commit.Message, commit.MessageShort, Read(commit.Author), Read(commit.Committer));

    private static GitSignature Read(Signature signature) => new(signature.Name, signature.Email, signature.When);

    private static Signature Native(GitSignature signature) => new(signature.Name, signature.Email, signature.When);

    private static CredentialsHandler Handler(GitCredentials credentials) =>
        (_, _, _) => new UsernamePasswordCredentials { Username = credentials.UserName, Password = credentials.Token };

    private Commit LookupNative(GitCommit commit) =>
        _repo.Lookup<Commit>(new ObjectId(commit.Id)) ?? throw new GitOpsException($"Commit {commit.Id} is missing from the repository.");

    private Tree LookupTree(string treeId) =>
        _repo.Lookup<Tree>(new ObjectId(treeId)) ?? throw new GitOpsException($"Tree {treeId} is missing from the repository.");

    private static IEnumerable<(string Path, string BlobId, bool IsLink)> Files(Tree tree, string prefix)
    {
        foreach (var entry in tree)
        {
            var path = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                foreach (var file in Files((Tree)entry.Target, path))
                {
                    yield return file;
                }
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob)
            {
                yield return (path, entry.Target.Sha, entry.Mode == Mode.SymbolicLink);
            }
        }
    }

    private IEnumerable<(string Path, string? BlobId, bool IsLink)> ChangedFiles(Tree from, Tree to, string prefix)
    {
        var changes = _repo.Diff.Compare<TreeChanges>(from, to);
        foreach (var change in changes)
        {
            if (change.Status is ChangeKind.Deleted or ChangeKind.Renamed)
            {
                yield return (Join(prefix, change.OldPath), null, false);
            }

            if (change.Status is not ChangeKind.Deleted && change.Mode != Mode.GitLink)
            {
                yield return (Join(prefix, change.Path), change.Oid.Sha, change.Mode == Mode.SymbolicLink);
            }
        }
    }

    private IEnumerable<(string Name, GitCommit Tip)> BranchesUnder(string prefix)
    {
        foreach (var reference in _repo.Refs.FromGlob(prefix + "*"))
        {
            if (reference is DirectReference { Target: Commit tip })
            {
                yield return (reference.CanonicalName[prefix.Length..], Read(tip));
            }
        }
    }

    private IEnumerable<string> ChangedInWorkingTreeUnder(IEnumerable<string> folders)
    {
        var options = new StatusOptions
        {
            PathSpec = [.. folders.Select(f => f.Length == 0 ? "*" : f + "/")],
            IncludeUntracked = true,
            RecurseUntrackedDirs = true,
            IncludeIgnored = false,
            DetectRenamesInIndex = false,
            DetectRenamesInWorkDir = false,
            ExcludeSubmodules = true,
        };
        foreach (var entry in _repo.RetrieveStatus(options))
        {
            if (entry.State is not (FileStatus.Unaltered or FileStatus.Ignored))
            {
                yield return entry.FilePath.Replace('\\', '/');
            }
        }
    }

    /// <summary>The first component of <paramref name="path"/> that is in the tree but is not a folder, with its mode.</summary>
    private (string Path, Mode Mode)? FirstNonFolderEntry(string treeId, string path)
    {
        var entries = Entries(treeId);
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!entries.TryGetValue(segments[i], out var item))
            {
                return null;
            }

            if (!item.IsTree)
            {
                return (string.Join('/', segments[..(i + 1)]), (Mode)Convert.ToInt32(item.Mode, 8));
            }

            entries = Entries(Convert.ToHexStringLower(item.Id.AsSpan()));
        }

        return null;
    }

    /// <summary>Writes a tree holding only <paramref name="items"/> into the in-memory store; its id.</summary>
    private byte[] WriteInMemory(NativePatch.Handle native, List<(string[] Segments, TreeItem? Item)> items) =>
        Write(null, items, 0, native) ?? NativePatch.Write(native, [], NativePatch.ObjectKind.Tree);

    /// <summary>The file entry at <paramref name="path"/> in a tree, read through the cached listings; null when there is none.</summary>
    private TreeItem? ItemAt(string treeId, string path)
    {
        var segments = path.Split('/');
        var entries = Entries(treeId);
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!entries.TryGetValue(segments[i], out var folder) || !folder.IsTree)
            {
                return null;
            }

            entries = Entries(Convert.ToHexStringLower(folder.Id.AsSpan()));
        }

        return entries.TryGetValue(segments[^1], out var item) && !item.IsTree ? item : null;
    }

    private ImmutableArray<byte> Blob(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return [.. _repo.ObjectDatabase.CreateBlob(stream).Id.RawId];
    }

    private string SetEntries(string baseTreeId, IEnumerable<(string Path, TreeItem? Item)> items)
    {
        var changes = items.ToList();
        var root = Write(baseTreeId, changes.Select(c => (c.Path.Split('/'), c.Item)).ToList(), 0, default);
        return root is null ? EmptyTree() : Convert.ToHexStringLower(root);
    }

    /// <summary>
    /// Writes the folder <paramref name="treeId"/> with the changes below it; the new id, or null when it ends up
    /// empty. With an open <paramref name="memory"/> handle the trees go to its in-memory store (and are not
    /// cached: they are gone after the operation), else to the repository.
    /// </summary>
    private byte[]? Write(string? treeId, List<(string[] Segments, TreeItem? Item)> changes, int depth, NativePatch.Handle memory)
    {
        var entries = (treeId is null ? ImmutableSortedDictionary.Create<string, TreeItem>(StringComparer.Ordinal) : Entries(treeId)).ToBuilder();
        foreach (var (segments, item) in changes.Where(c => c.Segments.Length == depth + 1))
        {
            if (item is null)
            {
                entries.Remove(segments[depth]);
            }
            else
            {
                entries[segments[depth]] = item;
            }
        }

        foreach (var folder in changes.Where(c => c.Segments.Length > depth + 1).GroupBy(c => c.Segments[depth], StringComparer.Ordinal))
        {
            var existing = entries.TryGetValue(folder.Key, out var e) && e.IsTree ? Convert.ToHexStringLower(e.Id.AsSpan()) : null;
            var child = Write(existing, [.. folder], depth + 1, memory);
            if (child is null)
            {
                entries.Remove(folder.Key);
            }
            else
            {
                entries[folder.Key] = new TreeItem(TreeItem.TreeMode, [.. child]);
            }
        }

        if (entries.Count == 0)
        {
            return null;
        }

        var listing = entries.ToImmutable();
        if (!memory.IsEmpty)
        {
            return NativePatch.Write(memory, Serialize(listing), NativePatch.ObjectKind.Tree);
        }

        var id = _repo.ObjectDatabase.Write<Tree>(Serialize(listing));
        _trees.Add(id.Sha, listing);
        return id.RawId;
    }

    /// <summary>A tree's entries, from the cache or read once from libgit2.</summary>
    private ImmutableSortedDictionary<string, TreeItem> Entries(string treeId)
    {
        if (_trees.TryGet(treeId, out var cached))
        {
            return cached;
        }

        var tree = _repo.Lookup<Tree>(new ObjectId(treeId)) ?? throw new GitOpsException($"Tree {treeId} is missing from the repository.");
        var entries = tree.ToImmutableSortedDictionary(e => e.Name, e => new TreeItem(Octal(e.Mode), [.. e.Target.Id.RawId]), StringComparer.Ordinal);
        _trees.Add(treeId, entries);
        return entries;
    }

    /// <summary>The raw tree object: entries in git's order (a folder sorts as if its name ended with '/').</summary>
    private static byte[] Serialize(ImmutableSortedDictionary<string, TreeItem> entries)
    {
        using var bytes = new MemoryStream();
        var ordered = entries
            .Select(e => (Key: System.Text.Encoding.UTF8.GetBytes(e.Value.IsTree ? e.Key + "/" : e.Key), Name: e.Key, Item: e.Value))
            .OrderBy(e => e.Key, Utf8Order.Instance);
        foreach (var (_, name, item) in ordered)
        {
            bytes.Write(System.Text.Encoding.UTF8.GetBytes(item.Mode + " " + name));
            bytes.WriteByte(0);
            bytes.Write(item.Id.AsSpan());
        }

        return bytes.ToArray();
    }

    private static string Octal(Mode mode) => Convert.ToString((int)mode, 8);

    private NativePatch.Handle Native()
    {
        if (_native.IsEmpty)
        {
            _native = NativePatch.Open(_repo.Info.Path);
        }

        return _native;
    }

    private static string Join(string prefix, string path) => prefix.Length == 0 ? path : prefix + "/" + path;
}

/// <summary>Byte order of UTF-8 names, as git sorts tree entries.</summary>
internal sealed class Utf8Order : IComparer<byte[]>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}

/// <summary>What a push expects to find on the remote: the reference and its commit, or null for no such reference.</summary>
internal sealed record PushLease(string RemoteReference, string? Expected);
