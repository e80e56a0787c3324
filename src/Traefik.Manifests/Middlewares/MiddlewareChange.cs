namespace Traefik.Manifests.Middlewares;

/// <summary>What an operation did to a Middleware.</summary>
public enum MiddlewareChange
{
    /// <summary>The Middleware was created.</summary>
    Created,

    /// <summary>The Middleware existed and its spec was replaced.</summary>
    Replaced,

    /// <summary>The Middleware already had this spec; nothing changed.</summary>
    Unchanged,

    /// <summary>The Middleware was deleted.</summary>
    Deleted,
}
