namespace Traefik.Manifests.Observability;

/// <summary>Consecutive points of a series that are all anomalies.</summary>
/// <param name="First">Index of the first point.</param>
/// <param name="Last">Index of the last point.</param>
/// <param name="Peak">Index of the point furthest from its baseline.</param>
public sealed record PointRange(int First, int Last, int Peak);
