using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>A place that references a Middleware: an object and the field path of the reference.</summary>
/// <param name="Object">The referencing IngressRoute, TraefikService or Middleware (chain, error-page service).</param>
/// <param name="Path">The reference's field path, for example <c>spec.routes[0].middlewares[1]</c>.</param>
public sealed record MiddlewareReferrer(ObjectKey Object, string Path)
{
    /// <summary>Formats the referrer as <c>Kind namespace/name spec.path</c>.</summary>
    public override string ToString() => $"{Object} {Path}";
}
