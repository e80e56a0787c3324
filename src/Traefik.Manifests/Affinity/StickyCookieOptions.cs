namespace Traefik.Manifests.Affinity;

/// <summary>
/// The sticky cookie Traefik sets to keep a client on one backend. Every member is optional: an absent
/// member leaves Traefik's default.
/// </summary>
public sealed record StickyCookieOptions
{
    /// <summary>
    /// The cookie name (an RFC 6265 token). The weighted (track-level) cookie is named
    /// <c>{Name}_wrr</c>, so the two levels never overwrite each other's cookie.
    /// </summary>
    /// <value>The default is null: Traefik generates a distinct name for each load balancer.</value>
    public string? Name { get; init; }

    /// <summary>Max-Age in seconds; 0 or null means a session cookie, a negative value expires it at once.</summary>
    public long? MaxAge { get; init; }

    /// <summary>Send the cookie over HTTPS only. Required by browsers when <see cref="SameSite"/> is <c>none</c>.</summary>
    public bool? Secure { get; init; }

    /// <summary>Hide the cookie from client-side scripts.</summary>
    public bool? HttpOnly { get; init; }

    /// <summary><c>none</c>, <c>lax</c> or <c>strict</c> (any case; written in lower case, which every Traefik v3 accepts).</summary>
    public string? SameSite { get; init; }

    /// <summary>The cookie path; it must start with '/'. Traefik's default is <c>/</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The cookie domain (a host name). Traefik's default is none: the cookie goes back to the host that set it.</summary>
    public string? Domain { get; init; }
}
