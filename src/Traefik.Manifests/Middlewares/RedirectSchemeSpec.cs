using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>redirectScheme</c>: redirects to another scheme (typically HTTP to HTTPS).</summary>
public sealed record RedirectSchemeSpec : JsonRecord
{
    /// <summary>The target scheme: <c>http</c> or <c>https</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>The target port. The CRD types it as a string, so it is written quoted (<c>"8443"</c>).</summary>
    public string? Port { get; init; }

    /// <summary>Redirect permanently: 301 for GET, 308 otherwise (temporary: 302/307).</summary>
    public bool? Permanent { get; init; }
}
