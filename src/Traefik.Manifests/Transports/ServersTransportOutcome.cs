using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>What <see cref="ServersTransports.Upsert"/> did.</summary>
public sealed record ServersTransportOutcome
{
    /// <summary>The transport written.</summary>
    public required ObjectKey Transport { get; init; }

    /// <summary>True when the transport did not exist before.</summary>
    public required bool Created { get; init; }

    /// <summary>Service references and Service annotations that use the transport (where the change takes effect).</summary>
    public required ImmutableList<ServiceReferenceLocation> UsedBy { get; init; }
}
