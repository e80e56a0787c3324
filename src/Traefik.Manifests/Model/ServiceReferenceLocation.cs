namespace Traefik.Manifests.Model;

/// <summary>Where a service reference (or an annotation) sits: the object holding it and the field path inside it.</summary>
/// <param name="Object">The object holding the reference, for example <c>IngressRoute apps/web</c>.</param>
/// <param name="Path">The field path inside the object, for example <c>spec.routes[0].services[1]</c>.</param>
public sealed record ServiceReferenceLocation(ObjectKey Object, string Path)
{
    /// <summary>Formats the location as <c>Kind namespace/name path</c>.</summary>
    public override string ToString() => $"{Object} {Path}";
}
