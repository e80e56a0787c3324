using System.Text;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace Traefik.GitOps.Git;

/// <summary>
/// The one seam between this library and LibGit2Sharp: everything else speaks paths, bytes and commit
/// ids. A session owns one <see cref="Repository"/> and is used by one operation at a time, never by two
/// threads at once. Disposing a session hands it back to its <see cref="GitSessionPool"/> when it came from one
/// (so the next operation reuses libgit2's loaded pack indexes, index and caches), and closes it otherwise.
/// </summary>
internal sealed class GitSession : IDisposable
{
    private readonly Repository _repo;
    private readonly GitSessionPool? _pool;

    private GitSession(Repository repo, GitSessionPool? pool)
    {
        _repo = repo;
        _pool = pool;
    }

    public string GitDirectory => _repo.Info.Path;

    public string? WorkingDirectory => _repo.Info.WorkingDirectory;

    public bool IsBare => _repo.Info.IsBare;

    /// <summary>Opens the repository that contains <paramref name="path"/>; disposing the session closes it.</summary>
    public static GitSession Open(string path) => Open(path, null);

    /// <summary>Opens the repository that contains <paramref name="path"/>; disposing the session returns it to <paramref name="pool"/>.</summary>
    public static GitSession Open(string path, GitSessionPool? pool)
    {
        var found = Repository.Discover(path) ?? throw new GitOpsException($"No git repository at or above {path}.");
        return new GitSession(new Repository(found), pool);
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

    /// <summary>Every file under a tree, with paths prefixed by <paramref name="prefix"/>.</summary>
    public IEnumerable<(string Path, string BlobId)> Files(Tree tree, string prefix)
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
                yield return (path, entry.Target.Sha);
            }
        }
    }

    /// <summary>Files that differ between two trees (libgit2 skips identical subtrees, so this costs the size of the change).</summary>
    public IEnumerable<(string Path, string? BlobId)> ChangedFiles(Tree from, Tree to, string prefix)
    {
        var changes = _repo.Diff.Compare<TreeChanges>(from, to);
        foreach (var change in changes)
        {
            if (change.Status is ChangeKind.Deleted or ChangeKind.Renamed)
            {
                yield return (Join(prefix, change.OldPath), null);
            }

            if (change.Status is not ChangeKind.Deleted)
            {
                yield return (Join(prefix, change.Path), change.Oid.Sha);
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
    /// <remarks>
    /// Only the trees on the changed paths are written, each straight from its entries in git's tree format:
    /// every other entry is an object id taken from an existing tree, so it is not looked up again (libgit2's
    /// tree builder checks each entry against the object database, which for a folder of thousands of files
    /// costs more than the rest of a plan). A replaced file keeps its mode; a new one is a regular file.
    /// </remarks>
    public Tree BuildTree(Tree baseTree, IEnumerable<(string Path, byte[]? Content)> changes)
    {
        var edits = new TreeEdits();
        foreach (var (path, content) in changes)
        {
            edits.Set(path, content is null ? null : new FileEntry(WriteBlob(content), null));
        }

        return WriteTree(baseTree, edits) is { } id ? _repo.Lookup<Tree>(id)! : EmptyTree();
    }

    /// <summary>
    /// The unified diff of replacing files of <paramref name="baseTree"/> with <paramref name="after"/> (bytes, or
    /// null for a deletion), byte for byte as <c>git diff</c> prints it between the two full trees limited to those
    /// paths (renames detected among them, as git does by default). <paramref name="before"/> overrides what
    /// some paths hold before the change (working-tree edits; null when deleted there).
    /// </summary>
    /// <remarks>
    /// The diff is taken between two trees that hold only the changed paths, with the same blobs and modes
    /// as the full trees, so its cost follows the change, not the size of the folders it is in.
    /// </remarks>
    public string Patch(Tree baseTree, IReadOnlyDictionary<string, byte[]?> before, IReadOnlyCollection<(string Path, byte[]? Content)> after)
    {
        var old = new TreeEdits();
        var updated = new TreeEdits();
        foreach (var (path, content) in after)
        {
            var existing = baseTree[path] is { TargetType: TreeEntryTargetType.Blob } entry ? new FileEntry(entry.Target.Id, entry.Mode) : null;
            if (before.TryGetValue(path, out var overridden))
            {
                existing = overridden is null ? null : new FileEntry(WriteBlob(overridden), existing?.Mode ?? Mode.NonExecutableFile);
            }

            if (existing is not null)
            {
                old.Set(path, existing);
            }

            if (content is not null)
            {
                updated.Set(path, new FileEntry(WriteBlob(content), existing?.Mode ?? Mode.NonExecutableFile));
            }
        }

        var from = WriteTree(null, old) is { } oldId ? _repo.Lookup<Tree>(oldId)! : EmptyTree();
        var to = WriteTree(null, updated) is { } newId ? _repo.Lookup<Tree>(newId)! : EmptyTree();
        var options = new CompareOptions { Similarity = SimilarityOptions.Renames };
        using var patch = _repo.Diff.Compare<Patch>(from, to, after.Select(a => a.Path), options);
        return patch.Content;
    }

    /// <summary>Writes a blob from memory (the stream API stages every blob in a temporary file first).</summary>
    private ObjectId WriteBlob(byte[] content) => _repo.ObjectDatabase.Write<Blob>(content);

    /// <summary>Writes <paramref name="existing"/> with <paramref name="edits"/> applied; null when nothing is left in it.</summary>
    private ObjectId? WriteTree(Tree? existing, TreeEdits edits)
    {
        var entries = new Dictionary<string, (Mode Mode, ObjectId Id)>(StringComparer.Ordinal);
        var subtrees = new Dictionary<string, Tree>(StringComparer.Ordinal);
        if (existing is not null)
        {
            foreach (var entry in existing)
            {
                entries[entry.Name] = (entry.Mode, entry.Target.Id);
                if (entry.TargetType == TreeEntryTargetType.Tree && edits.Folders.ContainsKey(entry.Name))
                {
                    subtrees[entry.Name] = (Tree)entry.Target;
                }
            }
        }

        foreach (var (name, folder) in edits.Folders)
        {
            if (WriteTree(subtrees.GetValueOrDefault(name), folder) is { } id)
            {
                entries[name] = (Mode.Directory, id);
            }
            else
            {
                entries.Remove(name);
            }
        }

        foreach (var (name, file) in edits.Files)
        {
            if (file is null)
            {
                entries.Remove(name);
            }
            else
            {
                var mode = file.Mode
                    ?? (entries.TryGetValue(name, out var old) && old.Mode is not (Mode.Directory or Mode.GitLink) ? old.Mode : Mode.NonExecutableFile);
                entries[name] = (mode, file.Id);
            }
        }

        if (entries.Count == 0)
        {
            return null;
        }

        // Git's tree format: "<octal mode> <name>\0<20-byte id>" per entry, ordered by name bytes with a
        // folder's name compared as if it ended in '/'.
        var ordered = entries.Select(e => (Key: Encoding.UTF8.GetBytes(e.Value.Mode == Mode.Directory ? e.Key + "/" : e.Key), e.Key, e.Value)).ToList();
        ordered.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        using var raw = new MemoryStream(ordered.Count * 64);
        foreach (var (_, name, (mode, id)) in ordered)
        {
            raw.Write(Encoding.ASCII.GetBytes(Convert.ToString((int)mode, 8)));
            raw.WriteByte((byte)' ');
            raw.Write(Encoding.UTF8.GetBytes(name));
            raw.WriteByte(0);
            raw.Write(id.RawId);
        }

        return _repo.ObjectDatabase.Write<Tree>(raw.ToArray());
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

        foreach (var (path, blobId) in ChangedFiles(fork.Tree, tip.Tree, string.Empty))
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

    /// <summary>Pushes a refspec (a leading <c>+</c> forces it). Returns null on success, or the server's per-reference rejection message.</summary>
    /// <exception cref="NonFastForwardException">The remote branch has commits the pushed one does not.</exception>
    public string? Push(string remote, string refspec, CredentialsHandler? credentials)
    {
        string? rejection = null;
        var options = new PushOptions { OnPushStatusError = e => rejection = e.Message };
        if (credentials is not null)
        {
            options.CredentialsProvider = credentials;
        }

        _repo.Network.Push(_repo.Network.Remotes[remote], refspec, options);
        return rejection;
    }

    public void Dispose()
    {
        if (_pool is null || !_pool.Return(this))
        {
            Close();
        }
    }

    /// <summary>Releases the native repository handle.</summary>
    public void Close() => _repo.Dispose();

    private static string Join(string prefix, string path) => prefix.Length == 0 ? path : prefix + "/" + path;

    /// <summary>A file to write: its blob and its mode (null: the mode of the file it replaces, else a regular file).</summary>
    private sealed record FileEntry(ObjectId Id, Mode? Mode);

    /// <summary>The changes under one folder: files set or removed (null), and subfolders.</summary>
    private sealed class TreeEdits
    {
        public Dictionary<string, TreeEdits> Folders { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, FileEntry?> Files { get; } = new(StringComparer.Ordinal);

        /// <summary>Sets the file at a slash-separated path.</summary>
        public void Set(string path, FileEntry? file)
        {
            var folder = this;
            var segments = path.Split('/');
            foreach (var segment in segments[..^1])
            {
                if (!folder.Folders.TryGetValue(segment, out var child))
                {
                    child = new TreeEdits();
                    folder.Folders[segment] = child;
                }

                folder = child;
            }

            folder.Files[segments[^1]] = file;
        }
    }
}
