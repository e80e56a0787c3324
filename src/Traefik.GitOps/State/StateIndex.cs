using System.Collections.Immutable;
using Traefik.GitOps.Editing;
using Traefik.GitOps.Git;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.State;

/// <summary>
/// The objects under the root of one tree (or working tree), each with the file and document that
/// define it. Immutable: an update returns a new index that shares everything it did not touch, so moving
/// from one commit to the next costs the files that changed.
/// </summary>
internal sealed class StateIndex
{
    /// <summary>Keys defined more than once, kept up to date by <see cref="With"/> so a plan need not scan every definition.</summary>
    private readonly ImmutableSortedSet<ObjectKey> _duplicated;

    private StateIndex(
        string root,
        ManifestSet objects,
        ImmutableSortedDictionary<ObjectKey, ImmutableList<Definition>> definitions,
        ImmutableSortedDictionary<string, IndexedFile> files,
        ImmutableSortedSet<ObjectKey> duplicated)
    {
        Root = root;
        _duplicated = duplicated;
        Objects = objects;
        Definitions = definitions;
        Files = files;
    }

    public string Root { get; }

    private ImmutableSortedDictionary<ObjectKey, ImmutableList<ObjectLocation>>? _locations;

    public ManifestSet Objects { get; }

    public ImmutableSortedDictionary<ObjectKey, ImmutableList<Definition>> Definitions { get; }

    /// <summary>Every YAML file under the root (kustomizations included), by repository path.</summary>
    public ImmutableSortedDictionary<string, IndexedFile> Files { get; }

    /// <summary>Where each object is defined (every definition, first one first); built once per index, on first use.</summary>
    public ImmutableSortedDictionary<ObjectKey, ImmutableList<ObjectLocation>> Locations =>
        _locations ??= Definitions.ToImmutableSortedDictionary(d => d.Key, d => d.Value.Select(x => x.Location).ToImmutableList());

    public static StateIndex Empty(string root) => new(
        root,
        ManifestSet.Empty,
        ImmutableSortedDictionary.Create<ObjectKey, ImmutableList<Definition>>(),
        ImmutableSortedDictionary.Create<string, IndexedFile>(StringComparer.Ordinal),
        []);

    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || KustomizationFile.IsKustomization(path);

    public IEnumerable<(ObjectKey Key, ImmutableList<Definition> Definitions)> Duplicates =>
        _duplicated.Select(key => (key, Definitions[key]));

    public IEnumerable<string> Problems =>
        Files.Values.Where(f => f.Problem is not null).Select(f => f.Problem!)
            .Concat(Duplicates.Select(d => $"{d.Key} is defined {d.Definitions.Count} times: {string.Join(" and ", d.Definitions.Select(x => x.Location))}."));

    public ObjectLocation? Locate(ObjectKey key) => Definitions.TryGetValue(key, out var list) && list.Count > 0 ? list[0].Location : null;

    /// <summary>Applies file changes: each path with its new content, or null when the file is gone.</summary>
    public StateIndex With(IEnumerable<FileUpdate> updates)
    {
        var files = Files.ToBuilder();
        var definitions = Definitions.ToBuilder();
        var touched = new HashSet<ObjectKey>();
        foreach (var update in updates)
        {
            if (!IsYaml(update.Path))
            {
                continue;
            }

            if (files.TryGetValue(update.Path, out var old))
            {
                foreach (var key in old.Keys)
                {
                    if (definitions.TryGetValue(key, out var list))
                    {
                        var rest = list.RemoveAll(d => d.Location.Path == update.Path);
                        if (rest.IsEmpty)
                        {
                            definitions.Remove(key);
                        }
                        else
                        {
                            definitions[key] = rest;
                        }

                        touched.Add(key);
                    }
                }

                files.Remove(update.Path);
            }

            if (update.Load is null)
            {
                continue;
            }

            var (file, found) = Parse(update.Path, update.BlobId, update.Load);
            files[update.Path] = file;
            foreach (var definition in found)
            {
                var list = definitions.TryGetValue(definition.Object.Key, out var existing) ? existing : [];
                definitions[definition.Object.Key] = [.. list.Add(definition).OrderBy(d => d.Location.Path, StringComparer.Ordinal).ThenBy(d => d.Location.DocumentIndex)];
                touched.Add(definition.Object.Key);
            }
        }

        var present = new List<KubernetesObject>(touched.Count);
        var gone = new List<ObjectKey>();
        var duplicated = _duplicated.ToBuilder();
        foreach (var key in touched)
        {
            var found = definitions.TryGetValue(key, out var list) && list.Count > 0;
            if (found)
            {
                present.Add(list![0].Object);
            }
            else
            {
                gone.Add(key);
            }

            if (found && list!.Count > 1)
            {
                duplicated.Add(key);
            }
            else
            {
                duplicated.Remove(key);
            }
        }

        return new StateIndex(Root, Objects.With(present, gone), definitions.ToImmutable(), files.ToImmutable(), duplicated.ToImmutable());
    }

    private static (IndexedFile File, List<Definition> Definitions) Parse(string path, string? blobId, Func<FileText> load)
    {
        var text = load();

        // A committed file is kept as its blob id and read again when a plan edits it, so the index does not
        // hold the text of every file of the repository.
        var kept = blobId is null ? text : null;
        if (KustomizationFile.IsKustomization(path))
        {
            return (new IndexedFile(path, blobId, kept, [], null), []);
        }

        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = ManifestYaml.ReadDocuments(text.Text);
        }
        catch (ManifestException e)
        {
            return (new IndexedFile(path, blobId, kept, [], $"{path}: not valid YAML, skipped ({string.Join("; ", e.Problems)})."), []);
        }

        var definitions = new List<Definition>();
        var problems = new List<string>();
        foreach (var document in documents)
        {
            if (document.Object is { } value)
            {
                definitions.Add(new Definition(new ObjectLocation(path, document.Index), value));
            }
            else if (document.Problems.Count > 0)
            {
                problems.Add($"document {document.Index + 1}: {string.Join("; ", document.Problems)}");
            }
        }

        var problem = problems.Count == 0 ? null : $"{path}: skipped {string.Join(", ", problems)}.";
        return (new IndexedFile(path, blobId, kept, [.. definitions.Select(d => d.Object.Key).Distinct()], problem), definitions);
    }
}

/// <summary>One object definition: where it is and what it says.</summary>
internal sealed record Definition(ObjectLocation Location, KubernetesObject Object);

/// <summary>
/// A YAML file under the root: its blob (null for an uncommitted working-tree file), its text when it has no
/// blob (a committed file's text is read from its blob when needed), and the objects it defines.
/// </summary>
internal sealed record IndexedFile(string Path, string? BlobId, FileText? Text, ImmutableList<ObjectKey> Keys, string? Problem);

/// <summary>A file that changed: its new content loader, or null when it was deleted.</summary>
internal sealed record FileUpdate(string Path, string? BlobId, Func<FileText>? Load);
