using System.Diagnostics.CodeAnalysis;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Values;

/// <summary>
/// A reference to a Traefik object the way a caller or a rule writes it: <c>name</c> (in the referring object's
/// namespace), <c>namespace/name</c>, or <c>name@provider</c> (an object of another Traefik provider, such as
/// <c>auth@file</c>). A name is a DNS-1123 subdomain and a namespace a DNS-1123 label; the part before <c>@</c> is a name as
/// Traefik's static configuration spells it (letters, digits, '-', '_' and '.'), the provider lower-case letters and digits.
/// </summary>
public sealed record ObjectRef
{
    private ObjectRef(string name, string? @namespace, string? provider)
    {
        Name = name;
        Namespace = @namespace;
        Provider = provider;
    }

    /// <summary>The object's name (for <c>name@provider</c>, the part before <c>@</c>).</summary>
    public string Name { get; }

    /// <summary>The namespace of a <c>namespace/name</c> reference, else null.</summary>
    public string? Namespace { get; }

    /// <summary>The provider of a <c>name@provider</c> reference, else null.</summary>
    public string? Provider { get; }

    /// <summary>True for <c>name@provider</c>: an object outside the Kubernetes CRD provider, which is not looked up.</summary>
    public bool IsCrossProvider => Provider is not null;

    /// <summary>Reads a reference.</summary>
    /// <exception cref="FormatException">It is malformed; the message says what to write instead.</exception>
    public static ObjectRef Parse(string? text, ObjectRefForms forms = ObjectRefForms.All, string what = "name") =>
        TryParse(text, forms, out var reference, out var error, what) ? reference : throw new FormatException(error);

    /// <summary>Reads a reference; false when it is malformed.</summary>
    public static bool TryParse(string? text, ObjectRefForms forms, [NotNullWhen(true)] out ObjectRef? reference) =>
        TryParse(text, forms, out reference, out _);

    /// <summary>Reads a reference; false, with what to write instead, when it is malformed.</summary>
    /// <param name="text">The reference.</param>
    /// <param name="forms">The forms the field accepts.</param>
    /// <param name="reference">The reference read.</param>
    /// <param name="error">Every problem, one sentence each.</param>
    /// <param name="what">What the name is, for the message (for example "middleware name").</param>
    public static bool TryParse(string? text, ObjectRefForms forms, [NotNullWhen(true)] out ObjectRef? reference, [NotNullWhen(false)] out string? error, string what = "name")
    {
        var problems = Problems(text, forms, what, "namespace");
        error = problems.Count == 0 ? null : string.Join(" ", problems);
        reference = error is null ? Split(text!, forms) : null;
        return error is null;
    }

    /// <summary>The reference as written: <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</summary>
    public override string ToString() => Provider is not null ? Name + "@" + Provider : Namespace is not null ? Namespace + "/" + Name : Name;

    /// <summary>Every problem with <paramref name="text"/>, each one sentence naming the part that is wrong.</summary>
    internal static List<string> Problems(string? text, ObjectRefForms forms, string what, string namespaceWhat)
    {
        var problems = new List<string>(2);
        if (string.IsNullOrEmpty(text))
        {
            problems.Add($"a {what} is required.");
            return problems;
        }

        var at = forms.HasFlag(ObjectRefForms.Provider) ? text.IndexOf('@', StringComparison.Ordinal) : -1;
        if (at >= 0)
        {
            Add(problems, Check.StaticName(text[..at], what));
            Add(problems, ProviderProblem(text[(at + 1)..]));
            return problems;
        }

        var slash = forms.HasFlag(ObjectRefForms.Namespaced) ? text.IndexOf('/', StringComparison.Ordinal) : -1;
        if (slash >= 0)
        {
            Add(problems, Check.Label(text[..slash], namespaceWhat));
            Add(problems, Check.Subdomain(text[(slash + 1)..], what));
            return problems;
        }

        Add(problems, Check.Subdomain(text, what));
        return problems;
    }

    /// <summary>The provider after <c>@</c>: lower-case letters and digits, starting with a letter (file, kubernetescrd).</summary>
    internal static string? ProviderProblem(string? value) =>
        value is { Length: > 0 and <= KubernetesName.MaxLabelLength } && char.IsAsciiLetterLower(value[0]) && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            ? null
            : $"{Check.Show(value ?? string.Empty)} is not a valid provider name: use lower-case letters and digits, for example file or kubernetescrd.";

    /// <summary>The parts of <paramref name="text"/> by its '@' or '/', without judging them (validation reports them).</summary>
    internal static ObjectRef Split(string text, ObjectRefForms forms)
    {
        var at = forms.HasFlag(ObjectRefForms.Provider) ? text.IndexOf('@', StringComparison.Ordinal) : -1;
        if (at >= 0)
        {
            return new ObjectRef(text[..at], null, text[(at + 1)..]);
        }

        var slash = forms.HasFlag(ObjectRefForms.Namespaced) ? text.IndexOf('/', StringComparison.Ordinal) : -1;
        return slash >= 0 ? new ObjectRef(text[(slash + 1)..], text[..slash], null) : new ObjectRef(text, null, null);
    }

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
