using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>What <see cref="TcpRoutes.Upsert"/> did.</summary>
public sealed record TcpRouteOutcome
{
    /// <summary>The route written.</summary>
    public required ObjectKey Route { get; init; }

    /// <summary>The rule written, for example <c>HostSNI(`*`)</c>.</summary>
    public required string Match { get; init; }

    /// <summary>True when the route did not exist before.</summary>
    public required bool Created { get; init; }
}
