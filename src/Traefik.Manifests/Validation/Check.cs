using System.Globalization;
using System.Text.RegularExpressions;

namespace Traefik.Manifests.Validation;

/// <summary>
/// Validators for every string that reaches a Traefik rule, a Kubernetes name or a label. Each returns
/// null when the value is fine, or a message that says what is wrong and what is expected.
/// </summary>
internal static partial class Check
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;
    public const int MaxRegexLength = 1024;
    public const long MaxPriority = 9223372036854774807;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostLabel();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex("^([0-9]+(ns|us|µs|ms|s|m|h)?)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^[a-z][a-z0-9]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderName();

    /// <summary>A Kubernetes object name that must be a DNS-1123 label (namespaces, most names we create).</summary>
    public static string? Label(string? value, string what = "name")
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"a {what} is required (lower-case letters, digits and '-', at most {MaxLabelLength} characters).";
        }

        if (value.Length > MaxLabelLength)
        {
            return $"{Show(value)} is {value.Length} characters long; a {what} must be at most {MaxLabelLength} characters (DNS-1123 label).";
        }

        return Dns1123Label().IsMatch(value)
            ? null
            : $"{Show(value)} is not a valid {what}: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).";
    }

    /// <summary>A Kubernetes Service name (DNS-1035 label: must start with a letter).</summary>
    public static string? ServiceName(string? value)
    {
        var label = Label(value, "Service name");
        if (label is not null)
        {
            return label;
        }

        return Dns1035Label().IsMatch(value!)
            ? null
            : $"{Show(value!)} is not a valid Service name: Kubernetes Service names must start with a letter (DNS-1035 label).";
    }

    /// <summary>A Kubernetes object name that may contain dots (DNS-1123 subdomain).</summary>
    public static string? Subdomain(string? value, string what = "name")
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"a {what} is required.";
        }

        if (value.Length > MaxSubdomainLength)
        {
            return $"{Show(value)} is {value.Length} characters long; a {what} must be at most {MaxSubdomainLength} characters.";
        }

        return Dns1123Subdomain().IsMatch(value)
            ? null
            : $"{Show(value)} is not a valid {what}: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).";
    }

    /// <summary>A Kubernetes label value.</summary>
    public static string? LabelValueText(string? value)
    {
        if (value is null)
        {
            return "a label value is required.";
        }

        if (value.Length > MaxLabelLength)
        {
            return $"{Show(value)} is longer than {MaxLabelLength} characters, the limit for a Kubernetes label value.";
        }

        return LabelValue().IsMatch(value)
            ? null
            : $"{Show(value)} is not a valid label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit.";
    }

    /// <summary>A host name for <c>Host()</c> and TLS domains (RFC 1123), optionally <c>*.</c>-prefixed.</summary>
    public static string? HostName(string? value, bool allowWildcard = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a host name is required, for example api.example.com.";
        }

        if (value.Length > MaxSubdomainLength)
        {
            return $"{Show(value)} is {value.Length} characters long; a host name must be at most {MaxSubdomainLength} characters (RFC 1123).";
        }

        var labels = value.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (i == 0 && label == "*" && allowWildcard && labels.Length > 1)
            {
                continue;
            }

            if (label.Length > MaxLabelLength)
            {
                return $"{Show(value)} is not a valid host name: the label '{Truncate(label)}' is longer than {MaxLabelLength} characters (RFC 1123).";
            }

            if (!HostLabel().IsMatch(label))
            {
                return $"{Show(value)} is not a valid host name (RFC 1123): use letters, digits, '-' and '.' only"
                    + (allowWildcard ? ", optionally starting with '*.'" : string.Empty)
                    + "; internationalised names must be written in punycode (xn--…).";
            }
        }

        return null;
    }

    /// <summary>A literal path for <c>Path()</c> and <c>PathPrefix()</c>.</summary>
    public static string? LiteralPath(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a path is required, for example /api.";
        }

        if (value[0] != '/')
        {
            return $"{Show(value)} must start with '/'.";
        }

        if (value.Length > 2048)
        {
            return "a path must be at most 2048 characters.";
        }

        foreach (var c in value)
        {
            if (!IsPathChar(c))
            {
                return $"{Show(value)} contains {Describe(c)}, which is not allowed in a path: percent-encode it (RFC 3986) or use PathRegexp.";
            }
        }

        foreach (var segment in value.Split('/'))
        {
            if (segment is "." or "..")
            {
                return $"{Show(value)} contains a '{segment}' segment; give the normalised path instead.";
            }
        }

        return null;
    }

    private static bool IsPathChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '_' or '~' or '%' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '/';

    /// <summary>
    /// A regular expression that goes into a rule (Go RE2 syntax). It must compile without
    /// backtracking features, fit on one line, contain no backtick, and have no nested unbounded
    /// quantifier.
    /// </summary>
    public static string? RuleRegex(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a regular expression is required.";
        }

        if (value.Length > MaxRegexLength)
        {
            return $"the regular expression is {value.Length} characters long; at most {MaxRegexLength} are allowed.";
        }

        foreach (var c in value)
        {
            if (c == '`' || char.IsControl(c) || c > 0x7E)
            {
                return $"{Show(value)} contains {Describe(c)}; a rule regular expression must be printable ASCII without backticks (escape non-ASCII as \\x{{...}}).";
            }
        }

        try
        {
            _ = new Regex(value, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            return $"{Show(value)} is not a valid regular expression: {e.Message} (RE2 syntax: no backreferences or lookarounds).";
        }
        catch (NotSupportedException e)
        {
            return $"{Show(value)} uses a construct RE2 does not support: {e.Message}";
        }

        return NestedQuantifier(value)
            ? $"{Show(value)} repeats a group that is itself repeated (like (a+)+); rewrite it without nested quantifiers."
            : null;
    }

    private static bool NestedQuantifier(string pattern)
    {
        // Tracks, per open group, whether it contains an unbounded quantifier; a quantified group that does is rejected.
        var stack = new Stack<bool>();
        var inner = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == '[')
            {
                i = SkipClass(pattern, i);
                continue;
            }

            if (c == '(')
            {
                stack.Push(inner);
                inner = false;
            }
            else if (c == ')')
            {
                var groupHadQuantifier = inner;
                inner = stack.Count > 0 ? stack.Pop() : false;
                var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
                var quantified = next is '*' or '+' || (next == '{' && IsUnboundedBrace(pattern, i + 1));
                if (quantified && groupHadQuantifier)
                {
                    return true;
                }

                inner |= groupHadQuantifier;
            }
            else if (c is '*' or '+' || (c == '{' && IsUnboundedBrace(pattern, i)))
            {
                inner = true;
            }
        }

        return false;
    }

    private static bool IsUnboundedBrace(string pattern, int at)
    {
        var close = pattern.IndexOf('}', at);
        return close > at && pattern.AsSpan(at, close - at).EndsWith(",");
    }

    private static int SkipClass(string pattern, int at)
    {
        for (var i = at + 1; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == ']' && i > at + 1)
            {
                return i;
            }
        }

        return pattern.Length;
    }

    /// <summary>An HTTP header name (an RFC 7230 token restricted to letters, digits, '-', '_' and '.').</summary>
    public static string? HeaderName(string? value, string what = "header name")
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"a {what} is required.";
        }

        if (value.Length > 256)
        {
            return $"a {what} must be at most 256 characters.";
        }

        return Token().IsMatch(value)
            ? null
            : $"{Show(value)} is not a valid {what}: use letters, digits, '-', '_' and '.' (an RFC 7230 token).";
    }

    /// <summary>An HTTP header value for an exact <c>Header()</c> match: visible ASCII, no backtick, no spaces at the ends.</summary>
    public static string? HeaderValue(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a header value is required.";
        }

        if (value.Length > 1024)
        {
            return "a header value must be at most 1024 characters.";
        }

        if (value[0] == ' ' || value[^1] == ' ')
        {
            return $"{Show(value)} starts or ends with a space; remove it.";
        }

        foreach (var c in value)
        {
            if (c == '`' || c < 0x20 || c > 0x7E)
            {
                return $"{Show(value)} contains {Describe(c)}; a header value must be visible ASCII without backticks.";
            }
        }

        return null;
    }

    /// <summary>A Traefik entry point name.</summary>
    public static string? EntryPoint(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "an entry point name is required (for example web or websecure).";
        }

        return value.Length <= MaxLabelLength && Token().IsMatch(value) && !value.Contains('.', StringComparison.Ordinal)
            ? null
            : $"{Show(value)} is not a valid entry point name: use letters, digits, '-' and '_' (at most {MaxLabelLength}).";
    }

    /// <summary>A Traefik duration: Go duration syntax such as <c>100ms</c>, <c>10s</c>, <c>1m30s</c>.</summary>
    public static string? Duration(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a duration is required, for example 10s or 100ms.";
        }

        return DurationPattern().IsMatch(value)
            ? null
            : $"{Show(value)} is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.";
    }

    /// <summary>A name of something declared in Traefik's static configuration (a cert resolver, a provider-qualified name part).</summary>
    public static string? StaticName(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"a {what} is required.";
        }

        return value.Length <= MaxSubdomainLength && Token().IsMatch(value)
            ? null
            : $"{Show(value)} is not a valid {what}: use letters, digits, '-', '_' and '.'.";
    }

    /// <summary>A provider name after <c>@</c>, for example <c>file</c> or <c>kubernetescrd</c>.</summary>
    public static string? Provider(string? value) =>
        value is not null && ProviderName().IsMatch(value) && value.Length <= 63
            ? null
            : $"{Show(value ?? string.Empty)} is not a valid provider name: use lower-case letters and digits, for example file or kubernetescrd.";

    /// <summary>Formats a value for a message: quoted, control characters escaped, long values cut.</summary>
    public static string Show(string value)
    {
        var cut = Truncate(value);
        var sb = new System.Text.StringBuilder(cut.Length + 2).Append('"');
        foreach (var c in cut)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..77] + "...";

    private static string Describe(char c) => c switch
    {
        '`' => "a backtick",
        ' ' => "a space",
        '\n' => "a newline",
        '\r' => "a carriage return",
        '\t' => "a tab",
        '\0' => "a NUL character",
        _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
        _ when c > 0x7E => $"the non-ASCII character '{c}' (U+{(int)c:X4})",
        _ => $"the character '{c}'",
    };
}
