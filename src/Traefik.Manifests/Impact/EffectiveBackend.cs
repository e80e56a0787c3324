using System.Collections.Immutable;

namespace Traefik.Manifests.Impact;

/// <summary>A service that answers a router's users, and its share of the router's requests.</summary>
public sealed record EffectiveBackend
{
    /// <summary>The Kubernetes Service name, or a <c>name@provider</c> service of another Traefik provider.</summary>
    public required string Service { get; init; }

    /// <summary>The namespace the reference resolves to.</summary>
    public required string Namespace { get; init; }

    /// <summary>The port as written (number or name); null for a service of another provider.</summary>
    public string? Port { get; init; }

    /// <summary>
    /// The share of the router's user requests this backend answers, in percent (0–100, two decimals): the product
    /// of the normalised weights on the way from the router (an absent weight counts as 1, a weight of 0 gets nothing).
    /// </summary>
    public required decimal Share { get; init; }

    /// <summary>
    /// The options the backend is served with (everything on its service reference except name, namespace, kind,
    /// port and weight: <c>serversTransport</c>, <c>sticky</c>, <c>passHostHeader</c>, <c>strategy</c>,
    /// <c>healthCheck</c>, <c>responseForwarding</c>, service-level <c>middlewares</c>…), each value as compact
    /// JSON with sorted keys.
    /// </summary>
    public required ImmutableSortedDictionary<string, string> Options { get; init; }

    /// <summary>True for the fallback of a failover: it answers only while the failover's service fails, so its share is 0.</summary>
    public bool Fallback { get; init; }

    /// <summary>True for a service of another provider (<c>name@provider</c>): not resolved further.</summary>
    public bool External { get; init; }
}
