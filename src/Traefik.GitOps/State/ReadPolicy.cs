using Traefik.Manifests;

namespace Traefik.GitOps.State;

/// <summary>What the index reads: which paths are excluded, and the bounds on each file it reads.</summary>
internal sealed record ReadPolicy(PathGlob Exclude, YamlLimits Limits)
{
    /// <summary>Nothing excluded, the default limits.</summary>
    public static ReadPolicy Default { get; } = new(new PathGlob([]), YamlLimits.Default);
}
