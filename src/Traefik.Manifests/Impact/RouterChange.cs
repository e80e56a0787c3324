namespace Traefik.Manifests.Impact;

/// <summary>What happens to a router.</summary>
public enum RouterChange
{
    /// <summary>The router is new.</summary>
    Created,

    /// <summary>The router stays, and what it does for users changes.</summary>
    Updated,

    /// <summary>The router goes away.</summary>
    Removed,
}
