namespace Traefik.Manifests.Mirroring;

/// <summary>A new percentage for a route's mirror (<see cref="Mirrors.UpdatePercent"/>).</summary>
public sealed record MirrorPercentIntent
{
    /// <summary>Percentage of requests copied, 0 to 100 (0 keeps the mirror but copies nothing).</summary>
    /// <value>Null (the default) means 20.</value>
    public int? Percent { get; init; }

    /// <summary>The mirror to change; may be left out when the route's mirror has only one.</summary>
    public string? MirrorService { get; init; }
}
