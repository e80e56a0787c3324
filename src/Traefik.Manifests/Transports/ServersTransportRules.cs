using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Transports;

/// <summary>
/// Validates a <see cref="ServersTransportSpec"/> beyond the CRD schema: the CEL rule on rootCAs and the
/// combinations Traefik v3.7.9 rejects at run time (it then silently falls back to its default TLS
/// configuration, dropping serverName, rootCAs and client certificates).
/// </summary>
internal static partial class ServersTransportRules
{
    [GeneratedRegex("^[a-z0-9._-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TrustDomainName();

    [GeneratedRegex("^[A-Za-z0-9._-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SpiffePathSegment();

    /// <summary>Adds every problem of <paramref name="spec"/> and returns the warnings a person should read.</summary>
    public static ImmutableList<string> Validate(ServersTransportSpec spec, Problems problems)
    {
        var warnings = ImmutableList.CreateBuilder<string>();
        if (spec.InsecureSkipVerify == true)
        {
            warnings.Add("insecureSkipVerify is true: Traefik does not verify backend certificates, so anyone on the path to the backend can intercept the traffic. Prefer rootCAs with the CA that signed the backend certificate (and serverName when the certificate does not name the server's address).");
            if (spec.RootCAs is { Count: > 0 })
            {
                warnings.Add("rootCAs are not used while insecureSkipVerify is true: no certificate is verified.");
            }
        }

        if (spec.ServerName is { } serverName)
        {
            problems.Check("spec.serverName", Check.HostName(serverName, allowWildcard: false));
        }

        if (spec.RootCAs is { } rootCAs)
        {
            for (var i = 0; i < rootCAs.Count; i++)
            {
                RootCA(rootCAs[i], problems, $"spec.rootCAs[{i}]");
            }
        }

        if (spec.CertificatesSecrets is { } certificates)
        {
            for (var i = 0; i < certificates.Count; i++)
            {
                problems.Check($"spec.certificatesSecrets[{i}]", Check.Subdomain(certificates[i], "Secret name"));
            }
        }

        if (spec.MaxIdleConnsPerHost is < -1 and var max)
        {
            problems.Add("spec.maxIdleConnsPerHost", $"must be -1 or more (got {max}): -1 disables connection reuse, 0 means Go's default of 2 idle connections per host.");
        }

        if (spec.ForwardingTimeouts is { } timeouts)
        {
            Timeout(timeouts.DialTimeout, problems, "spec.forwardingTimeouts.dialTimeout");
            Timeout(timeouts.ResponseHeaderTimeout, problems, "spec.forwardingTimeouts.responseHeaderTimeout");
            Timeout(timeouts.IdleConnTimeout, problems, "spec.forwardingTimeouts.idleConnTimeout");
            Timeout(timeouts.ReadIdleTimeout, problems, "spec.forwardingTimeouts.readIdleTimeout");
            Timeout(timeouts.PingTimeout, problems, "spec.forwardingTimeouts.pingTimeout");
        }

        if (spec.PeerCertURI is { } uri && !IsAbsoluteUri(uri))
        {
            problems.Add("spec.peerCertURI", $"{Check.Show(uri)} is not an absolute URI; give the URI SAN the backend certificate carries, for example spiffe://example.org/backend.");
        }

        CipherSuites(spec.CipherSuites, problems, warnings);
        Versions(spec.MinVersion, spec.MaxVersion, problems, warnings);
        Spiffe(spec, problems, warnings);

        return warnings.ToImmutable();
    }

    /// <summary>The spec with empty lists and empty sub-objects removed, so they are not written as <c>[]</c> or <c>{}</c>.</summary>
    public static ServersTransportSpec Normalize(ServersTransportSpec spec) => spec with
    {
        RootCAs = spec.RootCAs is { Count: 0 } ? null : spec.RootCAs,
        CertificatesSecrets = spec.CertificatesSecrets is { Count: 0 } ? null : spec.CertificatesSecrets,
        CipherSuites = spec.CipherSuites is { Count: 0 } ? null : spec.CipherSuites,
        ForwardingTimeouts = spec.ForwardingTimeouts is { DialTimeout: null, ResponseHeaderTimeout: null, IdleConnTimeout: null, ReadIdleTimeout: null, PingTimeout: null } t
            && t.AdditionalFields.Count == 0 ? null : spec.ForwardingTimeouts,
        Spiffe = spec.Spiffe is { } s && s.Ids is { Count: 0 } ? s with { Ids = null } : spec.Spiffe,
    };

    private static void RootCA(RootCASpec? rootCA, Problems problems, string path)
    {
        if (rootCA is null)
        {
            problems.Add(path, "is empty; give a secret or a configMap holding the CA certificate under tls.ca or ca.crt.");
            return;
        }

        if (rootCA.Secret is not null && rootCA.ConfigMap is not null)
        {
            problems.Add(path, "sets both secret and configMap; give one (the CRD rejects both: RootCA cannot have both Secret and ConfigMap defined).");
        }
        else if (rootCA.Secret is null && rootCA.ConfigMap is null)
        {
            problems.Add(path, "sets neither secret nor configMap; give the name of a Secret or a ConfigMap holding the CA certificate under tls.ca or ca.crt.");
        }

        if (rootCA.Secret is not null)
        {
            problems.Check(path + ".secret", Check.Subdomain(rootCA.Secret, "Secret name"));
        }

        if (rootCA.ConfigMap is not null)
        {
            problems.Check(path + ".configMap", Check.Subdomain(rootCA.ConfigMap, "ConfigMap name"));
        }
    }

    private static void Timeout(IntOrString? value, Problems problems, string path)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v.Number is { } seconds)
        {
            if (seconds < 0)
            {
                problems.Add(path, $"must be 0 or more seconds (got {seconds}); 0 means no timeout.");
            }

            return;
        }

        problems.Check(path, Check.Duration(v.Text));
    }

    private static bool IsAbsoluteUri(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(value, UriKind.Absolute, out var parsed) && !string.IsNullOrEmpty(parsed.Scheme);

    private static void CipherSuites(ImmutableList<string>? suites, Problems problems, ImmutableList<string>.Builder warnings)
    {
        if (suites is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < suites.Count; i++)
        {
            var suite = suites[i];
            var path = $"spec.cipherSuites[{i}]";
            if (string.IsNullOrEmpty(suite) || !TransportDefaults.CipherSuites.Contains(suite))
            {
                problems.Add(path, $"{Check.Show(suite ?? string.Empty)} is not a cipher suite Traefik knows; use a Go crypto/tls name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Traefik ignores the whole list when one name is unknown).");
                continue;
            }

            if (!seen.Add(suite))
            {
                problems.Add(path, $"{suite} is listed twice; list each cipher suite once.");
            }

            if (TransportDefaults.Tls13CipherSuites.Contains(suite))
            {
                warnings.Add($"cipher suite {suite} is a TLS 1.3 suite: Go does not let TLS 1.3 suites be configured, so listing it has no effect.");
            }
            else if (suite.Contains("_RC4_", StringComparison.Ordinal) || suite.Contains("_3DES_", StringComparison.Ordinal))
            {
                warnings.Add($"cipher suite {suite} is insecure (RC4 and 3DES are broken); remove it unless a legacy backend needs it.");
            }
        }
    }

    private static void Versions(string? min, string? max, Problems problems, ImmutableList<string>.Builder warnings)
    {
        var minIndex = Version(min, problems, "spec.minVersion");
        var maxIndex = Version(max, problems, "spec.maxVersion");
        if (min is not null && max is null)
        {
            problems.Add("spec.minVersion", "needs maxVersion too: Traefik v3.7.9 compares minVersion with an unset maxVersion and rejects the transport's TLS settings (falling back to its defaults, without serverName, rootCAs or client certificates). Add maxVersion: VersionTLS13.");
        }
        else if (minIndex >= 0 && maxIndex >= 0 && minIndex >= maxIndex)
        {
            problems.Add("spec.minVersion", $"{min} must be below maxVersion {max}: Traefik v3.7.9 rejects an equal or higher minimum and falls back to its default TLS settings.");
        }

        if (minIndex is 0 or 1)
        {
            warnings.Add($"minVersion {min} allows TLS 1.0/1.1, which are deprecated and insecure; use VersionTLS12 unless a legacy backend needs it.");
        }
    }

    private static int Version(string? value, Problems problems, string path)
    {
        if (value is null)
        {
            return -1;
        }

        var index = TransportDefaults.TlsVersions.IndexOf(value);
        if (index < 0)
        {
            problems.Add(path, $"{Check.Show(value)} is not a TLS version Traefik knows; use VersionTLS10, VersionTLS11, VersionTLS12 or VersionTLS13.");
        }

        return index;
    }

    private static void Spiffe(ServersTransportSpec spec, Problems problems, ImmutableList<string>.Builder warnings)
    {
        if (spec.Spiffe is not { } spiffe)
        {
            return;
        }

        var tlsFields = new List<string>();
        if (spec.InsecureSkipVerify == true)
        {
            tlsFields.Add("insecureSkipVerify");
        }

        if (spec.ServerName is not null)
        {
            tlsFields.Add("serverName");
        }

        if (spec.RootCAs is { Count: > 0 })
        {
            tlsFields.Add("rootCAs");
        }

        if (spec.CertificatesSecrets is { Count: > 0 })
        {
            tlsFields.Add("certificatesSecrets");
        }

        if (spec.PeerCertURI is not null)
        {
            tlsFields.Add("peerCertURI");
        }

        if (spec.CipherSuites is { Count: > 0 })
        {
            tlsFields.Add("cipherSuites");
        }

        if (spec.MinVersion is not null)
        {
            tlsFields.Add("minVersion");
        }

        if (spec.MaxVersion is not null)
        {
            tlsFields.Add("maxVersion");
        }

        if (tlsFields.Count > 0)
        {
            problems.Add("spec.spiffe", $"cannot be combined with {string.Join(", ", tlsFields)}: Traefik rejects a transport with both SPIFFE and TLS settings. Remove one side.");
        }

        if (spiffe.Ids is { } ids)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                problems.Check($"spec.spiffe.ids[{i}]", SpiffeId(ids[i]));
            }
        }

        if (spiffe.TrustDomain is { } trustDomain)
        {
            var name = trustDomain.StartsWith("spiffe://", StringComparison.Ordinal) ? trustDomain["spiffe://".Length..] : trustDomain;
            if (name.Length == 0 || name.Length > 255 || !TrustDomainName().IsMatch(name))
            {
                problems.Add("spec.spiffe.trustDomain", $"{Check.Show(trustDomain)} is not a SPIFFE trust domain: use lower-case letters, digits, '.', '-' and '_', for example example.org or spiffe://example.org.");
            }
        }

        if (spiffe.Ids is not { Count: > 0 } && spiffe.TrustDomain is null)
        {
            warnings.Add("spiffe sets neither ids nor trustDomain: Traefik then accepts any SPIFFE identity its trust bundle can verify. Set ids or trustDomain to restrict the backends.");
        }

        warnings.Add("spiffe needs Traefik's static configuration spiffe.workloadAPIAddr; without it Traefik rejects this transport's TLS settings.");
    }

    private static string? SpiffeId(string? value)
    {
        const string Scheme = "spiffe://";
        var bad = $"{Check.Show(value ?? string.Empty)} is not a SPIFFE ID: use spiffe://<trust-domain>/<path>, with a lower-case trust domain and path segments of letters, digits, '.', '-' and '_'.";
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal) || value.Length > 2048)
        {
            return bad;
        }

        var rest = value[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var domain = slash < 0 ? rest : rest[..slash];
        if (domain.Length == 0 || !TrustDomainName().IsMatch(domain))
        {
            return bad;
        }

        if (slash < 0)
        {
            return null;
        }

        foreach (var segment in rest[(slash + 1)..].Split('/'))
        {
            if (segment is "" or "." or ".." || !SpiffePathSegment().IsMatch(segment))
            {
                return bad;
            }
        }

        return null;
    }
}
