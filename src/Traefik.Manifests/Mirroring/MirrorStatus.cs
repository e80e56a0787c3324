namespace Traefik.Manifests.Mirroring;

/// <summary>Whether the mirror receives traffic in the desired state.</summary>
public enum MirrorStatus
{
    /// <summary>An IngressRoute rule points at the mirror: shadow traffic flows once the change is applied.</summary>
    Active,

    /// <summary>The mirror exists but no IngressRoute points at it yet: it receives nothing until the ingress is repointed.</summary>
    WaitingOnIngress,

    /// <summary>The mirror was deleted.</summary>
    Removed,
}
