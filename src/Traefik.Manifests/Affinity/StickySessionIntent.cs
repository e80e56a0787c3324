namespace Traefik.Manifests.Affinity;

/// <summary>
/// Sticky sessions for a Kubernetes Service (<see cref="StickySessions.Enable"/>, <see cref="StickySessions.Disable"/>).
/// The Service's name and namespace are the arguments of the operation.
/// </summary>
public sealed record StickySessionIntent
{
    /// <summary>The cookie settings (enable only; disable removes whatever cookie is set).</summary>
    /// <value>The default sets no option: Traefik's defaults, with the TLS defaults <see cref="StickySessions.Enable"/> describes.</value>
    public StickyCookieOptions? Cookie { get; init; }

    /// <summary>
    /// Also write (enable) or remove (disable) the <c>service.sticky.cookie*</c> annotations on the Service manifest, which
    /// must then be in the set, for routes of Traefik's Kubernetes Ingress provider.
    /// </summary>
    public bool AnnotateService { get; init; }
}
