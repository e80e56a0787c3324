using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>stripPrefixRegex</c>: removes the part of the path matched by a regular expression.</summary>
public sealed record StripPrefixRegexSpec : JsonRecord
{
    /// <summary>Regular expressions matched at the start of the path (Go RE2 syntax).</summary>
    public ImmutableList<string>? Regex { get; init; }
}
