using System.Collections.Immutable;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace Traefik.GitOps.Git;

/// <summary>
/// The one seam between this library and LibGit2Sharp: everything else speaks paths, bytes and commit
/// ids. A session owns one <see cref="Repository"/> and is disposed after each operation, so native
/// handles never outlive it and sessions are never shared between threads.
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
    public static GitSession Open(string path, TreeEntryCache? trees = null, Func<GitSession, bool>? release = null)
    {
        // Walks up with IsValid instead of Repository.Discover: Discover reads libgit2's answer back through
        // a git_buf passed as a class, which NativeAOT marshals in only, so the AOT build would find nothing.
        for (var folder = new DirectoryInfo(Path.GetFullPath(path)); folder is not null; folder = folder.Parent)
        {
            if (Repository.IsValid(folder.FullName))
            {
                return new GitSession(new Repository(folder.FullName), trees, release);
            }
        }

        throw new GitOpsException($"No git repository at or above {path}.");
    }

    public static void Clone(string url, string path, CredentialsHandler? credentials)
    {
        var options = new CloneOptions();
        if (credentials is not null)
        {
            options.FetchOptions.CredentialsProvider = credentials;
        }

        Repository.Clone(url, path, options);
    }

    public static bool IsValidBranchName(string name) => Reference.IsValidName("refs/heads/" + name);

    public Commit? ResolveCommit(string canonicalRef) =>
        _repo.Refs[canonicalRef]?.ResolveToDirectReference()?.Target as Commit;

    public Commit? LookupCommit(string sha) => _repo.Lookup<Commit>(sha);

    public Tree? LookupTree(string sha) => _repo.Lookup<Tree>(sha);

    public string? SymbolicTarget(string canonicalRef) => (_repo.Refs[canonicalRef] as SymbolicReference)?.TargetIdentifier;

    public Commit? HeadCommit => _repo.Head.Tip;

    public string? RemoteUrl(string remote) => _repo.Network.Remotes[remote]?.Url;

    public bool HasRemote(string remote) => _repo.Network.Remotes[remote] is not null;

    /// <summary>Branches checked out here or in any linked worktree (moving one would change someone's checkout).</summary>
    public IReadOnlySet<string> CheckedOutBranches()
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

        return result;
    }

    public Tree EmptyTree() => _repo.ObjectDatabase.CreateTree(new TreeDefinition());

    /// <summary>The subtree at a path, or null when there is none.</summary>
    public Tree? SubTree(Tree tree, string path)
    {
        if (path.Length == 0)
        {
            return tree;
        }

        return tree[path] is { TargetType: TreeEntryTargetType.Tree } entry ? (Tree)entry.Target : null;
    }

    /// <summary>Every file under a tree, with paths prefixed by <paramref name="prefix"/>, and whether it is a symbolic link.</summary>
    public IEnumerable<(string Path, string BlobId, bool IsLink)> Files(Tree tree, string prefix)
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

    /// <summary>The size of a blob, read from its header (the content is not read or inflated).</summary>
    public long BlobSize(string blobId) => _repo.ObjectDatabase.RetrieveObjectMetadata(new ObjectId(blobId)).Size;

    /// <summary>
    /// The first component of <paramref name="path"/> (itself included) that is in <paramref name="tree"/> but is not
    /// a folder, with its mode (a symbolic link, a file, a submodule); null when every existing component is a folder.
    /// </summary>
    public (string Path, Mode Mode)? FirstNonFolder(Tree tree, string path)
    {
        var entries = Entries(tree.Sha);
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

    /// <summary>Files that differ between two trees (libgit2 skips identical subtrees, so this costs the size of the change), and whether each is now a symbolic link.</summary>
    public IEnumerable<(string Path, string? BlobId, bool IsLink)> ChangedFiles(Tree from, Tree to, string prefix)
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

    public byte[] ReadBlob(string blobId)
    {
        var blob = _repo.Lookup<Blob>(blobId) ?? throw new GitOpsException($"Blob {blobId} is missing from the repository.");
        using var stream = blob.GetContentStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public byte[]? ReadFile(Tree tree, string path) =>
        tree[path] is { TargetType: TreeEntryTargetType.Blob } entry ? ReadBlob(entry.Target.Sha) : null;

    /// <summary>A tree equal to <paramref name="baseTree"/> with files replaced (bytes) or removed (null). Empty folders disappear.</summary>
    /// <summary>
    /// A tree equal to <paramref name="baseTree"/> with each path set to new content (null deletes it).
    /// Only the folders on the changed paths are rewritten; folders left empty disappear, as in git.
    /// </summary>
    /// <exception cref="GitOpsException">A path is, or is under, a symbolic link, a file or a submodule in <paramref name="baseTree"/>.</exception>
    public Tree BuildTree(Tree baseTree, IEnumerable<(string Path, byte[]? Content)> changes)
    {
        var items = new List<(string Path, TreeItem? Item)>();
        foreach (var (path, content) in changes)
        {
            ThrowIfNotWritable(baseTree, path);
            if (content is null)
            {
                items.Add((path, null));
                continue;
            }

            items.Add((path, new TreeItem(ItemAt(baseTree.Sha, path)?.Mode ?? TreeItem.FileMode, Blob(content))));
        }

        return SetEntries(baseTree, items);
    }

    /// <summary>
    /// The unified diff of changing <paramref name="changes"/> in <paramref name="baseTree"/>, byte for byte as
    /// <c>git diff</c> prints it (renames detected, as git does by default).
    /// </summary>
    /// <remarks>
    /// It is the diff of two small trees holding only the changed paths, as they are in the base and as the
    /// changes leave them: the same paths, blobs and modes as the full trees, so the same patch, at a cost that
    /// follows the change. Those trees and the new blobs are written to libgit2's in-memory store and dropped
    /// afterwards; a plan creates no files in the repository (a delivery writes what it commits).
    /// </remarks>
    /// <exception cref="GitOpsException">A path is, or is under, a symbolic link, a file or a submodule in <paramref name="baseTree"/>.</exception>
    public string ChangePatch(Tree baseTree, IReadOnlyCollection<(string Path, byte[]? Content)> changes)
    {
        ArgumentNullException.ThrowIfNull(baseTree);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (path, _) in changes)
        {
            ThrowIfNotWritable(baseTree, path);
        }

        var native = Native();
        try
        {
            var paths = changes.Select(c => (Segments: c.Path.Split('/'), Old: ItemAt(baseTree.Sha, c.Path), c.Content)).ToList();
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
    public string TreePatch(Tree from, Tree to)
    {
        var changes = ChangedFiles(from, to, string.Empty).Select(c => (c.Path, c.BlobId is null ? null : ReadBlob(c.BlobId))).ToList();
        return changes.Count == 0 ? string.Empty : ChangePatch(from, changes);
    }

    /// <summary>
    /// Refuses a path that is a symbolic link or a submodule, or that has a link, file or submodule where one of its
    /// folders should be: writing it would replace the link (or the file) with content it never held, or, once
    /// checked out, write through the link outside the folder.
    /// </summary>
    public void ThrowIfNotWritable(Tree baseTree, string path)
    {
        if (FirstNonFolder(baseTree, path) is not { } entry || (entry.Path == path && entry.Mode is Mode.NonExecutableFile or Mode.ExecutableFile))
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

    private Tree SetEntries(Tree baseTree, IEnumerable<(string Path, TreeItem? Item)> items)
    {
        var changes = items.ToList();
        var root = Write(baseTree.Id.Sha, changes.Select(c => (c.Path.Split('/'), c.Item)).ToList(), 0, default);
        return _repo.Lookup<Tree>(new ObjectId(root ?? EmptyTree().Id.RawId))!;
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

    public Commit CreateCommit(Signature author, Signature committer, string message, Tree tree, Commit? parent) =>
        _repo.ObjectDatabase.CreateCommit(author, committer, message, tree, parent is null ? [] : [parent], prettifyMessage: false);

    /// <summary>Points a reference at a commit, refusing when it moved since it was read.</summary>
    public void SetReference(string canonicalName, string commitId, string? expected, string logMessage)
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
    }

    /// <summary>Points a reference at a commit whatever it pointed at (used for the local copy of a pushed branch).</summary>
    public void ForceReference(string canonicalName, string commitId, string logMessage) =>
        _repo.Refs.Add(canonicalName, new ObjectId(commitId), logMessage, allowOverwrite: true);

    public void DeleteReference(string canonicalName)
    {
        if (_repo.Refs[canonicalName] is not null)
        {
            _repo.Refs.Remove(canonicalName);
        }
    }

    /// <summary>How many commits <paramref name="tip"/> has that <paramref name="other"/> does not.</summary>
    public int AheadBy(Commit tip, Commit? other)
    {
        if (other is null)
        {
            return _repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = tip }).Count();
        }

        return _repo.ObjectDatabase.CalculateHistoryDivergence(tip, other).AheadBy ?? 0;
    }

    /// <summary>
    /// True when every file the branch changed since it forked from <paramref name="baseCommit"/> already has
    /// the branch's content in <paramref name="baseCommit"/> — the branch was merged, squashed or rebased in.
    /// Costs the size of the branch's change.
    /// </summary>
    public bool ChangesContainedIn(Commit tip, Commit baseCommit)
    {
        var fork = _repo.ObjectDatabase.FindMergeBase(tip, baseCommit);
        if (fork is null)
        {
            return false;
        }

        foreach (var (path, blobId, _) in ChangedFiles(fork.Tree, tip.Tree, string.Empty))
        {
            var inBase = baseCommit.Tree[path] is { TargetType: TreeEntryTargetType.Blob } entry ? entry.Target.Sha : null;
            if (!string.Equals(inBase, blobId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Commits reachable from <paramref name="tip"/> but not from <paramref name="other"/>, oldest first.</summary>
    public IReadOnlyList<Commit> CommitsBetween(Commit tip, Commit? other) =>
        [.. _repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = tip,
            ExcludeReachableFrom = other,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        })];

    /// <summary>At most <paramref name="limit"/> commits reachable from <paramref name="tip"/> but not from <paramref name="other"/>, the newest ones, oldest first.</summary>
    public IReadOnlyList<Commit> CommitsBetween(Commit tip, Commit? other, int limit)
    {
        var newest = _repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = tip,
            ExcludeReachableFrom = other,
            SortBy = CommitSortStrategies.Topological,
        }).Take(limit).ToList();
        newest.Reverse();
        return newest;
    }

    /// <summary>Branch references under a prefix (<c>refs/heads/</c> or <c>refs/remotes/origin/</c>), with their tips.</summary>
    public IEnumerable<(string Name, Commit Tip)> Branches(string prefix)
    {
        foreach (var reference in _repo.Refs.FromGlob(prefix + "*"))
        {
            if (reference is DirectReference { Target: Commit tip })
            {
                yield return (reference.CanonicalName[prefix.Length..], tip);
            }
        }
    }

    /// <summary>Files under the folders that differ between HEAD and the working tree (staged or not, untracked included).</summary>
    public IEnumerable<string> ChangedInWorkingTree(IEnumerable<string> folders)
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

    public void Fetch(string remote, CredentialsHandler? credentials)
    {
        var options = new FetchOptions { Prune = true };
        if (credentials is not null)
        {
            options.CredentialsProvider = credentials;
        }

        Commands.Fetch(_repo, remote, [], options, "traefik-gitops: fetch");
    }

    /// <summary>
    /// Pushes a refspec (a leading <c>+</c> forces it). With a <paramref name="lease"/>, the push goes ahead only
    /// when the remote reference is what the lease expects at the moment the remote advertises it (git's
    /// <c>--force-with-lease</c>): a force then never overwrites work it has not seen. Returns null on success, or
    /// the rejection (the server's per-reference message, or <c>stale info</c> when the lease did not hold).
    /// </summary>
    /// <exception cref="NonFastForwardException">The remote branch has commits the pushed one does not.</exception>
    public string? Push(string remote, string refspec, CredentialsHandler? credentials, PushLease? lease = null)
    {
        string? rejection = null;
        var options = new PushOptions { OnPushStatusError = e => rejection = e.Message };
        if (credentials is not null)
        {
            options.CredentialsProvider = credentials;
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

        return rejection;
    }

    /// <summary>Deletes a reference when it still points where it was read; refuses otherwise.</summary>
    public void DeleteReference(string canonicalName, string expected)
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
