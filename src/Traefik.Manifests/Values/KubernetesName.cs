using System.Diagnostics.CodeAnalysis;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Values;

/// <summary>
/// A Kubernetes object name or namespace, under the rule its field needs (see <see cref="KubernetesNameRule"/>): a DNS-1123
/// label (namespaces and the names this library gives routes), a DNS-1123 subdomain (most object names) or a DNS-1035 label
/// (Service names). Every valid name is safe in a file path, a git branch name and a YAML key: no '/', '..', spaces,
/// control characters or upper case.
/// </summary>
public sealed record KubernetesName
{
    /// <summary>The longest DNS-1123 label: a namespace, a route or a Service name.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The longest DNS-1123 subdomain: most object names.</summary>
    public const int MaxSubdomainLength = 253;

    private KubernetesName(string value, KubernetesNameRule rule)
    {
        Value = value;
        Rule = rule;
    }

    /// <summary>The name.</summary>
    public string Value { get; }

    /// <summary>The rule it was read under.</summary>
    public KubernetesNameRule Rule { get; }

    /// <summary>Reads a name.</summary>
    /// <param name="text">The name.</param>
    /// <param name="rule">The rule its field needs.</param>
    /// <param name="what">What the name is, for the message (for example "namespace" or "Secret name").</param>
    /// <exception cref="FormatException">The name breaks the rule; the message says how and what to write instead.</exception>
    public static KubernetesName Parse(string? text, KubernetesNameRule rule = KubernetesNameRule.Label, string what = "name") =>
        TryParse(text, rule, out var name, out var error, what) ? name : throw new FormatException(error);

    /// <summary>Reads a name; false when it breaks the rule.</summary>
    public static bool TryParse(string? text, KubernetesNameRule rule, [NotNullWhen(true)] out KubernetesName? name) =>
        TryParse(text, rule, out name, out _);

    /// <summary>Reads a name; false, with how it breaks the rule and what to write instead, when it does.</summary>
    /// <param name="text">The name.</param>
    /// <param name="rule">The rule its field needs.</param>
    /// <param name="name">The name read.</param>
    /// <param name="error">What is wrong.</param>
    /// <param name="what">What the name is, for the message.</param>
    public static bool TryParse(string? text, KubernetesNameRule rule, [NotNullWhen(true)] out KubernetesName? name, [NotNullWhen(false)] out string? error, string what = "name")
    {
        error = rule switch
        {
            KubernetesNameRule.Subdomain => SubdomainProblem(text, what),
            KubernetesNameRule.ServiceName => ServiceNameProblem(text, what),
            _ => LabelProblem(text, what),
        };
        name = error is null ? new KubernetesName(text!, rule) : null;
        return error is null;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;

    private static string? LabelProblem(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"a {what} is required (lower-case letters, digits and '-', at most {MaxLabelLength} characters).";
        }

        if (value.Length > MaxLabelLength)
        {
            return $"{Check.Show(value)} is {value.Length} characters long; a {what} must be at most {MaxLabelLength} characters (DNS-1123 label).";
        }

        return IsLabel(value, value.Length)
            ? null
            : $"{Check.Show(value)} is not a valid {what}: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).";
    }

    private static string? ServiceNameProblem(string? value, string what)
    {
        if (LabelProblem(value, what) is { } problem)
        {
            return problem;
        }

        return char.IsAsciiLetterLower(value![0])
            ? null
            : $"{Check.Show(value)} is not a valid {what}: Kubernetes Service names must start with a letter (DNS-1035 label).";
    }

    private static string? SubdomainProblem(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"a {what} is required.";
        }

        if (value.Length > MaxSubdomainLength)
        {
            return $"{Check.Show(value)} is {value.Length} characters long; a {what} must be at most {MaxSubdomainLength} characters.";
        }

        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == '.')
            {
                if (!IsLabel(value.AsSpan(start, i - start), int.MaxValue))
                {
                    return $"{Check.Show(value)} is not a valid {what}: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).";
                }

                start = i + 1;
            }
        }

        return null;
    }

    /// <summary>[a-z0-9]([-a-z0-9]*[a-z0-9])?</summary>
    private static bool IsLabel(ReadOnlySpan<char> label, int maxLength)
    {
        if (label.IsEmpty || label.Length > maxLength || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
