using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Traefik.Manifests.Yaml;

/// <summary>
/// Reads a YAML stream into JSON nodes, one per document, with each document's position in the text and where
/// its comments are. Bounded by <see cref="YamlLimits"/>: the work is linear in the text, and every failure is a
/// <see cref="YamlReadException"/> naming the line, column and reason.
/// </summary>
internal static class YamlReader
{
    public static List<YamlDocumentNode> ReadAll(string text) => ReadAll(text, YamlLimits.Default);

    /// <exception cref="YamlReadException">The text is not valid YAML or goes over a limit.</exception>
    public static List<YamlDocumentNode> ReadAll(string text, YamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        CheckSize(text, limits);
        var parser = new BoundedParser(text, limits);
        var reader = new Builder(parser, limits);
        var documents = new List<YamlDocumentNode>();
        parser.Consume<StreamStart>();
        var index = 0;
        while (!parser.Accept<StreamEnd>(out _))
        {
            var start = parser.Consume<DocumentStart>();
            reader.StartDocument();
            JsonNode? root = null;
            var sawRoot = false;
            while (!parser.Accept<DocumentEnd>(out _))
            {
                root = reader.Node();
                sawRoot = true;
            }

            var end = parser.Consume<DocumentEnd>();
            // The parser's marks can point one past the text (it reads a final line break that is not there).
            var from = (int)Math.Min(start.Start.Index, text.Length);
            documents.Add(new YamlDocumentNode(index++, sawRoot ? root : null, from, (int)Math.Clamp(end.End.Index, from, text.Length), HasComments: false, []));
        }

        // A comment belongs to the document whose span holds it (where a rewrite of the document would lose it);
        // HasComments also counts the comments before a document, which belong to no span.
        // Both lists are in text order, so one pass over each assigns them (a search per document was quadratic:
        // 40,000 small documents with a comment each took 23 s).
        var comments = CommentOffsets(text, reader.Scalars);
        var next = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var from = i == 0 ? 0 : documents[i - 1].End;
            var to = i == documents.Count - 1 ? int.MaxValue : d.End;
            while (next < comments.Count && comments[next] < Math.Min(from, d.Start))
            {
                next++;
            }

            var inside = new List<int>();
            var has = false;
            for (var j = next; j < comments.Count && comments[j] < Math.Max(to, d.End); j++)
            {
                var c = comments[j];
                has |= c >= from && c < to;
                if (c >= d.Start && c < d.End)
                {
                    inside.Add(c);
                }
            }

            documents[i] = d with { HasComments = has, Comments = inside };
        }

        return documents;
    }

    private static void CheckSize(string text, YamlLimits limits)
    {
        // Counting stops at the first character over the limit, so a huge text costs no more than the limit.
        long bytes = 0;
        var line = 1;
        var column = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            column++;
            if (bytes > limits.MaxBytes)
            {
                throw new YamlReadException(
                    new Mark(0, line, column),
                    string.Create(CultureInfo.InvariantCulture, $"the text is larger than the {limits.MaxBytes:N0}-byte limit for one file ({text.Length:N0} characters)."));
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 0;
            }
        }
    }

    /// <summary>
    /// Where the comments are: every <c>#</c> at the start of a line or after a space or tab that is not inside a
    /// scalar (a comment cannot be anywhere else). A scalar's span starts at its anchor or tag when it has one, and
    /// a block scalar's holds its header line (<c>| # note</c>): comments there are found by reading those parts.
    /// Linear: the spans come in text order and every character is looked at once.
    /// </summary>
    private static List<int> CommentOffsets(string text, List<ScalarSpan> scalars)
    {
        var result = new List<int>();
        var done = 0;
        foreach (var scalar in scalars)
        {
            var span = scalar with { Start = Math.Min(scalar.Start, text.Length), End = Math.Min(scalar.End, text.Length) };
            var start = Math.Max(span.Start, done);
            AddComments(text, done, start, result);
            var content = span.HasProperties ? SkipProperties(text, start, span.End, result) : start;
            if (span.Block)
            {
                var lineBreak = text.AsSpan(content, Math.Max(0, span.End - content)).IndexOfAny('\n', '\r');
                AddComments(text, content, lineBreak < 0 ? span.End : content + lineBreak, result);
            }

            done = Math.Max(done, span.End);
        }

        AddComments(text, done, text.Length, result);
        return result;
    }

    /// <summary>Adds the comment signs in <c>[from, to)</c>: those at the start of a line or after white space.</summary>
    private static void AddComments(string text, int from, int to, List<int> result)
    {
        for (var at = from < to ? text.IndexOf('#', from, to - from) : -1; at >= 0; at = at + 1 < to ? text.IndexOf('#', at + 1, to - at - 1) : -1)
        {
            if (at == 0 || text[at - 1] is ' ' or '\t' or '\n' or '\r' or '\uFEFF')
            {
                result.Add(at);
            }
        }
    }

    /// <summary>Skips a scalar's anchor and tag (and the white space and comments after them); where its content starts.</summary>
    private static int SkipProperties(string text, int at, int end, List<int> result)
    {
        while (at < end)
        {
            var c = text[at];
            if (c is '&' or '!')
            {
                while (at < end && text[at] is not (' ' or '\t' or '\n' or '\r'))
                {
                    at++;
                }
            }
            else if (c is ' ' or '\t' or '\n' or '\r')
            {
                at++;
            }
            else if (c == '#' && text[at - 1] is ' ' or '\t' or '\n' or '\r')
            {
                result.Add(at);
                while (at < end && text[at] is not ('\n' or '\r'))
                {
                    at++;
                }
            }
            else
            {
                break;
            }
        }

        return at;
    }

    /// <summary>Builds the JSON nodes of one stream, counting what aliases copy.</summary>
    private sealed class Builder(BoundedParser parser, YamlLimits limits)
    {
        private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
        private long _aliasCopies;

        /// <summary>Every scalar's span, in text order (for finding comments).</summary>
        public List<ScalarSpan> Scalars { get; } = [];

        /// <summary>Anchors are scoped to their document; the alias budget is for the whole text.</summary>
        public void StartDocument() => _anchors.Clear();

        public JsonNode? Node() => Read().Node;

        /// <returns>The node, its size (nodes plus scalar characters) and its height (collection levels).</returns>
        private (JsonNode? Node, long Size, int Height) Read()
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                return Copy(alias);
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                Scalars.Add(new ScalarSpan(
                    (int)scalar.Start.Index,
                    (int)scalar.End.Index,
                    scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded,
                    !scalar.Anchor.IsEmpty || !scalar.Tag.IsEmpty));
                var value = ResolveScalar(scalar);
                var size = 1L + scalar.Value.Length;
                Remember(scalar.Anchor, value, size, 0);
                return (value, size, 0);
            }

            if (parser.Current is SequenceStart)
            {
                var seqStart = parser.Consume<SequenceStart>();
                var array = new JsonArray();
                long size = 1;
                var height = 0;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = Read();
                    array.Add(item.Node);
                    size += item.Size;
                    height = Math.Max(height, item.Height);
                }

                Remember(seqStart.Anchor, array, size, height + 1);
                return (array, size, height + 1);
            }

            if (parser.Current is MappingStart)
            {
                var mapStart = parser.Consume<MappingStart>();
                var obj = new JsonObject();
                long size = 1;
                var height = 0;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var key = Read();
                    var keyText = key.Node switch
                    {
                        null => "null",
                        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.True => "true",
                        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.False => "false",
                        JsonValue v => Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) ?? "null",
                        _ => throw new YamlReadException(keyEvent.Start, "only scalar mapping keys are supported (a key here is a sequence or a mapping)."),
                    };

                    var value = Read();
                    if (obj.ContainsKey(keyText))
                    {
                        throw new YamlReadException(keyEvent.Start, $"duplicate key '{Shorten(keyText)}' (a mapping may hold each key once; Kubernetes would keep only one of the values).");
                    }

                    obj[keyText] = value.Node;
                    size += key.Size + value.Size;
                    height = Math.Max(height, value.Height);
                }

                Remember(mapStart.Anchor, obj, size, height + 1);
                return (obj, size, height + 1);
            }

            var unexpected = parser.Current!;
            throw parser.Fail(unexpected.Start, $"unexpected YAML event {unexpected.GetType().Name}.");
        }

        private (JsonNode? Node, long Size, int Height) Copy(AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlReadException(alias.Start, $"unknown alias '*{Shorten(alias.Value.Value)}' (no anchor '&{Shorten(alias.Value.Value)}' before it in this document).");
            }

            _aliasCopies += target.Size;
            if (_aliasCopies > limits.MaxAliasExpansion)
            {
                throw new YamlReadException(
                    alias.Start,
                    string.Create(CultureInfo.InvariantCulture, $"aliases repeat more than {limits.MaxAliasExpansion:N0} nodes and characters in this file (the limit on what aliases may copy); write the values out, or use fewer aliases of aliases."));
            }

            if (parser.Depth + target.Height > limits.MaxDepth)
            {
                throw new YamlReadException(alias.Start, string.Create(CultureInfo.InvariantCulture, $"the alias '*{Shorten(alias.Value.Value)}' makes collections nest more than {limits.MaxDepth} levels deep."));
            }

            return (target.Node?.DeepClone(), target.Size, target.Height);
        }

        private void Remember(AnchorName anchor, JsonNode? node, long size, int height)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = new Anchored(node, size, height);
            }
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

        private sealed record Anchored(JsonNode? Node, long Size, int Height);
    }

    private static JsonNode? ResolveScalar(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (scalar.Style != ScalarStyle.Plain || tag is "tag:yaml.org,2002:str" or "!!str")
        {
            return JsonValue.Create(scalar.Value);
        }

        if (tag is not null && tag is not ("!" or "?"))
        {
            if (tag.EndsWith(":int", StringComparison.Ordinal) || tag.EndsWith(":float", StringComparison.Ordinal)
                || tag.EndsWith(":bool", StringComparison.Ordinal) || tag.EndsWith(":null", StringComparison.Ordinal))
            {
                return YamlScalars.ResolvePlain(scalar.Value);
            }

            return JsonValue.Create(scalar.Value);
        }

        return YamlScalars.ResolvePlain(scalar.Value);
    }

    /// <summary>Where a scalar is (from its anchor or tag, when it has one): a comment sign in its content is text.</summary>
    private readonly record struct ScalarSpan(int Start, int End, bool Block, bool HasProperties);
}

/// <summary>One document of a YAML stream: its JSON root, where it stands in the text, and the offsets of the comments inside it.</summary>
internal sealed record YamlDocumentNode(int Index, JsonNode? Root, int Start, int End, bool HasComments, IReadOnlyList<int> Comments);
