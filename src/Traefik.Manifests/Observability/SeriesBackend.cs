using System.Collections.Immutable;
namespace Traefik.Manifests.Observability;

/// <summary>A Kubernetes Service behind a route, with the <c>service</c> label its Traefik metrics carry.</summary>
public sealed record SeriesBackend
{
    /// <summary>The Kubernetes Service name.</summary>
    public required string Service { get; init; }

    /// <summary>The Service's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The port as written in the manifest, if any.</summary>
    public string? Port { get; init; }

    /// <summary>The value of the <c>service</c> label on <c>traefik_service_*</c> series for this backend.</summary>
    public required string Label { get; init; }

    /// <summary>Whether it answers users or receives mirrored copies.</summary>
    public required BackendRole Role { get; init; }

    /// <summary>
    /// For <see cref="BackendRole.Serves"/>: the share (0–100) of its group's user requests the manifests
    /// send to it, through every weighted level on the way; null for a mirror.
    /// </summary>
    public decimal? DesiredPercent { get; init; }

    /// <summary>For <see cref="BackendRole.Mirror"/>: the percentage of the main service's requests copied to it.</summary>
    public int? MirrorPercent { get; init; }

    /// <summary>
    /// True for the backend the others in its group are compared with: the one named <c>*-stable</c> if there
    /// is exactly one, else the one with the largest desired share.
    /// </summary>
    public required bool IsPrimary { get; init; }

    /// <summary>The TraefikServices between the rule and this backend, outermost first (empty for a Service in the rule).</summary>
    public required ImmutableList<string> Via { get; init; }
}
