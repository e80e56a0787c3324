using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Traefik.Manifests.Yaml;

/// <summary>Reads a YAML stream into JSON nodes, one per document, with each document's position in the text.</summary>
internal static class YamlReader
{
    public static List<YamlDocumentNode> ReadAll(string text)
    {
        var documents = new List<YamlDocumentNode>();
        // Comments are found by a separate scan: YamlDotNet's parser rejects some valid YAML when it is
        // given comment tokens (a comment line after a flow sequence in a block mapping).
        var comments = CommentOffsets(text);
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        parser.Consume<StreamStart>();
        var index = 0;
        while (!parser.Accept<StreamEnd>(out _))
        {
            var start = parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            JsonNode? root = null;
            var sawRoot = false;
            while (!parser.Accept<DocumentEnd>(out _))
            {

                root = ReadNode(parser, anchors);
                sawRoot = true;
            }

            var end = parser.Consume<DocumentEnd>();

            documents.Add(new YamlDocumentNode(index++, sawRoot ? root : null, (int)start.Start.Index, (int)end.End.Index, HasComments: false));
        }

        // A comment belongs to the document that contains it, or else to the next one.
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var from = i == 0 ? 0 : documents[i - 1].End;
            var to = i == documents.Count - 1 ? int.MaxValue : d.End;
            if (comments.Exists(c => c >= from && c < to))
            {
                documents[i] = d with { HasComments = true };
            }
        }

        return documents;
    }

    private static List<int> CommentOffsets(string text)
    {
        var offsets = new List<int>();
        var scanner = new Scanner(new StringReader(text), skipComments: false);
        while (scanner.MoveNext())
        {
            if (scanner.Current is YamlDotNet.Core.Tokens.Comment comment)
            {
                offsets.Add((int)comment.Start.Index);
            }
        }

        return offsets;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlException(alias.Start, alias.End, $"Unknown alias '*{alias.Value.Value}'.");
            }

            return target?.DeepClone();
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = ResolveScalar(scalar);
            Remember(anchors, scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {

                array.Add(ReadNode(parser, anchors));
            }

            Remember(anchors, seqStart.Anchor, array);
            return array;
        }

        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {

                var keyEvent = parser.Current!;
                var key = ReadNode(parser, anchors);
                var keyText = key switch
                {
                    null => "null",
                    JsonValue v => Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) ?? "null",
                    _ => throw new YamlException(keyEvent.Start, keyEvent.End, "Only scalar mapping keys are supported."),
                };
                if (key is JsonValue kv && kv.GetValueKind() == System.Text.Json.JsonValueKind.True)
                {
                    keyText = "true";
                }
                else if (key is JsonValue kf && kf.GetValueKind() == System.Text.Json.JsonValueKind.False)
                {
                    keyText = "false";
                }

                var value = ReadNode(parser, anchors);
                if (obj.ContainsKey(keyText))
                {
                    throw new YamlException(keyEvent.Start, keyEvent.End, $"Duplicate key '{keyText}'.");
                }

                obj[keyText] = value;
            }

            Remember(anchors, mapStart.Anchor, obj);
            return obj;
        }

        var unexpected = parser.Current!;
        throw new YamlException(unexpected.Start, unexpected.End, $"Unexpected YAML event {unexpected.GetType().Name}.");
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, YamlDotNet.Core.AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
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
}

/// <summary>One document of a YAML stream: its JSON root and where it stands in the text.</summary>
internal sealed record YamlDocumentNode(int Index, JsonNode? Root, int Start, int End, bool HasComments);
