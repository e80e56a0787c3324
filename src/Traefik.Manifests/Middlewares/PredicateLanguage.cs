using System.Collections.Immutable;
using System.Globalization;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Middlewares;

/// <summary>The type of a value in an oxy predicate expression.</summary>
internal enum PredicateType
{
    Int,
    Float,
    Bool,
}

/// <summary>A literal argument or comparison value as written.</summary>
internal readonly record struct PredicateLiteral(string Text, PredicateType Type, double Value);

/// <summary>
/// One function of a predicate vocabulary. <paramref name="Meaning"/> completes "X() is …" in messages,
/// <paramref name="Example"/> is a literal of the result type, <paramref name="Maximum"/> bounds a
/// ratio, and <paramref name="CheckArguments"/> adds rules beyond types (null when fine).
/// </summary>
internal sealed record PredicateFunction(
    string Name,
    ImmutableArray<(string Name, PredicateType Type, string Example)> Parameters,
    PredicateType Result,
    string Meaning,
    string Example,
    double? Maximum = null,
    Func<IReadOnlyList<PredicateLiteral>, string?>? CheckArguments = null)
{
    /// <summary>The call as documented, for example <c>ResponseCodeRatio(from, to, dividedByFrom, dividedByTo)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(p => p.Name))})";
}

/// <summary>
/// The functions an oxy predicate may call. Traefik parses these expressions with
/// <c>github.com/vulcand/predicate</c> (Go expression syntax): a function call on the left, a literal of
/// exactly its type on the right, comparisons joined with <c>&amp;&amp;</c>, <c>||</c> and parentheses,
/// and no <c>!</c>.
/// </summary>
internal sealed record PredicateVocabulary(string Owner, ImmutableArray<PredicateFunction> Functions, string Example)
{
    public PredicateFunction? Find(string name) => Functions.FirstOrDefault(f => f.Name == name);

    public string List() =>
        string.Join(", ", Functions.Take(Functions.Length - 1).Select(f => f.Signature))
        + (Functions.Length > 1 ? " and " : string.Empty) + Functions[^1].Signature;

    /// <summary>The circuit breaker's functions (oxy v2.1.0, as in Traefik v3.7.9).</summary>
    public static PredicateVocabulary CircuitBreaker { get; } = new(
        "Traefik's circuit breaker",
        [
            new PredicateFunction("NetworkErrorRatio", [], PredicateType.Float, "a ratio", "0.5", Maximum: 1),
            new PredicateFunction(
                "ResponseCodeRatio",
                [("from", PredicateType.Int, "500"), ("to", PredicateType.Int, "600"), ("dividedByFrom", PredicateType.Int, "0"), ("dividedByTo", PredicateType.Int, "600")],
                PredicateType.Float,
                "a ratio",
                "0.3",
                Maximum: 1,
                CheckArguments: CheckCodeRanges),
            new PredicateFunction(
                "LatencyAtQuantileMS",
                [("quantile", PredicateType.Float, "99.0")],
                PredicateType.Int,
                "whole milliseconds",
                "250",
                CheckArguments: CheckQuantile),
        ],
        "ResponseCodeRatio(500, 600, 0, 600) > 0.3");

    /// <summary>The buffering middleware's retry functions.</summary>
    public static PredicateVocabulary BufferingRetry { get; } = new(
        "the buffering retry expression",
        [
            new PredicateFunction("Attempts", [], PredicateType.Int, "a count", "2"),
            new PredicateFunction("ResponseCode", [], PredicateType.Int, "a status code", "502"),
            new PredicateFunction("IsNetworkError", [], PredicateType.Bool, "true or false", "true"),
        ],
        "IsNetworkError() && Attempts() < 2");

    private static string? CheckCodeRanges(IReadOnlyList<PredicateLiteral> args)
    {
        if (args.Any(a => a.Value < 0 || a.Value > 999))
        {
            return "ResponseCodeRatio takes status codes between 0 and 999.";
        }

        if (args[0].Value >= args[1].Value || args[2].Value >= args[3].Value)
        {
            return $"ResponseCodeRatio({string.Join(", ", args.Select(a => a.Text))}) counts codes in [from, to) divided by codes in [dividedByFrom, dividedByTo): each 'from' must be below its 'to', for example ResponseCodeRatio(500, 600, 0, 600).";
        }

        return null;
    }

    private static string? CheckQuantile(IReadOnlyList<PredicateLiteral> args) =>
        args[0].Value is > 0 and <= 100
            ? null
            : $"LatencyAtQuantileMS({args[0].Text}): the quantile is a percentage greater than 0 and at most 100, for example 99.0.";
}

/// <summary>
/// Checks an oxy predicate expression the way Traefik will parse and type it, and reports every type
/// problem (or the first syntax error) with a message that says how to write it instead.
/// </summary>
internal static class PredicateChecker
{
    public static IReadOnlyList<string> Check(string? text, PredicateVocabulary vocabulary)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [$"an expression is required, for example {vocabulary.Example}."];
        }

        var errors = new List<string>();
        try
        {
            new Parser(text, vocabulary, errors).Parse();
        }
        catch (SyntaxError e)
        {
            errors.Add(e.Message);
        }

        return errors;
    }

    private enum TokenKind
    {
        Identifier,
        Int,
        Float,
        LeftParen,
        RightParen,
        Comma,
        Compare,
        And,
        Or,
        Not,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private sealed class SyntaxError(string message) : Exception(message);

    private sealed class Parser
    {
        private readonly PredicateVocabulary _vocabulary;
        private readonly List<Token> _tokens;
        private int _next;

        public Parser(string text, PredicateVocabulary vocabulary, List<string> errors)
        {
            _vocabulary = vocabulary;
            Errors = errors;
            _tokens = Tokenize(text);
        }

        private List<string> Errors { get; }

        private Token Peek => _tokens[_next];

        public void Parse()
        {
            ParseOr();
            if (Peek.Kind != TokenKind.End)
            {
                throw Unexpected(Peek, Peek.Kind == TokenKind.RightParen ? "there is a ')' without a matching '('" : "expected &&, || or the end of the expression");
            }
        }

        private void ParseOr()
        {
            ParseAnd();
            while (Peek.Kind == TokenKind.Or)
            {
                _next++;
                ParseAnd();
            }
        }

        private void ParseAnd()
        {
            ParseOperand();
            while (Peek.Kind == TokenKind.And)
            {
                _next++;
                ParseOperand();
            }
        }

        private void ParseOperand()
        {
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.LeftParen:
                    _next++;
                    ParseOr();
                    if (Peek.Kind != TokenKind.RightParen)
                    {
                        throw Unexpected(Peek, $"the '(' at character {token.Position + 1} is not closed");
                    }

                    _next++;
                    return;
                case TokenKind.Not:
                    throw new SyntaxError($"'!' is not supported by {_vocabulary.Owner}; invert the comparison instead (for example <= instead of >).");
                case TokenKind.Identifier:
                    ParseComparison();
                    return;
                case TokenKind.Int or TokenKind.Float:
                    var literal = token;
                    _next++;
                    if (Peek.Kind == TokenKind.Compare && _tokens[_next + 1].Kind == TokenKind.Identifier)
                    {
                        var function = _tokens[_next + 1].Text;
                        throw new SyntaxError($"the function must be on the left of the comparison: write {function}() {Mirror(Peek.Text)} {literal.Text}, not {literal.Text} {Peek.Text} {function}().");
                    }

                    throw new SyntaxError($"a comparison must start with a function call, for example {_vocabulary.Example}; found the number {literal.Text} at character {literal.Position + 1}.");
                default:
                    throw Unexpected(token, $"expected a function call such as {_vocabulary.Functions[0].Name}()");
            }
        }

        private void ParseComparison()
        {
            var name = Peek;
            _next++;
            if (Peek.Kind != TokenKind.LeftParen)
            {
                throw new SyntaxError($"{name.Text} is not a function call; {_vocabulary.Owner} knows {_vocabulary.List()}.");
            }

            _next++;
            var args = new List<Token>();
            if (Peek.Kind != TokenKind.RightParen)
            {
                while (true)
                {
                    if (Peek.Kind is not (TokenKind.Int or TokenKind.Float))
                    {
                        throw Unexpected(Peek, $"the arguments of {name.Text}() must be number literals");
                    }

                    args.Add(Peek);
                    _next++;
                    if (Peek.Kind == TokenKind.Comma)
                    {
                        _next++;
                        continue;
                    }

                    if (Peek.Kind != TokenKind.RightParen)
                    {
                        throw Unexpected(Peek, $"expected ',' or ')' in the call to {name.Text}()");
                    }

                    break;
                }
            }

            _next++;
            var call = $"{name.Text}({string.Join(", ", args.Select(a => a.Text))})";
            var function = _vocabulary.Find(name.Text);
            if (function is null)
            {
                throw new SyntaxError($"{name.Text}() is not a function of {_vocabulary.Owner}; use {_vocabulary.List()}.");
            }

            CheckArguments(function, args);
            if (function.Result == PredicateType.Bool)
            {
                if (Peek.Kind == TokenKind.Compare)
                {
                    throw new SyntaxError($"{call} is already true or false: use it alone, without '{Peek.Text} …'.");
                }

                return;
            }

            if (Peek.Kind != TokenKind.Compare)
            {
                throw new SyntaxError($"{call} must be compared with a value, for example {call} > {function.Example}.");
            }

            var op = Peek;
            _next++;
            var value = Peek;
            if (value.Kind is not (TokenKind.Int or TokenKind.Float))
            {
                throw Unexpected(value, $"{call} {op.Text} must be followed by a number such as {function.Example}");
            }

            _next++;
            var literal = ToLiteral(value);
            if (function.Result == PredicateType.Float && literal.Type != PredicateType.Float)
            {
                Errors.Add($"{call} is {function.Meaning}: compare it with a decimal such as {function.Example}, not {value.Text}.");
            }
            else if (function.Result == PredicateType.Int && literal.Type != PredicateType.Int)
            {
                Errors.Add($"{call} is {function.Meaning}: compare it with an integer such as {function.Example}, not {value.Text}.");
            }
            else if (function.Maximum is { } max && literal.Value > max)
            {
                Errors.Add($"{call} is {function.Meaning} between 0.0 and {FormatDecimal(max)}, so comparing it with {value.Text} is never useful: "
                    + (literal.Value <= 100 ? $"use {FormatDecimal(literal.Value / 100)} for {literal.Value.ToString(CultureInfo.InvariantCulture)}%." : "use a ratio such as 0.3 for 30%."));
            }
        }

        private void CheckArguments(PredicateFunction function, List<Token> args)
        {
            if (args.Count != function.Parameters.Length)
            {
                Errors.Add(function.Parameters.Length == 0
                    ? $"{function.Name}() takes no arguments, not {args.Count}."
                    : $"{function.Signature} takes {function.Parameters.Length} argument{(function.Parameters.Length == 1 ? string.Empty : "s")}, not {args.Count}, for example {function.Name}({string.Join(", ", function.Parameters.Select(p => p.Example))}).");
                return;
            }

            var typed = true;
            for (var i = 0; i < args.Count; i++)
            {
                var (name, type, example) = function.Parameters[i];
                var literal = ToLiteral(args[i]);
                if (type == PredicateType.Float && literal.Type != PredicateType.Float)
                {
                    Errors.Add($"{function.Signature}: {name} must be a decimal literal such as {example}, not {args[i].Text}.");
                    typed = false;
                }
                else if (type == PredicateType.Int && literal.Type != PredicateType.Int)
                {
                    Errors.Add($"{function.Signature}: {name} must be an integer such as {example}, not {args[i].Text}.");
                    typed = false;
                }
            }

            if (typed && function.CheckArguments?.Invoke(args.Select(ToLiteral).ToArray()) is { } problem)
            {
                Errors.Add(problem);
            }
        }

        private SyntaxError Unexpected(Token token, string expected) =>
            new(token.Kind == TokenKind.End
                ? $"{expected}, but the expression ends."
                : $"{expected}; found '{token.Text}' at character {token.Position + 1}.");

        private static string Mirror(string op) => op switch
        {
            ">" => "<",
            "<" => ">",
            ">=" => "<=",
            "<=" => ">=",
            _ => op,
        };

        private static PredicateLiteral ToLiteral(Token token) =>
            new(token.Text, token.Kind == TokenKind.Int ? PredicateType.Int : PredicateType.Float, double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture));

        private static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c is ' ' or '\t' or '\n' or '\r')
                {
                    i++;
                    continue;
                }

                var start = i;
                if (char.IsAsciiLetter(c) || c == '_')
                {
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
                    continue;
                }

                if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    tokens.Add(ReadNumber(text, ref i));
                    continue;
                }

                var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                switch (two)
                {
                    case "&&":
                        tokens.Add(new Token(TokenKind.And, two, start));
                        i += 2;
                        continue;
                    case "||":
                        tokens.Add(new Token(TokenKind.Or, two, start));
                        i += 2;
                        continue;
                    case ">=" or "<=" or "==" or "!=":
                        tokens.Add(new Token(TokenKind.Compare, two, start));
                        i += 2;
                        continue;
                }

                i++;
                tokens.Add(c switch
                {
                    '(' => new Token(TokenKind.LeftParen, "(", start),
                    ')' => new Token(TokenKind.RightParen, ")", start),
                    ',' => new Token(TokenKind.Comma, ",", start),
                    '>' or '<' => new Token(TokenKind.Compare, c.ToString(), start),
                    '!' => new Token(TokenKind.Not, "!", start),
                    '&' => throw new SyntaxError($"a single '&' at character {start + 1}: write && to combine conditions."),
                    '|' => throw new SyntaxError($"a single '|' at character {start + 1}: write || to combine conditions."),
                    '=' => throw new SyntaxError($"a single '=' at character {start + 1}: write == to compare."),
                    _ => throw new SyntaxError($"{(char.IsControl(c) || c > 0x7E ? Validation.Check.Show(c.ToString()) : $"'{c}'")} at character {start + 1} is not part of the expression language: use function calls, numbers, > >= < <= == !=, &&, || and parentheses."),
                });
            }

            tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
            return tokens;
        }

        private static Token ReadNumber(string text, ref int i)
        {
            var start = i;
            var isFloat = false;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] == '.')
            {
                isFloat = true;
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < text.Length && text[i] is 'e' or 'E')
            {
                var save = i;
                i++;
                if (i < text.Length && text[i] is '+' or '-')
                {
                    i++;
                }

                if (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    isFloat = true;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
                else
                {
                    i = save;
                }
            }

            var number = text[start..i];
            if (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
            {
                var end = i;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.'))
                {
                    end++;
                }

                throw new SyntaxError($"'{text[start..end]}' at character {start + 1} is not a number: write decimal numbers such as 500 or 0.5.");
            }

            if (!isFloat && number.Length > 1 && number[0] == '0')
            {
                throw new SyntaxError($"'{number}' at character {start + 1} starts with 0, which Go reads as an octal number: write {number.TrimStart('0')}.");
            }

            return new Token(isFloat ? TokenKind.Float : TokenKind.Int, number, start);
        }
    }

    /// <summary>Formats a number as a Go float literal: invariant, always with a decimal point, never an exponent.</summary>
    public static string FormatDecimal(double value)
    {
        var text = ((decimal)value).ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}
