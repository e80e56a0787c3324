using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Traefik.Manifests.Transports;

/// <summary>The constants of the transport feature, in one place (pinned by a test).</summary>
internal static class TransportDefaults
{
    /// <summary>Namespace used when none is given.</summary>
    public const string Namespace = "default";

    /// <summary>The Service annotation read by Traefik's Kubernetes Ingress provider.</summary>
    public const string ServiceAnnotation = "traefik.ingress.kubernetes.io/service.serverstransport";

    /// <summary>The provider suffix of CRD objects in cross-provider references.</summary>
    public const string CrdProviderSuffix = "@kubernetescrd";

    /// <summary>TLS version names Traefik accepts for minVersion and maxVersion, lowest first.</summary>
    public static readonly ImmutableArray<string> TlsVersions = ["VersionTLS10", "VersionTLS11", "VersionTLS12", "VersionTLS13"];

    /// <summary>Cipher suite names Traefik accepts (its <c>pkg/tls/cipher.go</c> map, v3.7.9).</summary>
    public static readonly FrozenSet<string> CipherSuites = FrozenSet.ToFrozenSet(
        [
            "TLS_RSA_WITH_RC4_128_SHA",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
            "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_FALLBACK_SCSV",
        ],
        StringComparer.Ordinal);

    /// <summary>TLS 1.3 suites: Go does not let them be configured, so listing them has no effect.</summary>
    public static readonly FrozenSet<string> Tls13CipherSuites = FrozenSet.ToFrozenSet(
        ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"],
        StringComparer.Ordinal);
}
