using System.Diagnostics.CodeAnalysis;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Values;

/// <summary>
/// A host name as a rule's <c>Host()</c>, a TLS domain, a server name or a cookie domain takes it: RFC 1123 labels of
/// letters, digits and '-' (each at most 63 characters, not starting or ending with '-'), joined by '.', at most 253
/// characters in all; internationalised names in punycode (<c>xn--</c>). Where a field allows it, the first label may be
/// <c>*</c> (<c>*.example.com</c>, one subdomain level in Traefik 3.7).
/// </summary>
public sealed record HostName
{
    /// <summary>The longest host name, in characters.</summary>
    public const int MaxLength = 253;

    private HostName(string value) => Value = value;

    /// <summary>The host name, as given (letter case kept: hosts match case-insensitively).</summary>
    public string Value { get; }

    /// <summary>True for a <c>*.</c> wildcard.</summary>
    public bool IsWildcard => Value.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Reads a host name.</summary>
    /// <exception cref="FormatException">It is not a host name; the message says what to write instead.</exception>
    public static HostName Parse(string? text, bool allowWildcard = true) =>
        TryParse(text, allowWildcard, out var host, out var error) ? host : throw new FormatException(error);

    /// <summary>Reads a host name; false when it is not one.</summary>
    public static bool TryParse(string? text, bool allowWildcard, [NotNullWhen(true)] out HostName? host) => TryParse(text, allowWildcard, out host, out _);

    /// <summary>Reads a host name; false, with what to write instead, when it is not one.</summary>
    public static bool TryParse(string? text, bool allowWildcard, [NotNullWhen(true)] out HostName? host, [NotNullWhen(false)] out string? error)
    {
        error = Problem(text, allowWildcard);
        host = error is null ? new HostName(text!) : null;
        return error is null;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;

    private static string? Problem(string? value, bool allowWildcard)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a host name is required, for example api.example.com.";
        }

        if (value.Length > MaxLength)
        {
            return $"{Check.Show(value)} is {value.Length} characters long; a host name must be at most {MaxLength} characters (RFC 1123).";
        }

        var labels = value.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (i == 0 && label == "*" && allowWildcard && labels.Length > 1)
            {
                continue;
            }

            if (label.Length > KubernetesName.MaxLabelLength)
            {
                return $"{Check.Show(value)} is not a valid host name: the label '{Check.Shorten(label)}' is longer than {KubernetesName.MaxLabelLength} characters (RFC 1123).";
            }

            if (!IsLabel(label))
            {
                return $"{Check.Show(value)} is not a valid host name (RFC 1123): use letters, digits, '-' and '.' only"
                    + (allowWildcard ? ", optionally starting with '*.'" : string.Empty)
                    + "; internationalised names must be written in punycode (xn--…).";
            }
        }

        return null;
    }

    /// <summary>[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?</summary>
    private static bool IsLabel(string label) =>
        label.Length > 0 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
