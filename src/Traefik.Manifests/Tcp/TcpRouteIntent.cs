using System.Collections.Immutable;

namespace Traefik.Manifests.Tcp;

/// <summary>
/// A TCP route: IngressRouteTCP <c>{route}</c> with one rule <c>HostSNI(`{SniHost}`)</c> that balances
/// connections over Kubernetes Services in the route's namespace. The route's name and namespace are the arguments of
/// <see cref="TcpRoutes.Upsert"/>.
/// </summary>
public sealed record TcpRouteIntent
{
    /// <summary>
    /// Entry points declared in Traefik's static configuration (for example <c>postgres</c>). Required:
    /// there is no safe default, because a TCP route without entry points attaches to every entry point,
    /// <c>web</c> and <c>websecure</c> included, where it takes connections before any HTTP router.
    /// </summary>
    public required ImmutableList<string> EntryPoints { get; init; }

    /// <summary>
    /// The host name to match in the TLS SNI, or <c>*</c> for every connection. A host name needs TLS
    /// (<see cref="TlsPassthrough"/>, <see cref="TlsSecretName"/> or <see cref="TlsCertResolver"/>):
    /// clients send SNI only in a TLS handshake.
    /// </summary>
    /// <value>Null (the default) means <c>*</c>.</value>
    public string? SniHost { get; init; }

    /// <summary>The Kubernetes Services connections go to (one or more).</summary>
    public required ImmutableList<TcpBackend> Services { get; init; }

    /// <summary>Pass TLS connections to the backend without terminating them (the backend holds the certificate).</summary>
    public bool TlsPassthrough { get; init; }

    /// <summary>Terminate TLS in Traefik with the certificate in this Secret (type <c>kubernetes.io/tls</c>, route's namespace).</summary>
    public string? TlsSecretName { get; init; }

    /// <summary>Terminate TLS in Traefik with a certificate from this ACME resolver (declared in the static configuration).</summary>
    public string? TlsCertResolver { get; init; }

    /// <summary>MiddlewareTCP references, in order: <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</summary>
    public ImmutableList<string>? Middlewares { get; init; }
}
