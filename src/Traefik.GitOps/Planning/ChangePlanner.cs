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

/// <summary>Turns object changes into file changes: edits in place, new layout files, deletions and kustomization upkeep.</summary>
internal static class ChangePlanner
{
    /// <param name="state">The state the change applies to.</param>
    /// <param name="result">The change.</param>
    /// <param name="read">Reads the text of an indexed file (committed files are kept as blob ids only).</param>
    /// <param name="parsed">Parses of files edited before, by text: a file edited by plan after plan is parsed once.</param>
    public static PlannedFiles Plan(StateIndex state, IntentResult result, Func<IndexedFile, FileText> read, BoundedCache<string, ParsedYaml>? parsed = null)
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
                    var path = GitOpsLayout.PathFor(state.Root, change.Key);
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
        var kustomizations = new SortedDictionary<string, (SortedSet<string> Add, SortedSet<string> Remove)>(StringComparer.Ordinal);
        foreach (var (path, editor) in editors)
        {
            var existing = TextOf(path);
            var updated = editor.Result();
            if (existing is not null && updated == existing.Text)
            {
                continue;
            }

            files[path] = (existing?.Text, updated, existing ?? FileText.New(string.Empty));
            var folder = Folder(path);
            if (existing is null && updated is not null)
            {
                Kustomization(kustomizations, folder).Add.Add(Path.GetFileName(path));
            }
            else if (existing is not null && updated is null)
            {
                Kustomization(kustomizations, folder).Remove.Add(Path.GetFileName(path));
            }
        }

        foreach (var (folder, (add, remove)) in kustomizations)
        {
            var existing = KustomizationFile.FileNames.Select(n => Join(folder, n)).FirstOrDefault(state.Files.ContainsKey);
            if (existing is null && add.Count == 0)
            {
                continue;
            }

            var kustomizationPath = existing ?? Join(folder, KustomizationFile.FileNames[0]);
            var current = existing is null ? null : TextOf(existing);
            var entries = new List<string>(add);
            if (current is null)
            {
                // A new kustomization lists every object file already in the folder too.
                entries.AddRange(state.Files.Values
                    .Where(f => Folder(f.Path) == folder && f.Keys.Count > 0 && !(files.TryGetValue(f.Path, out var c) && c.New is null))
                    .Select(f => Path.GetFileName(f.Path)));
            }

            var edited = KustomizationFile.Edit(kustomizationPath, current?.Text, entries, remove, (current ?? FileText.New(string.Empty)).Normalize);
            if (edited != current?.Text)
            {
                files[kustomizationPath] = (current?.Text, edited, current ?? FileText.New(string.Empty));
            }
        }

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

    private static (SortedSet<string> Add, SortedSet<string> Remove) Kustomization(SortedDictionary<string, (SortedSet<string> Add, SortedSet<string> Remove)> all, string folder)
    {
        if (!all.TryGetValue(folder, out var entry))
        {
            entry = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
            all[folder] = entry;
        }

        return entry;
    }

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}

/// <summary>The file changes of a plan, their bytes as they will be written, and which file each changed object is in.</summary>
internal sealed record PlannedFiles(ImmutableList<FileChange> Changes, ImmutableSortedDictionary<string, byte[]?> Bytes, IReadOnlyDictionary<ObjectKey, string> ObjectFiles);
