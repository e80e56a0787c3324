namespace Traefik.Manifests.Routing;

/// <summary>A backend's weight and its share of traffic.</summary>
/// <param name="Service">The Kubernetes Service (or TraefikService) name.</param>
/// <param name="Namespace">The namespace the reference resolves to.</param>
/// <param name="Port">The port as written (number or name), or null.</param>
/// <param name="Weight">The relative weight (an absent weight counts as 1, as in Traefik).</param>
/// <param name="Percent">The share of traffic in percent, rounded to two decimals.</param>
public sealed record BackendShare(string Service, string Namespace, string? Port, int Weight, decimal Percent);
