using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>replacePathRegex</c>: rewrites the request path with a regular expression.</summary>
public sealed record ReplacePathRegexSpec : JsonRecord
{
    /// <summary>The regular expression matched against the path (Go RE2 syntax).</summary>
    public string? Regex { get; init; }

    /// <summary>The new path, with <c>$1</c>-style references to capture groups.</summary>
    public string? Replacement { get; init; }
}
