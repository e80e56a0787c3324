using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>
/// A CA certificate for verifying backends: exactly one of a Secret or a ConfigMap (in the transport's
/// namespace) holding the certificate under <c>tls.ca</c> or <c>ca.crt</c>. The CRD rejects both at once.
/// </summary>
public sealed record RootCASpec : JsonRecord
{
    /// <summary>The Secret holding the CA certificate.</summary>
    public string? Secret { get; init; }

    /// <summary>The ConfigMap holding the CA certificate.</summary>
    public string? ConfigMap { get; init; }
}
