using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// <c>stripPrefix</c>: removes a path prefix before forwarding (the prefix goes in
/// <c>X-Forwarded-Prefix</c>). The deprecated <c>forceSlash</c> is not modelled; it rides along when a
/// file has it.
/// </summary>
public sealed record StripPrefixSpec : JsonRecord
{
    /// <summary>The prefixes to strip; the first that matches is removed.</summary>
    public ImmutableList<string>? Prefixes { get; init; }
}
