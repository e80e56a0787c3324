using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Traefik.Manifests;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Editing;

/// <summary>
/// Keeps a folder's <c>kustomization.yaml</c> <c>resources</c> list in step with the files this library
/// adds and deletes there. Entries it did not write are kept; a new entry goes before the first entry that
/// sorts after it (so a sorted list stays sorted), and removing an entry removes its line. Other keys,
/// comments and formatting are untouched when the list is a plain block sequence; otherwise the file is
/// re-rendered, or the edit refused when that would drop comments.
/// </summary>
internal static partial class KustomizationFile
{
    public const string ApiVersion = "kustomize.config.k8s.io/v1beta1";

    /// <summary>The file names kustomize accepts, in the order it looks for them.</summary>
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static bool IsKustomization(string path) => FileNames.Contains(Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>
    /// The edited text, the same text when nothing changes, or null when the file should not exist (it would
    /// list nothing and hold nothing else).
    /// </summary>
    public static string? Edit(string path, string? text, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, Func<string, string> newLine)
    {
        if (text is null)
        {
            var entries = add.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (entries.Count == 0)
            {
                return null;
            }

            var json = new JsonObject
            {
                ["apiVersion"] = ApiVersion,
                ["kind"] = "Kustomization",
                ["resources"] = new JsonArray([.. entries.Select(e => (JsonNode?)JsonValue.Create(e))]),
            };
            return newLine(ManifestYaml.RenderNode(json, canonicalOrder: false));
        }

        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = ManifestYaml.ReadDocuments(text, ParsedYaml.EditLimits);
        }
        catch (ManifestException e)
        {
            throw new GitOpsException($"{path}: not valid YAML ({string.Join("; ", e.Problems)}). Nothing was written; {Describe([.. add.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], [.. remove])} by hand.");
        }

        var content = documents.Where(d => d.Json is not null).ToList();
        if (content.Count != 1 || content[0].Json is not JsonObject root)
        {
            throw new GitOpsException($"{path}: expected one Kustomization document. Nothing was written; add or remove the resources entries by hand.");
        }

        var resources = root["resources"] as JsonArray;
        var current = resources?.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).ToList() ?? [];
        var removeSet = remove.Where(r => current.Any(c => Same(c, r))).ToHashSet(StringComparer.Ordinal);
        var addList = add.Where(a => !current.Any(c => Same(c, a)) && !removeSet.Contains(a)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (removeSet.Count == 0 && addList.Count == 0)
        {
            return text;
        }

        var remaining = current.Where(c => c is null || !removeSet.Any(r => Same(c, r))).ToList();
        if (remaining.Count == 0 && addList.Count == 0 && root.All(p => p.Key is "apiVersion" or "kind" or "resources"))
        {
            return null;
        }

        var index = documents.ToList().IndexOf(content[0]);
        var layout = YamlLayout.Analyze(text, documents)[index];
        if (resources is { Count: > 0 } && TryEditLines(text, layout, current, removeSet, addList, newLine) is { } edited)
        {
            return edited;
        }

        if (root["resources"] is null && !root.ContainsKey("resources") && removeSet.Count == 0)
        {
            var block = "resources:\n" + string.Concat(addList.Select(a => "  - " + Scalar(a) + "\n"));
            var insertAt = layout.ContentEnd;
            var prefix = insertAt > 0 && text[insertAt - 1] != '\n' ? "\n" : string.Empty;
            return text[..insertAt] + newLine(prefix + block) + text[insertAt..];
        }

        if (layout.HasCommentsInContent || layout.HasAnchors)
        {
            throw new GitOpsException($"{path}: its resources list is not a plain block list and the file has comments that rewriting it would lose. Nothing was written; {Describe(addList, removeSet)} by hand.");
        }

        var updated = (JsonObject)root.DeepClone();
        var list = Merge(current, removeSet, addList);
        updated["resources"] = new JsonArray([.. list.Select(e => (JsonNode?)JsonValue.Create(e))]);
        var rendered = newLine(ManifestYaml.RenderNode(updated, canonicalOrder: false));
        return text[..layout.RootStart] + rendered + text[layout.ContentEnd..];
    }

    /// <summary>
    /// The string entries of a kustomization's <c>resources</c> list, normalised (no leading <c>./</c>, no trailing
    /// <c>/</c>); empty when the text has no list or cannot be read (editing it then says why).
    /// </summary>
    public static IReadOnlyList<string> Entries(string text)
    {
        try
        {
            var content = ManifestYaml.ReadDocuments(text).Where(d => d.Json is not null).ToList();
            return content.Count == 1 && content[0].Json is JsonObject { } root && root["resources"] is JsonArray resources
                ? [.. resources.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Normalize(v.GetValue<string>()) : null).OfType<string>()]
                : [];
        }
        catch (ManifestException)
        {
            return [];
        }
    }

    /// <summary>An entry as a path relative to the kustomization's folder: <c>./a/</c> and <c>a</c> are the same entry.</summary>
    public static string Normalize(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = entry.StartsWith("./", StringComparison.Ordinal) ? entry[2..] : entry;
        return value.Length > 1 ? value.TrimEnd('/') : value;
    }

    private static string Describe(List<string> add, IEnumerable<string> remove) =>
        string.Join("; ", add.Select(a => "add " + a).Concat(remove.Order(StringComparer.Ordinal).Select(r => "remove " + r)));

    private static List<string> Merge(List<string?> current, HashSet<string> remove, List<string> add)
    {
        var result = current.Where(c => c is not null && !remove.Any(r => Same(c, r))).Select(c => c!).ToList();
        foreach (var entry in add)
        {
            var at = result.FindIndex(e => string.CompareOrdinal(e, entry) > 0);
            result.Insert(at < 0 ? result.Count : at, entry);
        }

        return result;
    }

    private static string? TryEditLines(string text, DocumentLayout layout, List<string?> current, HashSet<string> remove, List<string> add, Func<string, string> newLine)
    {
        var items = new List<(string Value, int LineStart, int LineEnd, string Prefix)>();
        for (var i = 0; i < current.Count; i++)
        {
            if (current[i] is not { } value || !layout.Scalars.TryGetValue("/resources/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var span) || !span.CanReplace(text))
            {
                return null;
            }

            var lineStart = text.LastIndexOf('\n', Math.Max(span.Start - 1, 0)) + 1;
            if (span.Start == 0)
            {
                lineStart = 0;
            }

            var prefix = text[lineStart..span.Start];
            var newline = text.IndexOf('\n', span.End);
            var lineEnd = newline < 0 ? text.Length : newline + 1;
            var rest = text[span.End..(newline < 0 ? text.Length : newline)].TrimEnd('\r');
            if (!ItemPrefix().IsMatch(prefix) || !(rest.Trim().Length == 0 || rest.TrimStart().StartsWith('#')))
            {
                return null;
            }

            items.Add((value, lineStart, lineEnd, prefix));
        }

        var edits = new List<(int Start, int End, string Text, int Order)>();
        var order = 0;
        foreach (var item in items.Where(it => remove.Any(r => Same(it.Value, r))))
        {
            edits.Add((item.LineStart, item.LineEnd, string.Empty, order++));
        }

        var kept = items.Where(it => !remove.Any(r => Same(it.Value, r))).ToList();
        var template = (kept.Count > 0 ? kept : items)[0].Prefix;
        var needsLead = items[^1].LineEnd == text.Length && !text.EndsWith('\n');
        foreach (var entry in add)
        {
            var before = kept.FirstOrDefault(it => string.CompareOrdinal(it.Value, entry) > 0);
            if (before.Value is not null)
            {
                edits.Add((before.LineStart, before.LineStart, newLine(before.Prefix + Scalar(entry) + "\n"), order++));
            }
            else
            {
                var last = items[^1];
                var lead = needsLead ? "\n" : string.Empty;
                needsLead = false;
                edits.Add((last.LineEnd, last.LineEnd, newLine(lead + template + Scalar(entry) + "\n"), order++));
            }
        }

        // Apply from the end; insertions at one position keep their sorted order.
        foreach (var (start, end, replacement, _) in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.Order))
        {
            text = string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
        }

        return text;
    }

    private static string Scalar(string value) => JsonMerge.RenderScalar(null, JsonValue.Create(value)) ?? value;

    private static bool Same(string? entry, string name) =>
        entry is not null && string.Equals(Normalize(entry), Normalize(name), StringComparison.Ordinal);

    [GeneratedRegex(@"\A[ \t]*-[ \t]+\z")]
    private static partial Regex ItemPrefix();
}
