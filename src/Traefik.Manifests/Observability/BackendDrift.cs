namespace Traefik.Manifests.Observability;

/// <summary>One backend's observed share of a group's requests next to the share the manifests ask for.</summary>
/// <param name="DesiredPercent">The share the weights ask for (0–100).</param>
/// <param name="Requests">Requests the backend answered in the window.</param>
/// <param name="ObservedPercent">Its observed share (0–100); null when the group had no requests.</param>
/// <param name="DifferencePoints">Observed minus desired, in percentage points; null when the group had no requests.</param>
/// <param name="AllowedPoints">How far apart the two may be at this traffic before it counts as drift.</param>
/// <param name="Drifting">True when the difference exceeds what is allowed and there is enough traffic to tell.</param>
public sealed record BackendDrift(decimal DesiredPercent, double Requests, double? ObservedPercent, double? DifferencePoints, double AllowedPoints, bool Drifting);
