namespace Traefik.Manifests.Mirroring;

/// <summary>How to remove a route's mirror (<see cref="Mirrors.Disable"/>).</summary>
public sealed record MirrorRemovalIntent
{
    /// <summary>
    /// Repoint the rules of IngressRoute <c>{route}</c> that point at the mirror back to <c>{route}-wrr</c> first;
    /// without it, a mirror still in use is not deleted.
    /// </summary>
    public bool RestoreIngressToWrr { get; init; }
}
