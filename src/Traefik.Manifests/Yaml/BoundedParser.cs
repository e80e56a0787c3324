using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Traefik.Manifests.Yaml;

/// <summary>
/// YamlDotNet's parser with bounds, so a hostile text can cost no more than its length: at most a few events
/// per character (the parser emits at most about one per character; a parser that keeps emitting without
/// advancing is stopped), collections nested at most <see cref="YamlLimits.MaxDepth"/> deep, and every failure,
/// whatever the parser throws, is a <see cref="YamlReadException"/> with the line, column and reason.
/// </summary>
/// <remarks>
/// Comments are not read from the scanner: YamlDotNet's scanner, asked for comment tokens, emits error tokens
/// forever on some malformed texts (<c>a: b: c</c> hung the process), and its parser rejects some valid texts
/// when given comments. <see cref="YamlReader"/> finds comments from the scalar positions instead.
/// </remarks>
internal sealed class BoundedParser : IParser
{
    /// <summary>Events allowed per character of text, plus <see cref="FixedEvents"/>; the parser emits at most about one.</summary>
    private const int EventsPerCharacter = 4;

    private const int FixedEvents = 16;

    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly int _maxDepth;
    private readonly Stack<(ParsingEvent Start, bool Flow, bool Sequence)> _open = new();
    private long _budget;

    public BoundedParser(string text, YamlLimits limits)
    {
        _scanner = new Scanner(new StringReader(text), skipComments: true);
        _parser = new Parser(_scanner);
        _maxDepth = limits.MaxDepth;
        _budget = (EventsPerCharacter * (long)text.Length) + FixedEvents;
    }

    /// <summary>How many collections are open at the current event (the current one included when it starts one).</summary>
    public int Depth => _open.Count;

    public ParsingEvent? Current => _parser.Current;

    public bool MoveNext()
    {
        if (--_budget < 0)
        {
            throw Fail(null, "the YAML parser stopped advancing through the text");
        }

        bool moved;
        try
        {
            moved = _parser.MoveNext();
        }
        catch (YamlException e)
        {
            throw Fail(e.Start.Equals(Mark.Empty) ? null : e.Start, e.Message.TrimEnd('.') + ".");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException
            or FormatException or OverflowException or KeyNotFoundException or NotSupportedException or InvalidCastException)
        {
            // YamlDotNet fails this way on some malformed texts (an unclosed flow sequence followed by a mapping):
            // the message says nothing useful, so say where it stopped and what was open there.
            throw Fail(null, "the YAML parser could not continue here");
        }

        switch (_parser.Current)
        {
            case SequenceStart s:
                Open(s, s.Style == SequenceStyle.Flow, sequence: true);
                break;
            case MappingStart m:
                Open(m, m.Style == MappingStyle.Flow, sequence: false);
                break;
            case SequenceEnd or MappingEnd when _open.Count > 0:
                _open.Pop();
                break;
        }

        return moved;
    }

    /// <summary>An error at <paramref name="at"/> (or where the scanner stopped), naming the flow collection it is in, if any.</summary>
    public YamlReadException Fail(Mark? at, string reason)
    {
        var mark = at ?? _scanner.CurrentPosition;
        var flow = _open.FirstOrDefault(o => o.Flow);
        if (flow.Start is not null)
        {
            var (open, close) = flow.Sequence ? ('[', ']') : ('{', '}');
            reason = reason.TrimEnd('.') + string.Create(
                CultureInfo.InvariantCulture,
                $" (inside the flow {(flow.Sequence ? "sequence" : "mapping")} '{open}' opened at line {flow.Start.Start.Line}, column {flow.Start.Start.Column}: is its '{close}' missing?).");
        }

        return new YamlReadException(mark, Sentence(reason));
    }

    private void Open(ParsingEvent start, bool flow, bool sequence)
    {
        _open.Push((start, flow, sequence));
        if (_open.Count > _maxDepth)
        {
            throw new YamlReadException(start.Start, string.Create(CultureInfo.InvariantCulture, $"collections nest more than {_maxDepth} levels deep."));
        }
    }

    private static string Sentence(string reason) => reason.Length == 0 ? reason : reason.EndsWith('.') || reason.EndsWith(')') ? reason : reason + ".";
}
