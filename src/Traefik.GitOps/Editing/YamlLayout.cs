using Traefik.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Traefik.GitOps.Editing;

/// <summary>
/// Where things are in a YAML text: each document's span, where its content starts and ends, where each
/// scalar value is (by JSON-pointer path) and where the comments are. Used to edit a value in place,
/// replace one document, or refuse an edit that would drop comments.
/// </summary>
internal static class YamlLayout
{
    /// <summary>
    /// The layout of a text that <see cref="ManifestYaml.TryReadDocuments"/> has read into
    /// <paramref name="documents"/>: the same parser on the same text, so it ends within the same bounds, and the
    /// comments are the ones the reader found (YamlDotNet's scanner, asked for comment tokens, can loop forever).
    /// </summary>
    public static IReadOnlyList<DocumentLayout> Analyze(string text, IReadOnlyList<ManifestDocument> documents)
    {
        var result = new List<DocumentLayout>();
        var comments = new List<int>();
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        parser.Consume<StreamStart>();
        while (!parser.Accept<StreamEnd>(out _))
        {
            if (parser.TryConsume<Comment>(out var stray))
            {
                comments.Add((int)stray.Start.Index);
                continue;
            }

            var start = parser.Consume<DocumentStart>();
            var walker = new Walker(parser, comments);
            var rootStart = -1;
            while (!parser.Accept<DocumentEnd>(out _))
            {
                if (parser.TryConsume<Comment>(out var c))
                {
                    comments.Add((int)c.Start.Index);
                    continue;
                }

                rootStart = rootStart < 0 ? (int)parser.Current!.Start.Index : rootStart;
                walker.Node(string.Empty);
            }

            var end = parser.Consume<DocumentEnd>();
            var docStart = (int)start.Start.Index;
            var docEnd = Math.Min((int)end.End.Index, text.Length);
            var contentEnd = walker.LastContent < 0 ? docEnd : LineEnd(text, walker.LastContent);
            result.Add(new DocumentLayout(
                docStart,
                docEnd,
                rootStart < 0 ? docEnd : Math.Min(rootStart, text.Length),
                Math.Max(contentEnd, rootStart < 0 ? docEnd : rootStart),
                walker.Scalars,
                walker.HasAnchors,
                walker.HasComplexKeys));
        }

        for (var i = 0; i < result.Count && i < documents.Count; i++)
        {
            result[i].Comments.AddRange(documents[i].Comments);
        }

        return result;
    }

    /// <summary>The JSON-pointer segment for a key or index.</summary>
    public static string Segment(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static int LineEnd(string text, int position)
    {
        if (position > 0 && text[position - 1] == '\n')
        {
            return position;
        }

        var newline = text.IndexOf('\n', Math.Min(position, text.Length));
        return newline < 0 ? text.Length : newline + 1;
    }

    private sealed class Walker(IParser parser, List<int> comments)
    {
        public Dictionary<string, ScalarSpan> Scalars { get; } = new(StringComparer.Ordinal);

        public bool HasAnchors { get; private set; }

        public bool HasComplexKeys { get; private set; }

        public int LastContent { get; private set; } = -1;

        public void Node(string path)
        {
            SkipComments();
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                HasAnchors = true;
                Touch((int)alias.End.Index);
                return;
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                HasAnchors |= !scalar.Anchor.IsEmpty;
                var decorated = !scalar.Anchor.IsEmpty || !scalar.Tag.IsEmpty;
                Scalars[path] = new ScalarSpan((int)scalar.Start.Index, (int)scalar.End.Index, scalar.Style, decorated);
                Touch((int)scalar.End.Index);
                return;
            }

            if (parser.TryConsume<SequenceStart>(out var seq))
            {
                HasAnchors |= !seq.Anchor.IsEmpty;
                var index = 0;
                while (!parser.Accept<SequenceEnd>(out _))
                {
                    if (SkipComment())
                    {
                        continue;
                    }

                    Node(path + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    index++;
                }

                var end = parser.Consume<SequenceEnd>();
                if (seq.Style == SequenceStyle.Flow)
                {
                    Touch((int)end.Start.Index + 1);
                }

                return;
            }

            if (parser.TryConsume<MappingStart>(out var map))
            {
                HasAnchors |= !map.Anchor.IsEmpty;
                while (!parser.Accept<MappingEnd>(out _))
                {
                    if (SkipComment())
                    {
                        continue;
                    }

                    string key;
                    if (parser.TryConsume<Scalar>(out var keyScalar))
                    {
                        key = keyScalar.Value;
                        HasAnchors |= !keyScalar.Anchor.IsEmpty;
                        if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
                        {
                            HasComplexKeys = true;
                        }
                    }
                    else
                    {
                        HasComplexKeys = true;
                        key = "?";
                        Node(path + "/?");
                    }

                    Node(path + "/" + Segment(key));
                }

                var end = parser.Consume<MappingEnd>();
                if (map.Style == MappingStyle.Flow)
                {
                    Touch((int)end.Start.Index + 1);
                }

                return;
            }

            var unexpected = parser.Current!;
            throw new YamlException(unexpected.Start, unexpected.End, "Unexpected YAML event " + unexpected.GetType().Name);
        }

        private void SkipComments()
        {
            while (SkipComment())
            {
            }
        }

        private bool SkipComment()
        {
            if (parser.TryConsume<Comment>(out var c))
            {
                comments.Add((int)c.Start.Index);
                return true;
            }

            return false;
        }

        private void Touch(int end) => LastContent = Math.Max(LastContent, end);
    }
}

/// <summary>Where one document is in a YAML text.</summary>
/// <param name="Start">Start of the document (at its <c>---</c> when it has one).</param>
/// <param name="End">End of the document (the next document's start, or the end of the text).</param>
/// <param name="RootStart">Where the document's content starts (after leading comments).</param>
/// <param name="ContentEnd">The end of the line holding the document's last content.</param>
/// <param name="Scalars">Each scalar value, by JSON-pointer path (<c>/spec/weighted/services/0/weight</c>).</param>
/// <param name="HasAnchors">True when the document uses anchors or aliases (one edit could change several values).</param>
/// <param name="HasComplexKeys">True when a key is not a plain scalar, or a merge key is used.</param>
internal sealed record DocumentLayout(int Start, int End, int RootStart, int ContentEnd, IReadOnlyDictionary<string, ScalarSpan> Scalars, bool HasAnchors, bool HasComplexKeys)
{
    /// <summary>Positions of the comments inside the document's span.</summary>
    public List<int> Comments { get; } = [];

    /// <summary>True when a comment sits between <see cref="RootStart"/> and <see cref="ContentEnd"/> (re-rendering would drop it).</summary>
    public bool HasCommentsInContent => Comments.Any(c => c >= RootStart && c < ContentEnd);
}

/// <summary>Where a scalar is and how it is written.</summary>
internal readonly record struct ScalarSpan(int Start, int End, ScalarStyle Style, bool Decorated)
{
    /// <summary>True when the scalar can be replaced by another one-line scalar without touching anything around it.</summary>
    public bool CanReplace(string text) =>
        !Decorated
        && Style is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
        && End > Start && End <= text.Length
        && text.AsSpan(Start, End - Start).IndexOfAny('\n', '\r') < 0;
}
