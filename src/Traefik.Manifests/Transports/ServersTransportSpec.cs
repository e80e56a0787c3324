using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>
/// The spec of a <see cref="ServersTransport"/> (Traefik v3.7 CRD). Every member is optional; an absent
/// member means Traefik's default. The deprecated <c>rootCAsSecrets</c> is not modelled: when a
/// manifest has it, it rides along in <see cref="JsonRecord.AdditionalFields"/>; use <see cref="RootCAs"/>.
/// </summary>
public sealed record ServersTransportSpec : JsonRecord
{
    /// <summary>The name sent as SNI and used to verify the backend certificate (instead of the server's address).</summary>
    public string? ServerName { get; init; }

    /// <summary>
    /// Accept any backend certificate without verification. Traefik's default is false. Anyone on the
    /// path to the backend can then intercept the traffic: prefer <see cref="RootCAs"/>.
    /// </summary>
    public bool? InsecureSkipVerify { get; init; }

    /// <summary>
    /// CA certificates used to verify backend certificates (Traefik 3.4+), each from a Secret or a
    /// ConfigMap in the transport's namespace holding the CA under the key <c>tls.ca</c> or <c>ca.crt</c>.
    /// </summary>
    public ImmutableList<RootCASpec>? RootCAs { get; init; }

    /// <summary>Secrets (type <c>kubernetes.io/tls</c>: <c>tls.crt</c>, <c>tls.key</c>) with client certificates for mTLS to the backend.</summary>
    public ImmutableList<string>? CertificatesSecrets { get; init; }

    /// <summary>
    /// Idle keep-alive connections kept per backend host (minimum -1). Passed to Go's HTTP transport:
    /// 0 means Go's default of 2, a negative value disables connection reuse. Traefik's static-config
    /// default of 200 does not apply to CRD transports.
    /// </summary>
    public long? MaxIdleConnsPerHost { get; init; }

    /// <summary>Timeouts of requests forwarded to the backend servers.</summary>
    public ForwardingTimeoutsSpec? ForwardingTimeouts { get; init; }

    /// <summary>Use HTTP/1.1 only with the backend servers. Traefik's default is false.</summary>
    [JsonPropertyName("disableHTTP2")]
    public bool? DisableHTTP2 { get; init; }

    /// <summary>A URI the backend certificate must carry as a URI SAN (for example <c>spiffe://example.org/backend</c>).</summary>
    [JsonPropertyName("peerCertURI")]
    public string? PeerCertURI { get; init; }

    /// <summary>Verify backends with SPIFFE (needs Traefik's static <c>spiffe</c> configuration; excludes every TLS field).</summary>
    public SpiffeSpec? Spiffe { get; init; }

    /// <summary>TLS 1.0–1.2 cipher suites offered to backends, by Go name (for example <c>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</c>). Traefik 3.7+.</summary>
    public ImmutableList<string>? CipherSuites { get; init; }

    /// <summary>Minimum TLS version: <c>VersionTLS10</c> … <c>VersionTLS13</c>. Traefik 3.7+.</summary>
    public string? MinVersion { get; init; }

    /// <summary>Maximum TLS version: <c>VersionTLS10</c> … <c>VersionTLS13</c>. Traefik 3.7+.</summary>
    public string? MaxVersion { get; init; }
}
