namespace Traefik.Manifests.Impact;

/// <summary>A service that receives copies of a router's requests; its responses are discarded.</summary>
public sealed record EffectiveMirror
{
    /// <summary>The Kubernetes Service name, or a <c>name@provider</c> service of another Traefik provider.</summary>
    public required string Service { get; init; }

    /// <summary>The namespace the reference resolves to.</summary>
    public required string Namespace { get; init; }

    /// <summary>The port as written; null for a service of another provider.</summary>
    public string? Port { get; init; }

    /// <summary>The percentage of the router's requests copied to it (0–100, two decimals).</summary>
    public required decimal Percent { get; init; }
}
