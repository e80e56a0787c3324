using System.Collections.Immutable;
using System.Globalization;
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
        ReadPolicy policy,
        ManifestSet objects,
        ImmutableSortedDictionary<ObjectKey, ImmutableList<Definition>> definitions,
        ImmutableSortedDictionary<string, IndexedFile> files,
        ImmutableSortedSet<ObjectKey> duplicated,
        ImmutableSortedDictionary<string, UnreadableFile> unreadable)
    {
        Root = root;
        Policy = policy;
        _duplicated = duplicated;
        Objects = objects;
        Definitions = definitions;
        Files = files;
        Unreadable = unreadable;
    }

    public string Root { get; }

    /// <summary>Which paths are excluded and how much one file may cost to read.</summary>
    public ReadPolicy Policy { get; }

    /// <summary>
    /// The files (and links) under the indexed folders that could not be read, by path, kept up to date by
    /// <see cref="With"/>: while there is one, the state may miss objects, so no plan on it is valid.
    /// </summary>
    public ImmutableSortedDictionary<string, UnreadableFile> Unreadable { get; }

    private ImmutableSortedDictionary<ObjectKey, ImmutableList<ObjectLocation>>? _locations;

    public ManifestSet Objects { get; }

    public ImmutableSortedDictionary<ObjectKey, ImmutableList<Definition>> Definitions { get; }

    /// <summary>Every YAML file under the root (kustomizations included) and every unreadable entry, by repository path.</summary>
    public ImmutableSortedDictionary<string, IndexedFile> Files { get; }

    /// <summary>Where each object is defined (every definition, first one first); built once per index, on first use.</summary>
    public ImmutableSortedDictionary<ObjectKey, ImmutableList<ObjectLocation>> Locations =>
        _locations ??= Definitions.ToImmutableSortedDictionary(d => d.Key, d => d.Value.Select(x => x.Location).ToImmutableList());

    public static StateIndex Empty(string root, ReadPolicy? policy = null) => new(
        root,
        policy ?? ReadPolicy.Default,
        ManifestSet.Empty,
        ImmutableSortedDictionary.Create<ObjectKey, ImmutableList<Definition>>(),
        ImmutableSortedDictionary.Create<string, IndexedFile>(StringComparer.Ordinal),
        [],
        ImmutableSortedDictionary.Create<string, UnreadableFile>(StringComparer.Ordinal));

    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || KustomizationFile.IsKustomization(path);

    public IEnumerable<(ObjectKey Key, ImmutableList<Definition> Definitions)> Duplicates =>
        _duplicated.Select(key => (key, Definitions[key]));

    public IEnumerable<string> Problems =>
        Unreadable.Values.Select(u => u.ToString())
            .Concat(Duplicates.Select(d => $"{d.Key} is defined {d.Definitions.Count} times: {string.Join(" and ", d.Definitions.Select(x => x.Location))}."));

    public ObjectLocation? Locate(ObjectKey key) => Definitions.TryGetValue(key, out var list) && list.Count > 0 ? list[0].Location : null;

    /// <summary>
    /// Applies file changes: each path with its new content, or null when the file is gone, or the reason it
    /// cannot be read. Excluded paths are left out; other files than YAML are only indexed when unreadable (links).
    /// </summary>
    public StateIndex With(IEnumerable<FileUpdate> updates)
    {
        var files = Files.ToBuilder();
        var definitions = Definitions.ToBuilder();
        var unreadable = Unreadable.ToBuilder();
        var touched = new HashSet<ObjectKey>();
        foreach (var update in updates)
        {
            if (Policy.Exclude.Matches(update.Path) || !(IsYaml(update.Path) || update.Unreadable is not null || files.ContainsKey(update.Path)))
            {
                continue;
            }

            unreadable.Remove(update.Path);
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

            if (update.Unreadable is { } reason)
            {
                files[update.Path] = new IndexedFile(update.Path, update.BlobId, null, [], reason);
                unreadable[update.Path] = reason;
                continue;
            }

            if (update.Load is null || !IsYaml(update.Path))
            {
                continue;
            }

            var (file, found) = Parse(update, Policy.Limits);
            files[update.Path] = file;
            if (file.Unreadable is { } problem)
            {
                unreadable[update.Path] = problem;
            }

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

        return new StateIndex(Root, Policy, Objects.With(present, gone), definitions.ToImmutable(), files.ToImmutable(), duplicated.ToImmutable(), unreadable.ToImmutable());
    }

    /// <summary>
    /// Reads one file within the limits. Whatever it holds, the answer is its objects, or the reason it cannot be
    /// read with the line: a file over the size limit is not even read, text that is not UTF-8 or not valid YAML
    /// (or over the nesting or alias limits) is unreadable, and so is one whose document has an apiVersion or
    /// kind but is not a valid object (its other documents are still indexed). A document with neither is not a
    /// Kubernetes object, and is ignored.
    /// </summary>
    private static (IndexedFile File, List<Definition> Definitions) Parse(FileUpdate update, YamlLimits limits)
    {
        var path = update.Path;
        var blobId = update.BlobId;
        if (update.Size?.Invoke() is { } size && size > limits.MaxBytes)
        {
            return (UnreadableEntry(path, blobId, null, TooLarge(size, limits.MaxBytes)), []);
        }

        var text = update.Load!();

        // A committed file is kept as its blob id and read again when a plan edits it, so the index does not
        // hold the text of every file of the repository.
        var kept = blobId is null ? text : null;
        if (!text.IsUtf8)
        {
            return (UnreadableEntry(path, blobId, kept, new UnreadableFile(path, null, null, "is not UTF-8 text, which Kubernetes manifests must be.")), []);
        }

        if (!ManifestYaml.TryReadDocuments(text.Text, limits, out var documents, out var error))
        {
            return (UnreadableEntry(path, blobId, kept, new UnreadableFile(path, error.Line, error.Column, error.Reason)), []);
        }

        if (KustomizationFile.IsKustomization(path))
        {
            return (new IndexedFile(path, blobId, kept, [], null), []);
        }

        var definitions = new List<Definition>();
        var problems = new List<(int Line, string Text)>();
        var invalid = 0;
        var (counted, lines) = (0, 1);
        foreach (var document in documents)
        {
            if (document.Object is { } value)
            {
                definitions.Add(new Definition(new ObjectLocation(path, document.Index), value));
            }
            else if (document.Problems.Count > 0 && ++invalid <= MaxDocumentProblems)
            {
                // Lines are counted from the last document reported on, so a file of many bad documents costs its length once.
                var at = FirstContent(text.Text, document);
                lines += text.Text.AsSpan(counted, at - counted).Count('\n');
                counted = at;
                problems.Add((lines, $"document {document.Index + 1} (line {lines}) is not a valid Kubernetes object: {string.Join("; ", document.Problems)}"));
            }
        }

        var problem = problems.Count == 0
            ? null
            : new UnreadableFile(
                path,
                problems[0].Line,
                null,
                string.Join("; ", problems.Select(p => p.Text.TrimEnd('.'))) + (invalid > MaxDocumentProblems ? $"; and {invalid - MaxDocumentProblems} more documents like these." : "."));
        return (new IndexedFile(path, blobId, kept, [.. definitions.Select(d => d.Object.Key).Distinct()], problem), definitions);
    }

    /// <summary>The reason for a file over the size limit.</summary>
    public static UnreadableFile TooLarge(string path, long size, int limit) => TooLarge(size, limit) with { Path = path };

    private static UnreadableFile TooLarge(long size, int limit) =>
        new(string.Empty, null, null, string.Create(CultureInfo.InvariantCulture, $"is {size:N0} bytes, over the {limit:N0}-byte limit for one file, so it was not read (raise the limit with --max-file-size or GitOpsOptions.MaxFileBytes, or exclude the file)."));

    private static IndexedFile UnreadableEntry(string path, string? blobId, FileText? text, UnreadableFile reason) =>
        new(path, blobId, text, [], reason with { Path = path });

    /// <summary>Where a document's content starts: after the blank lines, comments and <c>---</c> before it.</summary>
    private static int FirstContent(string text, ManifestDocument document)
    {
        if (document.Json is null)
        {
            return document.Start;
        }

        var at = document.Start;
        while (at < document.End)
        {
            var lineEnd = text.IndexOf('\n', at);
            var line = text.AsSpan(at, (lineEnd < 0 ? document.End : lineEnd) - at).Trim();
            if (line.Length > 0 && line[0] != '#' && !line.SequenceEqual("---"))
            {
                return at;
            }

            if (lineEnd < 0)
            {
                break;
            }

            at = lineEnd + 1;
        }

        return document.Start;
    }

    /// <summary>How many invalid documents of one file are described (the others are counted).</summary>
    private const int MaxDocumentProblems = 3;
}

/// <summary>One object definition: where it is and what it says.</summary>
internal sealed record Definition(ObjectLocation Location, KubernetesObject Object);

/// <summary>
/// A YAML file under the root: its blob (null for an uncommitted working-tree file), its text when it has no
/// blob (a committed file's text is read from its blob when needed), and the objects it defines.
/// </summary>
/// <remarks>An unreadable file is indexed with no keys and the reason; its objects are unknown.</remarks>
internal sealed record IndexedFile(string Path, string? BlobId, FileText? Text, ImmutableList<ObjectKey> Keys, UnreadableFile? Unreadable);

/// <summary>
/// A file that changed: its new content loader, or null when it was deleted; or why it cannot be read (a link),
/// known without reading it. <paramref name="Size"/> tells the size before reading, so an oversized file is not read.
/// </summary>
internal sealed record FileUpdate(string Path, string? BlobId, Func<FileText>? Load, UnreadableFile? Unreadable = null, Func<long>? Size = null);
