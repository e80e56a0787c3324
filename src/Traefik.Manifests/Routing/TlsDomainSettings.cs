using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>A certificate domain: a main name and alternative names.</summary>
public sealed record TlsDomainSettings
{
    /// <summary>The main domain.</summary>
    public required string Main { get; init; }

    /// <summary>Subject alternative names.</summary>
    public ImmutableList<string>? Sans { get; init; }
}
