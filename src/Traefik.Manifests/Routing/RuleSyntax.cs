using System.Text;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Routing;

/// <summary>
/// Parses and validates a raw Traefik v3 rule (for routes given as rule text). Every matcher name,
/// argument count and argument value is checked, so a rule cannot smuggle a second condition in an
/// argument. The normalised rule quotes every argument with backticks; unquoted arguments made only of
/// host and path characters (as in <c>Host(example.com)</c>) are accepted and quoted.
/// </summary>
public static class RuleSyntax
{
    private static readonly Dictionary<string, (int Min, int Max)> Matchers = new(StringComparer.Ordinal)
    {
        ["Host"] = (1, 1), ["HostRegexp"] = (1, 1), ["Method"] = (1, 1), ["Path"] = (1, 1), ["PathPrefix"] = (1, 1),
        ["PathRegexp"] = (1, 1), ["Header"] = (2, 2), ["HeaderRegexp"] = (2, 2), ["Query"] = (1, 2), ["QueryRegexp"] = (1, 2),
        ["ClientIP"] = (1, 1),
    };

    /// <summary>Validates a rule and returns it normalised.</summary>
    /// <exception cref="ManifestException">The rule is not valid; the message says where and why.</exception>
    public static string Normalize(string rule)
    {
        var problems = new Problems();
        var result = Normalize(rule, problems, "match");
        problems.ThrowIfAny("The rule is not valid.");
        return result!;
    }

    internal static string? Normalize(string? rule, Problems problems, string path)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            problems.Add(path, "a rule is required, for example Host(`app.example.com`) && PathPrefix(`/api`).");
            return null;
        }

        if (rule.Length > 4096)
        {
            problems.Add(path, "a rule must be at most 4096 characters.");
            return null;
        }

        var parser = new Parser(rule);
        try
        {
            var text = parser.ParseExpression();
            parser.SkipSpaces();
            if (!parser.AtEnd)
            {
                throw parser.Error("unexpected text");
            }

            if (parser.Errors.Count > 0)
            {
                foreach (var e in parser.Errors)
                {
                    problems.Add(path, e);
                }

                return null;
            }

            return text;
        }
        catch (FormatException e)
        {
            problems.Add(path, e.Message);
            return null;
        }
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public List<string> Errors { get; } = [];

        public bool AtEnd => _pos >= text.Length;

        public string ParseExpression()
        {
            var parts = new List<string> { ParseAnd() };
            while (TryConsume("||"))
            {
                parts.Add(ParseAnd());
            }

            return string.Join(" || ", parts);
        }

        private string ParseAnd()
        {
            var parts = new List<string> { ParseUnary() };
            while (TryConsume("&&"))
            {
                parts.Add(ParseUnary());
            }

            return string.Join(" && ", parts);
        }

        private string ParseUnary()
        {
            SkipSpaces();
            if (TryConsume("!"))
            {
                return "!" + ParseUnary();
            }

            if (TryConsume("("))
            {
                var inner = ParseExpression();
                if (!TryConsume(")"))
                {
                    throw Error("a ')' is missing");
                }

                return "(" + inner + ")";
            }

            return ParseMatcher();
        }

        private string ParseMatcher()
        {
            SkipSpaces();
            var start = _pos;
            while (!AtEnd && char.IsAsciiLetter(text[_pos]))
            {
                _pos++;
            }

            var name = text[start.._pos];
            if (name.Length == 0)
            {
                throw Error("expected a matcher such as Host(`example.com`)");
            }

            if (!Matchers.TryGetValue(name, out var arity))
            {
                throw new FormatException($"{Check.Show(name)} is not a Traefik v3 matcher; use one of {string.Join(", ", Matchers.Keys)}.");
            }

            if (!TryConsume("("))
            {
                throw Error($"'(' expected after {name}");
            }

            var args = new List<string>();
            SkipSpaces();
            if (!TryConsume(")"))
            {
                do
                {
                    args.Add(ParseArgument());
                }
                while (TryConsume(","));
                if (!TryConsume(")"))
                {
                    throw Error($"')' expected to close {name}(");
                }
            }

            if (args.Count < arity.Min || args.Count > arity.Max)
            {
                var expected = arity.Min == arity.Max ? $"{arity.Min}" : $"{arity.Min} or {arity.Max}";
                throw new FormatException($"{name} takes {expected} argument{(arity.Max > 1 ? "s" : string.Empty)}, not {args.Count}.");
            }

            ValidateArguments(name, args);
            return name + "(" + string.Join(", ", args.Select(a => "`" + a + "`")) + ")";
        }

        private void ValidateArguments(string name, List<string> args)
        {
            string? error = name switch
            {
                "Host" => args[0] == "*" ? null : Check.HostName(args[0]),
                "HostRegexp" => Check.RuleRegex(args[0], asciiOnly: true),
                "PathRegexp" => Check.RuleRegex(args[0]),
                "Path" or "PathPrefix" => Check.LiteralPath(args[0]),
                "Method" => args[0].Length > 0 && args[0].All(char.IsAsciiLetterUpper) ? null : $"{Check.Show(args[0])} is not an HTTP method (upper-case letters, for example GET).",
                "Header" => Check.HeaderName(args[0]) ?? Check.HeaderValue(args[1]),
                "HeaderRegexp" => Check.HeaderName(args[0]) ?? Check.RuleRegex(args[1]),
                "Query" => Check.HeaderName(args[0], "query parameter name") ?? (args.Count > 1 ? Check.HeaderValue(args[1]) : null),
                "QueryRegexp" => Check.HeaderName(args[0], "query parameter name") ?? (args.Count > 1 ? Check.RuleRegex(args[1]) : null),
                "ClientIP" => Check.IpOrCidr(args[0]),
                _ => null,
            };
            if (error is not null)
            {
                Errors.Add($"{name}: {error}");
            }
        }

        private string ParseArgument()
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw Error("an argument is missing");
            }

            var c = text[_pos];
            if (c == '`')
            {
                var end = text.IndexOf('`', _pos + 1);
                if (end < 0)
                {
                    throw Error("a closing backtick is missing");
                }

                var value = text[(_pos + 1)..end];
                _pos = end + 1;
                SkipSpaces();
                return value;
            }

            if (c == '"')
            {
                var sb = new StringBuilder();
                _pos++;
                while (!AtEnd && text[_pos] != '"')
                {
                    if (text[_pos] == '\\' && _pos + 1 < text.Length)
                    {
                        _pos++;
                    }

                    sb.Append(text[_pos++]);
                }

                if (AtEnd)
                {
                    throw Error("a closing '\"' is missing");
                }

                _pos++;
                SkipSpaces();
                var value = sb.ToString();
                return value.Contains('`', StringComparison.Ordinal) ? throw Error("an argument must not contain a backtick") : value;
            }

            var start = _pos;
            while (!AtEnd && IsBare(text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error("an argument must be quoted with backticks, for example Host(`example.com`)");
            }

            var bare = text[start.._pos];
            SkipSpaces();
            return bare;
        }

        private static bool IsBare(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or '*' or '~' or ':' or '%';

        public void SkipSpaces()
        {
            while (!AtEnd && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private bool TryConsume(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _pos, token, 0, token.Length) == 0)
            {
                _pos += token.Length;
                return true;
            }

            return false;
        }

        public FormatException Error(string what)
        {
            var near = AtEnd ? "at the end" : $"at position {_pos + 1} (near {Check.Show(text.Substring(_pos, Math.Min(12, text.Length - _pos)))})";
            return new FormatException($"{what} {near}.");
        }
    }
}
