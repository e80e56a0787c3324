using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>SPIFFE verification of backend servers.</summary>
public sealed record SpiffeSpec : JsonRecord
{
    /// <summary>Allowed SPIFFE IDs (<c>spiffe://trust-domain/path</c>); they take precedence over <see cref="TrustDomain"/>.</summary>
    public ImmutableList<string>? Ids { get; init; }

    /// <summary>The allowed trust domain, for example <c>spiffe://example.org</c>.</summary>
    public string? TrustDomain { get; init; }
}
