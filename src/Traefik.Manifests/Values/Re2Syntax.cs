using System.Globalization;
using System.Text;

namespace Traefik.Manifests.Values;

/// <summary>
/// Judges a pattern the way Go's <c>regexp.Compile</c> does (package <c>regexp/syntax</c> with its Perl flags), which is
/// what Traefik compiles every rule and middleware expression with. It follows Go's parse step by step where the step can
/// reject a pattern: escapes, flag groups, named groups, character classes (POSIX and Unicode names), repetition counts and
/// their nesting, unbalanced groups and invalid UTF-16 (Go's invalid UTF-8). It builds no matcher.
/// </summary>
/// <remarks>
/// Go's size and nesting-depth limits ("expression too large", "expression nests too deeply") need more than
/// <see cref="Re2Pattern.MaxLength"/> characters to reach, so within that bound they never apply.
/// </remarks>
internal sealed class Re2Syntax
{
    private const int MaxRepeat = 1000;
    private const long NeedCap = MaxRepeat + 1;

    private static readonly HashSet<string> PosixClasses = new(StringComparer.Ordinal)
    {
        "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit",
    };

    private readonly int[] _r;
    private readonly List<Frame> _frames = [new Frame(0)];
    private int _pos;
    private int _captures;

    private Re2Syntax(int[] runes) => _r = runes;

    /// <summary>Null when Go accepts <paramref name="pattern"/>, else what is wrong and what to write instead.</summary>
    public static string? Problem(string pattern, out int captureGroups)
    {
        captureGroups = 0;
        if (Runes(pattern, out var at) is not { } runes)
        {
            return $"the character at position {at + 1} is half of a UTF-16 surrogate pair (Go reads it as invalid UTF-8); remove it";
        }

        var parser = new Re2Syntax(runes);
        var problem = parser.Parse();
        captureGroups = parser._captures;
        return problem;
    }

    private static int[]? Runes(string text, out int at)
    {
        var runes = new List<int>(text.Length);
        for (at = 0; at < text.Length; at++)
        {
            var c = text[at];
            if (char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
            {
                runes.Add(char.ConvertToUtf32(c, text[at + 1]));
                at++;
            }
            else if (char.IsSurrogate(c))
            {
                return null;
            }
            else
            {
                runes.Add(c);
            }
        }

        return [.. runes];
    }

    private string? Parse()
    {
        var lastRepeat = -1;
        while (_pos < _r.Length)
        {
            var start = _pos;
            var repeat = -1;
            var problem = _r[_pos] switch
            {
                '(' => OpenGroup(),
                '|' => Bar(),
                ')' => CloseGroup(),
                '[' => Class(),
                '*' or '+' or '?' => Repetition(lastRepeat, out repeat),
                '{' => Braces(lastRepeat, out repeat),
                '\\' => Escape(),
                _ => Atom(1),
            };
            if (problem is not null)
            {
                return problem;
            }

            lastRepeat = repeat >= 0 ? start : -1;
        }

        return _frames.Count > 1
            ? $"the group opened at position {_frames[^1].Start + 1} is never closed; add ')' or write '(' as \\("
            : null;
    }

    private string? Atom(int length)
    {
        _pos += length;
        _frames[^1].Items.Add(1);
        return null;
    }

    private string? Bar()
    {
        _frames[^1].EndAlternative();
        _pos++;
        return null;
    }

    private string? CloseGroup()
    {
        if (_frames.Count == 1)
        {
            return $"the ')' at position {_pos + 1} closes no group; remove it or write it as \\)";
        }

        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        frame.EndAlternative();
        _frames[^1].Items.Add(frame.Need);
        _pos++;
        return null;
    }

    private string? OpenGroup()
    {
        if (_pos + 1 < _r.Length && _r[_pos + 1] == '?')
        {
            return PerlGroup();
        }

        _captures++;
        _frames.Add(new Frame(_pos));
        _pos++;
        return null;
    }

    /// <summary><c>(?P&lt;name&gt;</c>, <c>(?&lt;name&gt;</c>, <c>(?flags)</c>, <c>(?flags:</c>.</summary>
    private string? PerlGroup()
    {
        var start = _pos;
        var left = _r.Length - _pos;
        var named = left > 4 && _r[_pos + 2] == 'P' && _r[_pos + 3] == '<';
        if (named || (left > 3 && _r[_pos + 2] == '<'))
        {
            if (!named && _r[_pos + 3] is '=' or '!')
            {
                return UnsupportedGroup(Text(start, _pos + 4), start);
            }

            var nameStart = _pos + (named ? 4 : 3);
            var end = Array.IndexOf(_r, '>', _pos);
            if (end < 0)
            {
                return $"the named group at position {start + 1} has no '>' after its name; write (?P<name>re)";
            }

            var name = Text(nameStart, end);
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return $"{Quote(Text(start, end + 1))} at position {start + 1} is not a valid group name: use letters, digits and '_', as in (?P<name>re)";
            }

            _captures++;
            _frames.Add(new Frame(start));
            _pos = end + 1;
            return null;
        }

        _pos += 2;
        var negated = false;
        var sawFlag = false;
        while (_pos < _r.Length)
        {
            var c = _r[_pos++];
            switch (c)
            {
                case 'i' or 'm' or 's' or 'U':
                    sawFlag = true;
                    continue;
                case '-' when !negated:
                    negated = true;
                    sawFlag = false;
                    continue;
                case ':' or ')' when !negated || sawFlag:
                    if (c == ':')
                    {
                        _frames.Add(new Frame(start));
                    }

                    return null;
            }

            break;
        }

        return UnsupportedGroup(Text(start, _pos), start);
    }

    private static string UnsupportedGroup(string fragment, int start)
    {
        var why = fragment.Length > 2 ? fragment[2] : '\0';
        var hint = why switch
        {
            '=' or '!' => "lookahead is not supported by RE2; match the text itself instead",
            '<' => "lookbehind is not supported by RE2; match the text itself instead",
            '#' => "comments are not supported by RE2; remove the (?#...) part",
            '>' => "atomic groups are not supported by RE2 (it never backtracks); use (?:...)",
            '\'' => "write a named group as (?P<name>re) or (?<name>re)",
            'x' => "the x (extended) flag is not supported by RE2; remove it and the spaces it would ignore",
            'P' => "named backreferences and recursion are not supported by RE2; a named group is (?P<name>re)",
            _ => "RE2 accepts (?:re), (?P<name>re), (?<name>re) and the flags i, m, s and U, as in (?i) or (?i-s:re)",
        };
        return $"{Quote(fragment)} at position {start + 1} is not supported: {hint}";
    }

    private string? Repetition(int lastRepeat, out int repeat)
    {
        var start = _pos;
        _pos++;
        if (_pos < _r.Length && _r[_pos] == '?')
        {
            _pos++;
        }

        repeat = start;
        return Repeat(start, lastRepeat, min: 0, max: 0, counted: false);
    }

    private string? Braces(int lastRepeat, out int repeat)
    {
        repeat = -1;
        var start = _pos;
        if (!RepeatCounts(out var min, out var max, out var after))
        {
            return Atom(1);
        }

        _pos = after;
        if (min < 0 || min > MaxRepeat || max > MaxRepeat || (max >= 0 && min > max))
        {
            return $"{Quote(Text(start, after))} at position {start + 1} is not a valid repeat count: RE2 allows {{n}}, {{n,}} and {{n,m}} with n <= m <= {MaxRepeat}";
        }

        if (_pos < _r.Length && _r[_pos] == '?')
        {
            _pos++;
        }

        repeat = start;
        return Repeat(start, lastRepeat, min, max, counted: true);
    }

    private string? Repeat(int start, int lastRepeat, int min, int max, bool counted)
    {
        var items = _frames[^1].Items;
        if (lastRepeat >= 0)
        {
            return $"{Quote(Text(lastRepeat, _pos))} at position {lastRepeat + 1} repeats a repetition, which RE2 does not allow; put the inner part in a group, as in (?:a*)*, or write a literal with a backslash";
        }

        if (items.Count == 0)
        {
            return $"{Quote(Text(start, _pos))} at position {start + 1} has nothing before it to repeat; write it as \\{Text(start, start + 1)} to match it literally";
        }

        var inner = items[^1];
        if (counted)
        {
            // Go's repeatIsValid: {0} and {0,0} cut the count off (what they repeat is never copied); {0,} counts as 1.
            var m = max < 0 ? min : max;
            var need = max == 0 ? 1 : Math.Min(NeedCap, Math.Max(m, 1) * inner);
            if ((min >= 2 || max >= 2) && need > MaxRepeat)
            {
                return $"{Quote(Text(start, _pos))} at position {start + 1} repeats an expression that is itself repeated: RE2 allows at most {MaxRepeat} copies in all (the counts multiplied together)";
            }

            items[^1] = need;
        }

        return null;
    }

    /// <summary>Go's <c>parseRepeat</c>: {n}, {n,} or {n,m}; false (a literal '{') when the text has another shape.</summary>
    private bool RepeatCounts(out int min, out int max, out int after)
    {
        max = 0;
        after = _pos + 1;
        if (!Integer(ref after, out min) || after >= _r.Length)
        {
            return false;
        }

        if (_r[after] != ',')
        {
            max = min;
        }
        else
        {
            after++;
            if (after >= _r.Length)
            {
                return false;
            }

            if (_r[after] == '}')
            {
                max = -1;
            }
            else if (!Integer(ref after, out max))
            {
                return false;
            }
            else if (max < 0)
            {
                min = -1;
            }
        }

        if (after >= _r.Length || _r[after] != '}')
        {
            return false;
        }

        after++;
        return true;
    }

    /// <summary>A decimal integer without leading zeros; -1 when it has 9 digits or more (too big to matter).</summary>
    private bool Integer(ref int at, out int value)
    {
        value = 0;
        if (at >= _r.Length || !IsDigit(_r[at]) || (_r[at] == '0' && at + 1 < _r.Length && IsDigit(_r[at + 1])))
        {
            return false;
        }

        while (at < _r.Length && IsDigit(_r[at]))
        {
            value = value is < 0 or >= 100_000_000 ? -1 : (value * 10) + _r[at] - '0';
            at++;
        }

        return true;
    }

    private string? Escape()
    {
        if (_pos + 1 < _r.Length)
        {
            switch (_r[_pos + 1])
            {
                case 'A' or 'b' or 'B' or 'z':
                    return Atom(2);
                case 'C':
                    return EscapeProblem(_pos, _pos + 2);
                case 'Q':
                    return Quoted();
                case 'p' or 'P':
                    return UnicodeClass() ?? Atom(0);
                case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                    return Atom(2);
            }
        }

        return SingleEscape() ?? Atom(0);
    }

    /// <summary><c>\Q...\E</c>: everything up to <c>\E</c> (or the end) is literal.</summary>
    private string? Quoted()
    {
        _pos += 2;
        while (_pos < _r.Length)
        {
            if (_r[_pos] == '\\' && _pos + 1 < _r.Length && _r[_pos + 1] == 'E')
            {
                _pos += 2;
                return null;
            }

            Atom(1);
        }

        return null;
    }

    /// <summary>Go's <c>parseEscape</c>: one escaped character, moving past it.</summary>
    private string? SingleEscape()
    {
        var start = _pos;
        if (_pos + 1 >= _r.Length)
        {
            return "the pattern ends with a single backslash; write a literal backslash as \\\\";
        }

        var c = _r[_pos + 1];
        _pos += 2;
        if (c < 0x80 && !IsAsciiLetterOrDigit(c))
        {
            return null;
        }

        switch (c)
        {
            case >= '1' and <= '7' when _pos >= _r.Length || !IsOctal(_r[_pos]):
                return EscapeProblem(start, _pos);
            case >= '0' and <= '7':
                for (var i = 1; i < 3 && _pos < _r.Length && IsOctal(_r[_pos]); i++)
                {
                    _pos++;
                }

                return null;
            case 'x':
                return HexEscape(start);
            case 'a' or 'f' or 'n' or 'r' or 't' or 'v':
                return null;
            default:
                return EscapeProblem(start, _pos);
        }
    }

    private string? HexEscape(int start)
    {
        if (_pos >= _r.Length)
        {
            return EscapeProblem(start, _pos);
        }

        if (_r[_pos] == '{')
        {
            _pos++;
            var digits = 0;
            long value = 0;
            while (true)
            {
                if (_pos >= _r.Length)
                {
                    return EscapeProblem(start, _pos);
                }

                var d = _r[_pos++];
                if (d == '}')
                {
                    break;
                }

                var v = Hex(d);
                value = (value * 16) + v;
                if (v < 0 || value > 0x10FFFF)
                {
                    return EscapeProblem(start, _pos);
                }

                digits++;
            }

            return digits == 0 ? EscapeProblem(start, _pos) : null;
        }

        var ok = Hex(_r[_pos]) >= 0 && _pos + 1 < _r.Length && Hex(_r[_pos + 1]) >= 0;
        _pos = Math.Min(_pos + 2, _r.Length);
        return ok ? null : EscapeProblem(start, _pos);
    }

    private string EscapeProblem(int start, int end)
    {
        var fragment = Text(start, end);
        var c = end > start + 1 ? _r[start + 1] : 0;
        var hint = c switch
        {
            >= '1' and <= '9' => "backreferences are not supported by RE2; an octal escape has two or three digits, as in \\012",
            'Z' => "use \\z (end of text) or $",
            'G' => "\\G is not supported by RE2; anchor with ^ or \\A",
            'e' => "write the escape character as \\x1b",
            'c' => "control-character escapes are not supported by RE2; write \\x01 for Ctrl-A",
            'u' or 'U' => "write a code point as \\x{263a}",
            'x' => "write two hex digits, as in \\x41, or up to 10FFFF in braces, as in \\x{263a}",
            'h' or 'H' or 'v' or 'V' or 'R' or 'X' or 'K' or 'N' or 'k' or 'g' or 'o' or 'C' => "this Perl/PCRE escape is not supported by RE2",
            _ when c >= 0x80 => "only ASCII punctuation can be escaped; write the character itself",
            _ => "RE2 knows \\a \\f \\t \\n \\r \\v, octal \\012, hex \\x41 and \\x{263a}, \\d \\s \\w (and upper-case), \\b \\B \\A \\z, \\pL and \\p{Greek}, \\Q...\\E, and a backslash before punctuation",
        };
        return $"{Quote(fragment)} at position {start + 1} is not an escape RE2 knows: {hint}";
    }

    /// <summary>Go's <c>parseUnicodeClass</c>: <c>\pL</c>, <c>\p{Greek}</c>, <c>\P{^Lu}</c>.</summary>
    private string? UnicodeClass()
    {
        var start = _pos;
        var t = _pos + 2;
        string name;
        int end;
        if (t < _r.Length && _r[t] == '{')
        {
            var close = Array.IndexOf(_r, '}', start);
            if (close < 0)
            {
                return $"{Quote(Text(start, _r.Length))} at position {start + 1} has no closing '}}'; write a Unicode class as \\p{{Greek}}";
            }

            name = Text(t + 1, close);
            end = close + 1;
        }
        else
        {
            end = Math.Min(t + 1, _r.Length);
            name = Text(t, end);
        }

        var bare = name.StartsWith('^') ? name[1..] : name;
        if (!UnicodeClassNames.Contains(bare))
        {
            return $"{Quote(Text(start, end))} at position {start + 1} names no Unicode category or script Go knows; use a category such as L, Lu or Nd (or Letter), or a script such as Greek or Latin";
        }

        _pos = end;
        return null;
    }

    /// <summary>Go's <c>parseClass</c>: <c>[...]</c> and <c>[^...]</c>.</summary>
    private string? Class()
    {
        var start = _pos;
        _pos++;
        if (_pos < _r.Length && _r[_pos] == '^')
        {
            _pos++;
        }

        var first = true;
        while (_pos >= _r.Length || _r[_pos] != ']' || first)
        {
            first = false;
            if (_r.Length - _pos > 2 && _r[_pos] == '[' && _r[_pos + 1] == ':' && PosixClass() is var (named, problem))
            {
                if (problem is not null)
                {
                    return problem;
                }

                if (named)
                {
                    continue;
                }
            }

            if (_pos + 1 < _r.Length && _r[_pos] == '\\')
            {
                if (_r[_pos + 1] is 'p' or 'P')
                {
                    if (UnicodeClass() is { } unicodeProblem)
                    {
                        return unicodeProblem;
                    }

                    continue;
                }

                if (_r[_pos + 1] is 'd' or 'D' or 's' or 'S' or 'w' or 'W')
                {
                    _pos += 2;
                    continue;
                }
            }

            var rangeStart = _pos;
            if (ClassChar(start, out var lo) is { } loProblem)
            {
                return loProblem;
            }

            if (_r.Length - _pos >= 2 && _r[_pos] == '-' && _r[_pos + 1] != ']')
            {
                _pos++;
                if (ClassChar(start, out var hi) is { } hiProblem)
                {
                    return hiProblem;
                }

                if (hi < lo)
                {
                    return $"the range {Quote(Text(rangeStart, _pos))} at position {rangeStart + 1} goes backwards; write the lower character first";
                }
            }
        }

        _pos++;
        _frames[^1].Items.Add(1);
        return null;
    }

    /// <summary>Go's <c>parseNamedClass</c>: <c>[:alpha:]</c> inside a class (found: true), or not one (found: false).</summary>
    private (bool Found, string? Problem) PosixClass()
    {
        for (var i = _pos + 2; i + 1 < _r.Length; i++)
        {
            if (_r[i] == ':' && _r[i + 1] == ']')
            {
                var name = Text(_pos + 2, i);
                if (!PosixClasses.Contains(name.StartsWith('^') ? name[1..] : name))
                {
                    return (false, $"{Quote(Text(_pos, i + 2))} at position {_pos + 1} is not a POSIX class RE2 knows: use [:alnum:], [:alpha:], [:digit:], [:space:], [:word:] and the like (lower case), or write '[' as \\[");
                }

                _pos = i + 2;
                return (true, null);
            }
        }

        return (false, null);
    }

    private string? ClassChar(int classStart, out int value)
    {
        value = 0;
        if (_pos >= _r.Length)
        {
            return $"the character class opened at position {classStart + 1} is never closed; add ']' or write '[' as \\[";
        }

        if (_r[_pos] != '\\')
        {
            value = _r[_pos++];
            return null;
        }

        var start = _pos;
        var problem = SingleEscape();
        value = problem is null ? EscapedValue(start) : 0;
        return problem;
    }

    /// <summary>The code point an escape accepted by <see cref="SingleEscape"/> stands for (for range order).</summary>
    private int EscapedValue(int start)
    {
        var c = _r[start + 1];
        var body = Text(start + 2, _pos);
        return c switch
        {
            >= '0' and <= '7' => Convert.ToInt32(((char)c) + body, 8),
            'x' => int.Parse(body.Trim('{', '}'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            'a' => 7,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            _ => c,
        };
    }

    private string Text(int start, int end)
    {
        var sb = new StringBuilder(end - start);
        for (var i = start; i < end && i < _r.Length; i++)
        {
            sb.Append(char.ConvertFromUtf32(_r[i] is >= 0xD800 and <= 0xDFFF ? 0xFFFD : _r[i]));
        }

        return sb.ToString();
    }

    private static string Quote(string fragment) => Validation.Check.Show(fragment);

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    private static bool IsOctal(int c) => c is >= '0' and <= '7';

    private static bool IsAsciiLetterOrDigit(int c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static int Hex(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// A group being parsed: the repetition "need" (product of nested repeat counts) of each item of its current
    /// alternative, and the largest need of its finished alternatives.
    /// </summary>
    private sealed class Frame(int start)
    {
        private long _done = 1;

        public int Start { get; } = start;

        public List<long> Items { get; } = [];

        public long Need => _done;

        public void EndAlternative()
        {
            foreach (var item in Items)
            {
                _done = Math.Max(_done, item);
            }

            Items.Clear();
        }
    }
}
