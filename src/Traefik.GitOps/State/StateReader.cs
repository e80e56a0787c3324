using Traefik.GitOps.Git;

namespace Traefik.GitOps.State;

/// <summary>
/// Reads the desired state of a commit, or of the working tree on top of HEAD, as a <see cref="StateIndex"/>. It
/// owns the index cache: the state is indexed once per repository and moved from tree to tree by tree diffs
/// (libgit2 skips unchanged folders), so moving between nearby commits costs the changed files, and a file is read
/// and parsed only when it changed.
/// </summary>
internal sealed class StateReader(GitOpsContext context)
{
    /// <summary>The cache key part of an indexed folder a tree does not have.</summary>
    private const string NoTree = "empty";

    private readonly StateCache _cache = new();
    private int _filesParsed;

    /// <summary>How many files have been read and parsed into an index (to check the index is updated incrementally).</summary>
    public int FilesParsed => _filesParsed;

    /// <summary>The state of a commit as a plan sees it (the empty state for none): its index, with indexed folders that are links named as unreadable.</summary>
    public StateIndex At(GitSession session, GitCommit? commit) => WithLinkedFolders(session, IndexOf(session, commit?.TreeId), commit?.TreeId);

    /// <summary>
    /// The state of the working tree: HEAD's, with every file under the indexed folders that differs from HEAD
    /// (staged or not, untracked included) read from disk. Links on the way are never followed: they are named
    /// as unreadable.
    /// </summary>
    public WorkingTreeState WorkingTree(GitSession session)
    {
        var head = session.HeadCommit;
        var state = WithLinkedFolders(session, IndexOf(session, head?.TreeId), head?.TreeId);
        var overlay = new SortedDictionary<string, FileText?>(StringComparer.Ordinal);
        var unreadable = new SortedDictionary<string, UnreadableFile>(StringComparer.Ordinal);
        var workTree = Path.GetFullPath(session.WorkingDirectory!);
        foreach (var folder in context.IndexedFolders.Where(f => f.Length > 0))
        {
            if (WorkingTreeFiles.FirstLink(workTree, folder) is { } link)
            {
                unreadable[link] = LinkEntry(link);
            }
        }

        foreach (var path in session.ChangedInWorkingTree(context.IndexedFolders))
        {
            if (context.Reading.Exclude.Matches(path))
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

            switch (WorkingTreeFiles.Read(Path.Combine(workTree, path), context.Reading.Limits.MaxBytes))
            {
                case { Missing: true }:
                    overlay[path] = null;
                    break;
                case { Text: { } text }:
                    overlay[path] = text;
                    break;
                case { TooLarge: { } size }:
                    unreadable[path] = StateIndex.TooLarge(path, size, context.Reading.Limits.MaxBytes);
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

        return new WorkingTreeState(head, state, overlay, unreadable);
    }

    /// <summary>The index of the indexed folders of a tree (the empty state for none), from the cache or moved from the most recent index.</summary>
    public StateIndex IndexOf(GitSession session, string? treeId)
    {
        var folders = context.IndexedFolders;
        var trees = folders.Select(f => treeId is null ? null : session.SubTree(treeId, f)).ToList();
        var ids = trees.Select(t => t ?? NoTree).ToList();
        var key = string.Join("|", ids);
        if (_cache.TryGet(key, out var cached))
        {
            return cached.Index;
        }

        StateIndex index;
        if (_cache.MostRecent() is { } recent)
        {
            var updates = new List<FileUpdate>();
            for (var i = 0; i < folders.Count; i++)
            {
                if (recent.TreeIds[i] == ids[i])
                {
                    continue;
                }

                var from = recent.TreeIds[i] != NoTree && session.HasTree(recent.TreeIds[i]) ? recent.TreeIds[i] : session.EmptyTree();
                var to = trees[i] ?? session.EmptyTree();
                updates.AddRange(session.ChangedFiles(from, to, folders[i]).Select(c => Update(session, c.Path, c.BlobId, c.IsLink)));
            }

            index = recent.Index.With(updates);
        }
        else
        {
            index = StateIndex.Empty(context.Root, context.Reading).With(trees
                .SelectMany((tree, i) => tree is null ? [] : session.Files(tree, folders[i]))
                .Select(f => Update(session, f.Path, f.BlobId, f.IsLink)));
        }

        _cache.Add(key, ids, index);
        return index;
    }

    /// <summary>A symbolic link under an indexed folder: never read (its text is a path, not YAML), never written through.</summary>
    public static UnreadableFile LinkEntry(string path) =>
        new(path, null, null, "is a symbolic link; links are never read as manifests or written through. Replace it with the file or folder it points to, or exclude it.");

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

    /// <summary>
    /// Adds an unreadable entry for an indexed folder that is a symbolic link (or sits under one, or under a file)
    /// in the tree: git stores the link, not a folder, so the folder would look empty and a plan would write new
    /// files through the link.
    /// </summary>
    private StateIndex WithLinkedFolders(GitSession session, StateIndex state, string? treeId)
    {
        if (treeId is null)
        {
            return state;
        }

        var folders = context.IndexedFolders;
        var links = folders
            .Where(f => f.Length > 0)
            .Select(f => session.FirstNonFolder(treeId, f))
            .Where(e => e is not null && !context.Reading.Exclude.Matches(e.Value.Path))
            .Select(e => e!.Value)
            .DistinctBy(e => e.Path)
            .ToList();
        return links.Count == 0
            ? state
            : state.With(links.Select(l => new FileUpdate(l.Path, null, null, l.Kind == TreeEntryKind.SymbolicLink
                ? LinkEntry(l.Path)
                : new UnreadableFile(l.Path, null, null, $"is {(l.Kind == TreeEntryKind.Submodule ? "a submodule" : "a file")} where the indexed folder {folders.First(f => f == l.Path || f.StartsWith(l.Path + "/", StringComparison.Ordinal))} should be."))));
    }
}
