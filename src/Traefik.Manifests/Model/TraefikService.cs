using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Traefik.Manifests.Model;

/// <summary>A Traefik <c>TraefikService</c>: a weighted round robin or a mirror of other services.</summary>
public sealed record TraefikService : KubernetesObject
{
    /// <summary>The service spec.</summary>
    [JsonPropertyOrder(-1)]
    public required TraefikServiceSpec Spec { get; init; }
}

/// <summary>
/// The spec of a <see cref="TraefikService"/>. Exactly one member should be set; Traefik uses the
/// first non-empty one in the order weighted, mirroring, highestRandomWeight, failover (the last two
/// ride along in <see cref="JsonRecord.AdditionalFields"/>).
/// </summary>
public sealed record TraefikServiceSpec : JsonRecord
{
    /// <summary>Weighted round robin over services.</summary>
    public WeightedSpec? Weighted { get; init; }

    /// <summary>Mirroring: a main service that answers, and mirrors that receive copies.</summary>
    public MirroringSpec? Mirroring { get; init; }
}

/// <summary>Weighted round robin.</summary>
public sealed record WeightedSpec : JsonRecord
{
    /// <summary>The weighted services.</summary>
    public ImmutableList<ServiceReference>? Services { get; init; }

    /// <summary>Stickiness at the weighted level, so a client stays on one backend.</summary>
    public StickySpec? Sticky { get; init; }
}

/// <summary>Mirroring: the main service's fields inline, plus the mirrors.</summary>
public sealed record MirroringSpec : ServiceReference
{
    /// <summary>Services receiving copies of a share of requests.</summary>
    public ImmutableList<MirrorTarget>? Mirrors { get; init; }

    /// <summary>Whether request bodies are mirrored (Traefik default: true).</summary>
    public bool? MirrorBody { get; init; }

    /// <summary>Requests with a larger body are not mirrored; -1 means no limit.</summary>
    public long? MaxBodySize { get; init; }
}

/// <summary>A mirror: a service plus the percentage of requests copied to it.</summary>
public sealed record MirrorTarget : ServiceReference
{
    /// <summary>Percentage of requests copied (0–100).</summary>
    public int? Percent { get; init; }
}
