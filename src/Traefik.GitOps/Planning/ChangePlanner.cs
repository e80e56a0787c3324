using System.Collections.Immutable;
using Traefik.GitOps.Editing;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Layout;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.State;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;

namespace Traefik.GitOps.Planning;

/// <summary>
/// Turns object changes into file changes: edits in place, new files in the object group's folder, deletions,
/// and the kustomizations that list them (the group's, its namespace's and the root's; see <see cref="GitOpsLayout"/>).
/// </summary>
internal static class ChangePlanner
{
    /// <param name="state">The state the change applies to.</param>
    /// <param name="result">The change.</param>
    /// <param name="read">Reads the text of an indexed file (committed files are kept as blob ids only).</param>
    /// <param name="parsed">Parses of files edited before, by text: a file edited by plan after plan is parsed once.</param>
    /// <param name="group">The object group new objects are written to (the proposal's target); null writes them straight into the namespace folder.</param>
    public static PlannedFiles Plan(StateIndex state, IntentResult result, Func<IndexedFile, FileText> read, BoundedCache<string, ParsedYaml>? parsed = null, string? group = null)
    {
        var editors = new SortedDictionary<string, FileEditor>(StringComparer.Ordinal);
        var objectFiles = new Dictionary<ObjectKey, string>();
        var texts = new Dictionary<string, FileText>(StringComparer.Ordinal);

        FileText? TextOf(string path)
        {
            if (!state.Files.TryGetValue(path, out var file))
            {
                return null;
            }

            if (file.Unreadable is { } unreadable)
            {
                // Never read a link's target text, or guess at a file that could not be read, as manifests.
                throw new GitOpsException($"{unreadable} Nothing was planned: this change needs to edit or replace {path}. Fix it (or exclude it, if it is not a Kubernetes manifest) and try again.");
            }

            if (!texts.TryGetValue(path, out var text))
            {
                text = read(file);
                texts[path] = text;
            }

            return text;
        }

        FileEditor EditorFor(string path)
        {
            if (!editors.TryGetValue(path, out var editor))
            {
                var existing = TextOf(path);
                var text = existing?.Text ?? string.Empty;
                editor = new FileEditor(path, text, (existing ?? FileText.New(string.Empty)).Normalize, parsed?.GetOrAdd(text, t => ParsedYaml.Parse(path, t)));
                editors[path] = editor;
            }

            return editor;
        }

        foreach (var change in result.Changes)
        {
            var location = state.Locate(change.Key);
            switch (change.Type)
            {
                case ChangeType.Created or ChangeType.Updated when location is null:
                    var path = group is null ? GitOpsLayout.PathFor(state.Root, change.Key) : GitOpsLayout.PathFor(state.Root, group, change.Key);
                    EditorFor(path).Append(change.After!);
                    objectFiles[change.Key] = path;
                    break;
                case ChangeType.Created or ChangeType.Updated:
                    var before = change.Before ?? state.Definitions[change.Key][0].Object;
                    EditorFor(location!.Path).Update(location.DocumentIndex, before, change.After!);
                    objectFiles[change.Key] = location.Path;
                    break;
                case ChangeType.Deleted when location is not null:
                    EditorFor(location.Path).Delete(location.DocumentIndex);
                    objectFiles[change.Key] = location.Path;
                    break;
            }
        }

        var files = new SortedDictionary<string, (string? Old, string? New, FileText Format)>(StringComparer.Ordinal);
        var listings = new Listings(state, TextOf, files);
        foreach (var (path, editor) in editors)
        {
            var existing = TextOf(path);
            var updated = editor.Result();
            if (existing is not null && updated == existing.Text)
            {
                continue;
            }

            files[path] = (existing?.Text, updated, existing ?? FileText.New(string.Empty));
            if (existing is null && updated is not null)
            {
                listings.Add(Folder(path), Path.GetFileName(path), isFolder: false);
            }
            else if (existing is not null && updated is null)
            {
                listings.Remove(Folder(path), Path.GetFileName(path));
            }
        }

        listings.Settle();
        var changes = ImmutableList.CreateBuilder<FileChange>();
        var bytes = ImmutableSortedDictionary.CreateBuilder<string, byte[]?>(StringComparer.Ordinal);
        foreach (var (path, (old, updated, format)) in files)
        {
            if (old is null && updated is null)
            {
                continue;
            }

            var kind = old is null ? FileChangeKind.Added : updated is null ? FileChangeKind.Deleted : FileChangeKind.Modified;
            changes.Add(new FileChange(path, kind, old, updated));
            bytes[path] = updated is null ? null : format.Encode(updated);
        }

        return new PlannedFiles(changes.ToImmutable(), bytes.ToImmutable(), objectFiles);
    }

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    private static int Depth(string folder) => folder.Length == 0 ? 0 : folder.Count(c => c == '/') + 1;

    /// <summary>
    /// Keeps the kustomizations in step with the files a plan adds and deletes, deepest folder first: a folder
    /// whose kustomization appears is added to its parent's, one whose kustomization disappears is removed from
    /// it, up to the root. A new kustomization lists everything already beside and below it (files, and folders
    /// with a kustomization of their own), so adopting a folder never leaves an object out of the build; a parent
    /// that listed files inside a newly listed folder no longer lists them, so nothing is built twice. Folders
    /// outside the root only have their existing kustomization edited.
    /// </summary>
    private sealed class Listings(StateIndex state, Func<string, FileText?> textOf, SortedDictionary<string, (string? Old, string? New, FileText Format)> files)
    {
        private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

        public void Add(string folder, string entry, bool isFolder)
        {
            var pending = For(folder);
            pending.Add.Add(entry);
            if (isFolder)
            {
                pending.Folders.Add(entry);
            }
        }

        public void Remove(string folder, string entry) => For(folder).Remove.Add(entry);

        public void Settle()
        {
            while (_pending.Count > 0)
            {
                var folder = _pending.Keys.OrderByDescending(Depth).ThenBy(f => f, StringComparer.Ordinal).First();
                var pending = _pending[folder];
                _pending.Remove(folder);
                Settle(folder, pending);
            }
        }

        private Pending For(string folder)
        {
            if (!_pending.TryGetValue(folder, out var pending))
            {
                pending = new Pending();
                _pending[folder] = pending;
            }

            return pending;
        }

        private void Settle(string folder, Pending pending)
        {
            var inside = InsideRoot(folder);
            var existing = KustomizationIn(folder);
            if (existing is null && (!inside || (pending.Add.Count == 0 && !pending.Ensure)))
            {
                return;
            }

            var path = existing ?? Join(folder, KustomizationFile.FileNames[0]);
            var current = existing is null ? null : textOf(existing);
            var add = new List<string>(pending.Add);
            var remove = new SortedSet<string>(pending.Remove, StringComparer.Ordinal);
            if (current is null)
            {
                add.AddRange(EntriesFor(folder));
            }
            else if (pending.Folders.Count > 0)
            {
                var listed = KustomizationFile.Entries(current.Text);
                remove.UnionWith(listed.Where(e => pending.Folders.Any(f => e.StartsWith(f + "/", StringComparison.Ordinal))));
            }

            var edited = KustomizationFile.Edit(path, current?.Text, add, remove, (current ?? FileText.New(string.Empty)).Normalize);
            if (edited != current?.Text)
            {
                files[path] = (current?.Text, edited, current ?? FileText.New(string.Empty));
            }

            if (!inside || folder == state.Root)
            {
                return;
            }

            var parent = Folder(folder);
            var name = folder[(parent.Length == 0 ? 0 : parent.Length + 1)..];
            if (current is null && edited is not null)
            {
                Add(parent, name, isFolder: true);
            }
            else if (current is not null && edited is null)
            {
                Remove(parent, name);
            }
            else if (edited is not null && KustomizationIn(parent) is null)
            {
                For(parent).Ensure = true;
            }
        }

        private bool InsideRoot(string folder) =>
            state.Root.Length == 0 || folder == state.Root || folder.StartsWith(state.Root + "/", StringComparison.Ordinal);

        /// <summary>The kustomization of a folder as the plan leaves it (created, kept or deleted), or null.</summary>
        private string? KustomizationIn(string folder)
        {
            foreach (var name in KustomizationFile.FileNames)
            {
                var path = Join(folder, name);
                if (files.TryGetValue(path, out var change))
                {
                    if (change.New is not null)
                    {
                        return path;
                    }
                }
                else if (state.Files.ContainsKey(path))
                {
                    return path;
                }
            }

            return null;
        }

        /// <summary>What a new kustomization in <paramref name="folder"/> lists: for every object file and kustomization below it, the topmost folder on the way that has a kustomization, else the file itself.</summary>
        private IEnumerable<string> EntriesFor(string folder)
        {
            var prefix = folder.Length == 0 ? string.Empty : folder + "/";
            var candidates = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (path, file) in state.Files)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal) && (file.Keys.Count > 0 || KustomizationFile.IsKustomization(path))
                    && !(files.TryGetValue(path, out var change) && change.New is null))
                {
                    candidates.Add(path);
                }
            }

            foreach (var (path, change) in files)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal) && change.New is not null)
                {
                    candidates.Add(path);
                }
            }

            var entries = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var path in candidates)
            {
                var relative = path[prefix.Length..];
                var segments = relative.Split('/');
                if (segments.Length == 1 && KustomizationFile.IsKustomization(relative))
                {
                    continue;
                }

                var entry = relative;
                for (var i = 1; i < segments.Length; i++)
                {
                    var sub = string.Join('/', segments[..i]);
                    if (KustomizationIn(prefix + sub) is not null)
                    {
                        entry = sub;
                        break;
                    }
                }

                entries.Add(entry);
            }

            return entries;
        }

        private sealed class Pending
        {
            public SortedSet<string> Add { get; } = new(StringComparer.Ordinal);

            public SortedSet<string> Remove { get; } = new(StringComparer.Ordinal);

            public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);

            public bool Ensure { get; set; }
        }
    }
}

/// <summary>The file changes of a plan, their bytes as they will be written, and which file each changed object is in.</summary>
internal sealed record PlannedFiles(ImmutableList<FileChange> Changes, ImmutableSortedDictionary<string, byte[]?> Bytes, IReadOnlyDictionary<ObjectKey, string> ObjectFiles);
