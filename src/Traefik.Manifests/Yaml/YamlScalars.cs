using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Traefik.Manifests.Yaml;

/// <summary>
/// How plain YAML scalars are typed when read, and which strings must be quoted when written.
/// Kubernetes reads manifests with a YAML 1.1 resolver (go-yaml v2), so <c>yes</c>, <c>on</c> and
/// <c>0777</c> are not strings there; we read them the same way and quote any string that would be
/// read back as something else.
/// </summary>
internal static partial class YamlScalars
{
    private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> Trues = new(StringComparer.Ordinal)
    {
        "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y",
    };

    private static readonly HashSet<string> Falses = new(StringComparer.Ordinal)
    {
        "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N",
    };

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^[-+]?(0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex OtherInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialFloat();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Sexagesimal();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();

    /// <summary>Types a plain (unquoted, untagged) scalar the way the Kubernetes YAML reader does.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        if (Nulls.Contains(text))
        {
            return null;
        }

        if (Trues.Contains(text))
        {
            return JsonValue.Create(true);
        }

        if (Falses.Contains(text))
        {
            return JsonValue.Create(false);
        }

        if (DecimalInt().IsMatch(text) && !text.Contains('_', StringComparison.Ordinal)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (Float().IsMatch(text) && !text.Contains('_', StringComparison.Ordinal)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    /// <summary>True when a string can be written as a plain scalar and read back as the same string.</summary>
    public static bool IsPlainSafe(string s)
    {
        if (s.Length == 0 || Nulls.Contains(s) || Trues.Contains(s) || Falses.Contains(s))
        {
            return false;
        }

        if (DecimalInt().IsMatch(s) || OtherInt().IsMatch(s) || Float().IsMatch(s) || SpecialFloat().IsMatch(s)
            || Sexagesimal().IsMatch(s) || Timestamp().IsMatch(s))
        {
            return false;
        }

        var first = s[0];
        if ("-?:,[]{}#&*!|>'\"%@`= ".Contains(first, StringComparison.Ordinal) || s[^1] == ' ' || s[^1] == ':')
        {
            return false;
        }

        if (s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the string can be single-quoted (printable, one line).</summary>
    public static bool IsSingleQuotable(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
