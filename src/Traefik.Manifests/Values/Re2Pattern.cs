using System.Diagnostics.CodeAnalysis;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Values;

/// <summary>
/// A regular expression Traefik can compile: Go's <c>regexp</c> syntax (RE2), which Traefik uses for <c>PathRegexp</c>,
/// <c>HostRegexp</c>, <c>HeaderRegexp</c>, <c>QueryRegexp</c> and every middleware regex. Parsing accepts exactly what Go
/// 1.26's <c>regexp.Compile</c> accepts (no lookarounds, backreferences, atomic groups, <c>\Z</c>, <c>(?#...)</c>,
/// <c>(?x)</c>; at most 1000 repetitions, nested counts multiplied), up to <see cref="MaxLength"/> characters. The empty
/// expression is valid (it matches everywhere); fields that need one say so themselves.
/// </summary>
public sealed record Re2Pattern
{
    /// <summary>The longest expression accepted, in characters (a bound of this library, not of Go).</summary>
    public const int MaxLength = 1024;

    private Re2Pattern(string text, int captureGroups)
    {
        Text = text;
        CaptureGroups = captureGroups;
    }

    /// <summary>The expression, as given.</summary>
    public string Text { get; }

    /// <summary>How many capturing groups it has (<c>$1</c> ... in a replacement refer to them).</summary>
    public int CaptureGroups { get; }

    /// <summary>Reads an expression.</summary>
    /// <exception cref="FormatException">Go would not compile it; the message says where and what to write instead.</exception>
    public static Re2Pattern Parse(string? text) =>
        TryParse(text, out var pattern, out var error) ? pattern : throw new FormatException(error);

    /// <summary>Reads an expression; false when Go would not compile it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Re2Pattern? pattern) => TryParse(text, out pattern, out _);

    /// <summary>Reads an expression; false, with what is wrong and what to write instead, when Go would not compile it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Re2Pattern? pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = null;
        if (text is null)
        {
            error = "a regular expression is required.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"the regular expression is {text.Length} characters long; at most {MaxLength} are allowed.";
            return false;
        }

        if (Re2Syntax.Problem(text, out var groups) is { } problem)
        {
            error = $"{Check.Show(text)} is not a valid Go regular expression (RE2): {problem}.";
            return false;
        }

        pattern = new Re2Pattern(text, groups);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
