using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>redirectRegex</c>: redirects when the request URL matches a regular expression.</summary>
public sealed record RedirectRegexSpec : JsonRecord
{
    /// <summary>The regular expression matched against the full request URL (Go RE2 syntax).</summary>
    public string? Regex { get; init; }

    /// <summary>The redirect target, with <c>$1</c>-style references to capture groups.</summary>
    public string? Replacement { get; init; }

    /// <summary>Redirect permanently (301/308) instead of temporarily (302/307).</summary>
    public bool? Permanent { get; init; }
}
