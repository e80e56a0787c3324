namespace Traefik.Manifests.Operations;

/// <summary>What happened to an object.</summary>
public enum ChangeType
{
    /// <summary>The object was created.</summary>
    Created,

    /// <summary>The object was changed.</summary>
    Updated,

    /// <summary>The object was deleted.</summary>
    Deleted,
}
