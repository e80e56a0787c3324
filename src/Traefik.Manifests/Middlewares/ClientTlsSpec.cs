using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// TLS settings for a connection a middleware makes itself (to a forward-auth server or to Redis).
/// The deprecated <c>caOptional</c> is not modelled; it rides along when a file has it.
/// </summary>
public sealed record ClientTlsSpec : JsonRecord
{
    /// <summary>Secret (in the Middleware's namespace) holding the CA certificate under <c>tls.ca</c> or <c>ca.crt</c>.</summary>
    public string? CaSecret { get; init; }

    /// <summary>Secret (in the Middleware's namespace) holding the client certificate (<c>tls.crt</c>, <c>tls.key</c>).</summary>
    public string? CertSecret { get; init; }

    /// <summary>Skip verification of the server certificate.</summary>
    /// <value>Traefik's default is false.</value>
    public bool? InsecureSkipVerify { get; init; }
}
