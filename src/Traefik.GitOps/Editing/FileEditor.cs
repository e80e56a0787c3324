using System.Text.Json.Nodes;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Editing;

/// <summary>
/// Edits the documents of one YAML file and leaves everything else byte for byte: other documents,
/// comments around them, separators, the byte order mark and line endings.
/// <list type="bullet">
/// <item>An update whose merged document differs only in scalar values (a weight, a percent, a rule) is
/// written by replacing those scalars' text in place, so comments and formatting survive and a weight
/// change is a one-line diff.</item>
/// <item>Any other update re-renders that one document in its own key order; when comments sit inside
/// it, the edit is refused with an error naming the file rather than dropping them.</item>
/// <item>A deletion removes the document's span (with its <c>---</c>); a file left without documents is deleted.</item>
/// <item>A new object is appended as a new document.</item>
/// </list>
/// </summary>
internal sealed class FileEditor
{
    private readonly string _path;
    private readonly string _text;
    private readonly Func<string, string> _newLine;
    private readonly IReadOnlyList<ManifestDocument> _documents;
    private readonly IReadOnlyList<DocumentLayout> _layouts;
    private readonly List<(int Start, int End, string Text)> _replacements = [];
    private readonly List<KubernetesObject> _appended = [];
    private bool _deleted;

    public FileEditor(string path, string? text, Func<string, string> newLine, ParsedYaml? parsed = null)
    {
        _path = path;
        _text = text ?? string.Empty;
        _newLine = newLine;
        parsed ??= ParsedYaml.Parse(path, _text);
        _documents = parsed.Documents;
        _layouts = parsed.Layouts;
    }

    public void Update(int index, KubernetesObject before, KubernetesObject after)
    {
        var document = _documents[index];
        var layout = _layouts[index];
        var original = document.Json;
        var merged = JsonMerge.Patch(original, ManifestYaml.ToJson(before), ManifestYaml.ToJson(after));
        if (JsonNode.DeepEquals(original, merged))
        {
            return;
        }

        var edits = new List<(string Path, string? Key, JsonNode? Value)>();
        if (!layout.HasAnchors && !layout.HasComplexKeys && JsonMerge.ScalarEdits(original, merged, string.Empty, edits) && TrySplice(layout, edits))
        {
            return;
        }

        if (layout.HasCommentsInContent || layout.HasAnchors || layout.HasComplexKeys)
        {
            var reason = layout.HasCommentsInContent ? "has comments that rewriting it would lose" : "uses YAML anchors, aliases or merge keys that rewriting it would expand";
            throw new GitOpsException(
                $"{_path}: document {index + 1} ({after.Key}) {reason}, and this change adds, removes or restructures fields, so it cannot be made by replacing values in place. "
                + "Nothing was written. Remove the comments (or anchors) from that document, or make the change by hand.");
        }

        var rendered = _newLine(ManifestYaml.RenderNode(merged, canonicalOrder: false));
        _replacements.Add((layout.RootStart, layout.ContentEnd, rendered));
    }

    public void Delete(int index)
    {
        var layout = _layouts[index];
        _replacements.Add((layout.Start, layout.End, string.Empty));
        _deleted = true;
    }

    public void Append(KubernetesObject value) => _appended.Add(value);

    /// <summary>The new text, or null when no document is left (the file should be deleted).</summary>
    public string? Result()
    {
        var text = _text;
        foreach (var (start, end, replacement) in _replacements.OrderByDescending(r => r.Start))
        {
            text = string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
        }

        foreach (var value in _appended)
        {
            var rendered = _newLine(ManifestYaml.Render(value));
            if (string.IsNullOrWhiteSpace(text))
            {
                text = rendered;
            }
            else
            {
                if (!text.EndsWith('\n'))
                {
                    text += _newLine("\n");
                }

                text += _newLine(ManifestYaml.DocumentSeparator) + rendered;
            }
        }

        if (_deleted && _appended.Count == 0 && !HasContent(text))
        {
            return null;
        }

        return text;
    }

    private static bool HasContent(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return ManifestYaml.ReadDocuments(text, ParsedYaml.EditLimits).Any(d => d.Json is not null);
    }

    private bool TrySplice(DocumentLayout layout, List<(string Path, string? Key, JsonNode? Value)> edits)
    {
        var splices = new List<(int Start, int End, string Text)>();
        foreach (var (path, key, value) in edits)
        {
            if (!layout.Scalars.TryGetValue(path, out var span) || !span.CanReplace(_text) || JsonMerge.RenderScalar(key, value) is not { } scalar)
            {
                return false;
            }

            splices.Add((span.Start, span.End, scalar));
        }

        _replacements.AddRange(splices);
        return true;
    }
}

/// <summary>
/// The documents of a YAML file and where each sits in its text. Read-only once made, so plans share the
/// parse of a file they edit again (the repository keeps recent ones by text).
/// </summary>
internal sealed record ParsedYaml(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<DocumentLayout> Layouts)
{
    /// <summary>The limits of a re-read: the index applied the size limit when it read the file.</summary>
    public static readonly YamlLimits EditLimits = new() { MaxBytes = int.MaxValue };

    /// <summary>Parses <paramref name="text"/>; a file that cannot be edited safely is an error naming <paramref name="path"/>.</summary>
    /// <remarks>
    /// The files edited were read by the index within the configured limits (or are this library's own output), so
    /// the size limit is not applied again here; nesting and alias limits are.
    /// </remarks>
    public static ParsedYaml Parse(string path, string text)
    {
        IReadOnlyList<ManifestDocument> documents;
        IReadOnlyList<DocumentLayout> layouts;
        try
        {
            documents = text.Length == 0 ? [] : ManifestYaml.ReadDocuments(text, EditLimits);
            layouts = text.Length == 0 ? [] : YamlLayout.Analyze(text, documents);
        }
        catch (ManifestException e)
        {
            throw new GitOpsException($"{path}: not valid YAML ({string.Join("; ", e.Problems)}), so it cannot be edited. Nothing was written; fix or move the file.");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new GitOpsException($"{path}: not valid YAML ({e.Message}), so it cannot be edited. Nothing was written; fix or move the file.");
        }

        if (documents.Count != layouts.Count)
        {
            throw new GitOpsException($"{path}: the YAML documents could not be located reliably ({documents.Count} read, {layouts.Count} located). Nothing was written; edit this file by hand.");
        }

        return new ParsedYaml(documents, layouts);
    }
}
