using System.Globalization;
using System.Text.RegularExpressions;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Validation;

/// <summary>
/// Validators for every string that reaches a Traefik rule, a Kubernetes name or a label. Each returns
/// null when the value is fine, or a message that says what is wrong and what is expected.
/// </summary>
internal static partial class Check
{
    public const int MaxLabelLength = KubernetesName.MaxLabelLength;
    public const int MaxSubdomainLength = KubernetesName.MaxSubdomainLength;
    public const long MaxPriority = 9223372036854774807;

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>A Kubernetes object name that must be a DNS-1123 label (namespaces, most names we create).</summary>
    public static string? Label(string? value, string what = "name") => Name(value, KubernetesNameRule.Label, what);

    /// <summary>A Kubernetes Service name (DNS-1035 label: must start with a letter).</summary>
    public static string? ServiceName(string? value) => Name(value, KubernetesNameRule.ServiceName, "Service name");

    /// <summary>A Kubernetes object name that may contain dots (DNS-1123 subdomain).</summary>
    public static string? Subdomain(string? value, string what = "name") => Name(value, KubernetesNameRule.Subdomain, what);

    private static string? Name(string? value, KubernetesNameRule rule, string what) =>
        KubernetesName.TryParse(value, rule, out _, out var error, what) ? null : error;

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
    public static string? HostName(string? value, bool allowWildcard = true) =>
        Values.HostName.TryParse(value, allowWildcard, out _, out var error) ? null : error;

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
    /// A regular expression that goes into a rule argument: Go's syntax (<see cref="Re2Pattern"/>), and one line without
    /// backticks (a backtick would end the argument) or control characters. <paramref name="asciiOnly"/>: Traefik's
    /// <c>HostRegexp</c> refuses non-ASCII characters.
    /// </summary>
    public static string? RuleRegex(string? value, bool asciiOnly = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a regular expression is required.";
        }

        if (ControlAt(value) is var at and >= 0)
        {
            return $"{Show(value)} contains {Describe(value[at])}; a rule's regular expression is one line: write it as an escape such as \\n or \\x01.";
        }

        foreach (var c in value)
        {
            if (c == '`')
            {
                return $"{Show(value)} contains a backtick, which would end the rule's argument; match it with \\x60 instead.";
            }

            if (asciiOnly && c > 0x7E)
            {
                return $"{Show(value)} contains {Describe(c)}; Traefik's HostRegexp takes ASCII only: write internationalised names in punycode (xn--…).";
            }
        }

        return Re2Pattern.TryParse(value, out _, out var error) ? null : error;
    }

    /// <summary>A regular expression Traefik compiles outside a rule (middlewares): Go's syntax, and present.</summary>
    public static string? Regex(string? value) =>
        string.IsNullOrEmpty(value) ? "a regular expression is required." : Re2Pattern.TryParse(value, out _, out var error) ? null : error;

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

    /// <summary>An IP address or a CIDR range, as Go's net.ParseIP / net.ParseCIDR read them (<see cref="IpRange"/>).</summary>
    public static string? IpOrCidr(string? value) => IpRange.TryParse(value, out _, out var error) ? null : error;

    /// <summary>A Traefik duration written as text (<see cref="GoDuration"/>), not negative.</summary>
    public static string? Duration(string? value)
    {
        if (!GoDuration.TryParse(value, out var duration, out var error))
        {
            return error;
        }

        return duration.IsNegative ? $"{Show(value!)} is negative: give a duration of 0 or more, for example 10s or 100ms." : null;
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

    /// <summary>Formats a value for a message: quoted, control characters escaped, long values cut.</summary>
    public static string Show(string value)
    {
        var cut = Shorten(value);
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

    /// <summary>A value cut to 80 characters for a message.</summary>
    public static string Shorten(string value) =>
        value.Length <= 80 ? value : value[..(char.IsHighSurrogate(value[76]) ? 76 : 77)] + "...";

    /// <summary>The index of the first control character or line separator in <paramref name="value"/>, or -1.</summary>
    public static int ControlAt(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]) || value[i] is '\u2028' or '\u2029')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Names a character for a message.</summary>
    public static string Describe(char c) => c switch
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
