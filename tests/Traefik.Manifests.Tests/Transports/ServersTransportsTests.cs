using Snapshooter;
using Snapshooter.Xunit;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Transports;
using Traefik.Manifests.Validation;
using static Traefik.Manifests.Tests.Transports.BackendFixture;

namespace Traefik.Manifests.Tests.Transports;

public sealed class ServersTransportsTests
{
    private static readonly ServersTransportSpec MyAppTimeouts = new()
    {
        ForwardingTimeouts = new ForwardingTimeoutsSpec { DialTimeout = "5s", ResponseHeaderTimeout = "60s" },
    };

    private static ServersTransport Transport(OperationResult<ServersTransportOutcome> result) =>
        result.Objects.Find<ServersTransport>(TraefikApi.ServersTransportKind, result.Outcome.Transport.Namespace, result.Outcome.Transport.Name)!;

    [Fact]
    public void Upsert_SeedScenarioF_MyAppTransport_WritesForwardingTimeouts()
    {
        var result = ServersTransports.Upsert(ManifestSet.Empty, "default", "my-app-transport", new ServersTransportIntent { Spec = MyAppTimeouts });

        SchemaAssert.Valid(result.Objects);
        Assert.True(result.Outcome.Created);
        Assert.Empty(result.Outcome.UsedBy);
        Assert.Equal(ChangeType.Created, Assert.Single(result.Changes).Type);
        Assert.Equal(
            "ServersTransport default/my-app-transport is not used by any route yet, so it has no effect: link it to the backend Services (that sets serversTransport: my-app-transport on the IngressRoute and TraefikService references to them).",
            Assert.Single(result.Warnings));
        Snapshot.Match(ManifestYaml.Render(Transport(result)));
    }

    [Fact]
    public void Upsert_SeedScenarioF_HttpsBackend_WarnsThatCertificatesAreNotVerified()
    {
        var result = ServersTransports.Upsert(ManifestSet.Empty, "default", "https-backend", new ServersTransportIntent { Spec = new ServersTransportSpec { InsecureSkipVerify = true } });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            "insecureSkipVerify is true: Traefik does not verify backend certificates, so anyone on the path to the backend can intercept the traffic. Prefer rootCAs with the CA that signed the backend certificate (and serverName when the certificate does not name the server's address).",
            result.Warnings[0]);
        Snapshot.Match(ManifestYaml.Render(Transport(result)));
    }

    [Fact]
    public void Delete_SeedScenarioF_RemovesTheTransportOnly()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "my-app-transport", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;
        objects = ServersTransports.Upsert(objects, "default", "https-backend", new ServersTransportIntent { Spec = new ServersTransportSpec { InsecureSkipVerify = true } }).Objects;

        var result = ServersTransports.Delete(objects, "default", "my-app-transport");

        SchemaAssert.Valid(result.Objects);
        var change = Assert.Single(result.Changes);
        Assert.Equal((ChangeType.Deleted, new ObjectKey("ServersTransport", "default", "my-app-transport")), (change.Type, change.Key));
        Assert.Equal(new ObjectKey("ServersTransport", "default", "my-app-transport"), result.Outcome);
        Assert.Equal(
            ["ServersTransport default/https-backend"],
            result.Objects.OfType<ServersTransport>().Select(t => t.Key.ToString()));
        Assert.Equal(Shop().Count + 1, result.Objects.Count);
        Snapshot.Match(ManifestYaml.Render(result.Objects.OfType<ServersTransport>()));
    }

    [Fact]
    public void Upsert_ExistingTransport_ReplacesTheSpecSoInsecureSkipVerifyCanBeCleared()
    {
        var existing = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: ServersTransport
            metadata:
              name: https-backend
              namespace: default
              labels: {team: payments}
              annotations: {owner: alice}
            spec:
              insecureSkipVerify: true
              serverName: old.internal
              rootCAsSecrets: [legacy-ca]
              forwardingTimeouts: {dialTimeout: 30s}
            """));

        var result = ServersTransports.Upsert(existing, "default", "https-backend", new ServersTransportIntent
        {
            Spec = new ServersTransportSpec
            {
                ServerName = "backend.internal",
                RootCAs = [new RootCASpec { Secret = "backend-ca" }],
            },
        });

        SchemaAssert.Valid(result.Objects);
        Assert.False(result.Outcome.Created);
        Assert.Equal(ChangeType.Updated, Assert.Single(result.Changes).Type);
        Assert.Equal(
            """
            apiVersion: traefik.io/v1alpha1
            kind: ServersTransport
            metadata:
              name: https-backend
              namespace: default
              annotations:
                owner: alice
              labels:
                team: payments
            spec:
              rootCAs:
                - secret: backend-ca
              serverName: backend.internal

            """.ReplaceLineEndings("\n"),
            ManifestYaml.Render(Transport(result)));
        Assert.Contains(
            "The previous spec of ServersTransport default/https-backend had rootCAsSecrets, which the new spec does not set; removed. rootCAsSecrets is deprecated: list those Secrets under rootCAs as {secret: <name>}.",
            result.Warnings);
    }

    [Fact]
    public void Upsert_SameSpecTwice_IsNoOpAndKeepsTheInstance()
    {
        var first = ServersTransports.Upsert(ManifestSet.Empty, "default", "my-app-transport", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;

        var second = ServersTransports.Upsert(first, "default", "my-app-transport", new ServersTransportIntent { Spec = MyAppTimeouts });

        SchemaAssert.Valid(second.Objects);
        Assert.True(second.IsNoOp);
        Assert.Same(first.Single(), second.Objects.Single());
    }

    [Fact]
    public void Upsert_EveryField_WritesTheWholeCrdSpec()
    {
        var spec = new ServersTransportSpec
        {
            ServerName = "backend.internal",
            RootCAs = [new RootCASpec { Secret = "ca-secret" }, new RootCASpec { ConfigMap = "ca-bundle" }],
            CertificatesSecrets = ["client-cert"],
            MaxIdleConnsPerHost = -1,
            ForwardingTimeouts = new ForwardingTimeoutsSpec
            {
                DialTimeout = 5,
                ResponseHeaderTimeout = "1m30s",
                IdleConnTimeout = "90s",
                ReadIdleTimeout = "10s",
                PingTimeout = "250ms",
            },
            DisableHTTP2 = true,
            PeerCertURI = "spiffe://example.org/backend",
            CipherSuites = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"],
            MinVersion = "VersionTLS12",
            MaxVersion = "VersionTLS13",
        };

        var result = ServersTransports.Upsert(ManifestSet.Empty, "apps", "full", new ServersTransportIntent { Spec = spec });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(spec, Transport(result).Spec);
        Snapshot.Match(ManifestYaml.Render(Transport(result)));
    }

    [Fact]
    public void Upsert_Spiffe_WritesIdsAndTrustDomainAndWarnsAboutStaticConfiguration()
    {
        var result = ServersTransports.Upsert(ManifestSet.Empty, "apps", "mesh", new ServersTransportIntent
        {
            Spec = new ServersTransportSpec
            {
                Spiffe = new SpiffeSpec { Ids = ["spiffe://example.org/ns/apps/sa/backend"], TrustDomain = "spiffe://example.org" },
            },
        });

        SchemaAssert.Valid(result.Objects);
        Assert.Contains("    ids:\n      - spiffe://example.org/ns/apps/sa/backend\n    trustDomain: spiffe://example.org\n", ManifestYaml.Render(Transport(result)), StringComparison.Ordinal);
        Assert.Contains("spiffe needs Traefik's static configuration spiffe.workloadAPIAddr; without it Traefik rejects this transport's TLS settings.", result.Warnings);
    }

    [Fact]
    public void Upsert_EmptyListsAndTimeouts_AreNotWritten()
    {
        var result = ServersTransports.Upsert(ManifestSet.Empty, "default", "plain", new ServersTransportIntent
        {
            Spec = new ServersTransportSpec
            {
                RootCAs = [],
                CertificatesSecrets = [],
                CipherSuites = [],
                ForwardingTimeouts = new ForwardingTimeoutsSpec(),
                DisableHTTP2 = true,
            },
        });

        SchemaAssert.Valid(result.Objects);
        Assert.EndsWith("spec:\n  disableHTTP2: true\n", ManifestYaml.Render(Transport(result)), StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_InvalidSpec_ReportsEveryProblemWithItsPath()
    {
        var spec = new ServersTransportSpec
        {
            ServerName = "bad host",
            RootCAs = [new RootCASpec { Secret = "ca", ConfigMap = "ca" }, new RootCASpec(), new RootCASpec { Secret = "Bad_Secret" }],
            CertificatesSecrets = ["UPPER"],
            MaxIdleConnsPerHost = -2,
            ForwardingTimeouts = new ForwardingTimeoutsSpec { DialTimeout = "5 seconds", ResponseHeaderTimeout = -1, PingTimeout = "-1s" },
            PeerCertURI = "not a uri",
            CipherSuites = ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA385", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"],
            MinVersion = "VersionTLS09",
            MaxVersion = "TLS1.3",
        };

        var e = Assert.Throws<ManifestException>(() => ServersTransports.Upsert(ManifestSet.Empty, "Default", "my_transport", new ServersTransportIntent { Spec = spec }));

        Assert.Equal(
            """
            The ServersTransport my_transport is not valid.
            - namespace: "Default" is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).
            - name: "my_transport" is not a valid ServersTransport name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).
            - spec.serverName: "bad host" is not a valid host name (RFC 1123): use letters, digits, '-' and '.' only; internationalised names must be written in punycode (xn--…).
            - spec.rootCAs[0]: sets both secret and configMap; give one (the CRD rejects both: RootCA cannot have both Secret and ConfigMap defined).
            - spec.rootCAs[1]: sets neither secret nor configMap; give the name of a Secret or a ConfigMap holding the CA certificate under tls.ca or ca.crt.
            - spec.rootCAs[2].secret: "Bad_Secret" is not a valid Secret name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).
            - spec.certificatesSecrets[0]: "UPPER" is not a valid Secret name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).
            - spec.maxIdleConnsPerHost: must be -1 or more (got -2): -1 disables connection reuse, 0 means Go's default of 2 idle connections per host.
            - spec.forwardingTimeouts.dialTimeout: "5 seconds" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.
            - spec.forwardingTimeouts.responseHeaderTimeout: must be 0 or more seconds (got -1); 0 means no timeout.
            - spec.forwardingTimeouts.pingTimeout: "-1s" is negative: give a duration of 0 or more, for example 10s or 100ms.
            - spec.peerCertURI: "not a uri" is not an absolute URI; give the URI SAN the backend certificate carries, for example spiffe://example.org/backend.
            - spec.cipherSuites[0]: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA385" is not a cipher suite Traefik knows; use a Go crypto/tls name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Traefik ignores the whole list when one name is unknown).
            - spec.cipherSuites[2]: TLS_RSA_WITH_AES_128_CBC_SHA is listed twice; list each cipher suite once.
            - spec.minVersion: "VersionTLS09" is not a TLS version Traefik knows; use VersionTLS10, VersionTLS11, VersionTLS12 or VersionTLS13.
            - spec.maxVersion: "TLS1.3" is not a TLS version Traefik knows; use VersionTLS10, VersionTLS11, VersionTLS12 or VersionTLS13.
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Theory]
    [InlineData("min-only", "VersionTLS12", null, "spec.minVersion: needs maxVersion too: Traefik v3.7.9 compares minVersion with an unset maxVersion and rejects the transport's TLS settings (falling back to its defaults, without serverName, rootCAs or client certificates). Add maxVersion: VersionTLS13.")]
    [InlineData("equal", "VersionTLS13", "VersionTLS13", "spec.minVersion: VersionTLS13 must be below maxVersion VersionTLS13: Traefik v3.7.9 rejects an equal or higher minimum and falls back to its default TLS settings.")]
    [InlineData("above", "VersionTLS13", "VersionTLS12", "spec.minVersion: VersionTLS13 must be below maxVersion VersionTLS12: Traefik v3.7.9 rejects an equal or higher minimum and falls back to its default TLS settings.")]
    public void Upsert_TlsVersionsTraefikRejects_Throw(string @case, string min, string? max, string expected)
    {
        var e = Assert.Throws<ManifestException>(() => ServersTransports.Upsert(ManifestSet.Empty, "default", @case, new ServersTransportIntent { Spec = new ServersTransportSpec { MinVersion = min, MaxVersion = max } }));
        Assert.Equal(expected, Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Upsert_SpiffeWithTlsFieldsAndBadIds_ReportsEachProblem()
    {
        var e = Assert.Throws<ManifestException>(() => ServersTransports.Upsert(ManifestSet.Empty, "default", "mesh", new ServersTransportIntent
        {
            Spec = new ServersTransportSpec
            {
                InsecureSkipVerify = true,
                ServerName = "a.example.com",
                Spiffe = new SpiffeSpec { Ids = ["spiffe://Example.org/x", "https://example.org/x", "spiffe://example.org/a//b"], TrustDomain = "exa mple" },
            },
        }));

        Assert.Equal(
            [
                "spec.spiffe: cannot be combined with insecureSkipVerify, serverName: Traefik rejects a transport with both SPIFFE and TLS settings. Remove one side.",
                "spec.spiffe.ids[0]: \"spiffe://Example.org/x\" is not a SPIFFE ID: use spiffe://<trust-domain>/<path>, with a lower-case trust domain and path segments of letters, digits, '.', '-' and '_'.",
                "spec.spiffe.ids[1]: \"https://example.org/x\" is not a SPIFFE ID: use spiffe://<trust-domain>/<path>, with a lower-case trust domain and path segments of letters, digits, '.', '-' and '_'.",
                "spec.spiffe.ids[2]: \"spiffe://example.org/a//b\" is not a SPIFFE ID: use spiffe://<trust-domain>/<path>, with a lower-case trust domain and path segments of letters, digits, '.', '-' and '_'.",
                "spec.spiffe.trustDomain: \"exa mple\" is not a SPIFFE trust domain: use lower-case letters, digits, '.', '-' and '_', for example example.org or spiffe://example.org.",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Upsert_WeakTlsChoices_AreWarnings()
    {
        var result = ServersTransports.Upsert(ManifestSet.Empty, "default", "legacy", new ServersTransportIntent
        {
            Spec = new ServersTransportSpec
            {
                InsecureSkipVerify = true,
                RootCAs = [new RootCASpec { ConfigMap = "ca" }],
                CipherSuites = ["TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_AES_128_GCM_SHA256"],
                MinVersion = "VersionTLS10",
                MaxVersion = "VersionTLS12",
            },
        });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            [
                "insecureSkipVerify is true: Traefik does not verify backend certificates, so anyone on the path to the backend can intercept the traffic. Prefer rootCAs with the CA that signed the backend certificate (and serverName when the certificate does not name the server's address).",
                "rootCAs are not used while insecureSkipVerify is true: no certificate is verified.",
                "cipher suite TLS_RSA_WITH_3DES_EDE_CBC_SHA is insecure (RC4 and 3DES are broken); remove it unless a legacy backend needs it.",
                "cipher suite TLS_AES_128_GCM_SHA256 is a TLS 1.3 suite: Go does not let TLS 1.3 suites be configured, so listing it has no effect.",
                "minVersion VersionTLS10 allows TLS 1.0/1.1, which are deprecated and insecure; use VersionTLS12 unless a legacy backend needs it.",
                "ServersTransport default/legacy is not used by any route yet, so it has no effect: link it to the backend Services (that sets serversTransport: legacy on the IngressRoute and TraefikService references to them).",
            ],
            result.Warnings);
    }

    [Fact]
    public void Link_SimpleWeightedMirroredAndCrossNamespaceReferences_AllUseTheTransport()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "my-app-transport", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;

        var result = ServersTransports.Link(objects, "default", "my-app-transport", new TransportLinkIntent { ServiceNames = ["shop-stable", "hello-world"] });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            [
                "IngressRoute default/hello-world spec.routes[0].services[0]",
                "TraefikService default/shop-shadow spec.mirroring",
                "TraefikService default/shop-wrr spec.weighted.services[0]",
                "IngressRoute partners/partner spec.routes[0].services[0]",
            ],
            result.Outcome.References.Select(r => r.ToString()));
        Assert.Empty(result.Outcome.AnnotatedServices);
        Assert.Empty(result.Warnings);
        Assert.Equal(
            ["IngressRoute default/hello-world", "TraefikService default/shop-shadow", "TraefikService default/shop-wrr", "IngressRoute partners/partner"],
            result.Changes.Select(c => c.Key.ToString()));
        Assert.All(result.Changes, c => Assert.Equal(ChangeType.Updated, c.Type));
        Snapshot.Match(ManifestYaml.Render(result.Changes.Select(c => c.After!)));
    }

    [Fact]
    public void Link_Again_IsNoOp()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;
        var linked = ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["shop-canary"] });

        var again = ServersTransports.Link(linked.Objects, "default", "t", new TransportLinkIntent { ServiceNames = ["shop-canary"] });

        SchemaAssert.Valid(again.Objects);
        Assert.True(again.IsNoOp);
        Assert.Equal(["TraefikService default/shop-shadow spec.mirroring.mirrors[0]", "TraefikService default/shop-wrr spec.weighted.services[1]"], again.Outcome.References.Select(r => r.ToString()));
    }

    [Fact]
    public void Link_ReferenceUsingAnotherTransport_IsSwitchedWithAWarning()
    {
        var objects = ManifestSet.From(
        [
            Route("api", "api.example.com", "default", Service("api") with { ServersTransport = "old" }),
            .. ServersTransports.Upsert(ManifestSet.Empty, "default", "new", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects,
        ]);

        var result = ServersTransports.Link(objects, "default", "new", new TransportLinkIntent { ServiceNames = ["api"] });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("new", result.Objects.OfType<IngressRoute>().Single().Spec.Routes[0].Services![0].ServersTransport);
        Assert.Equal(["IngressRoute default/api spec.routes[0].services[0] used transport old; it now uses new."], result.Warnings);
    }

    [Fact]
    public void Link_ReferenceInAFieldNotEdited_IsNamedInAWarning()
    {
        var objects = ManifestSet.From(
        [
            Route("api", "api.example.com", "default", Service("api")),
            .. ManifestYaml.Parse("""
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: api-failover, namespace: default}
                spec:
                  failover:
                    service: {name: api, port: 80}
                    fallback: {name: api-backup, port: 80}
                    errors: {status: ["500-599"]}
                """),
            .. ServersTransports.Upsert(ManifestSet.Empty, "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects,
        ]);

        var result = ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["api"] });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            ["TraefikService default/api-failover spec.failover.service references Service default/api in a field this library does not edit; set serversTransport: t there by hand if it should use the transport."],
            result.Warnings);
        Assert.Equal(["IngressRoute default/api"], result.Changes.Select(c => c.Key.ToString()));
    }

    [Fact]
    public void Link_ServiceReferencedOnlyInAFieldNotEdited_ThrowsNamingTheField()
    {
        var objects = ManifestSet.From(
        [
            .. ManifestYaml.Parse("""
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: api-hrw, namespace: default}
                spec:
                  highestRandomWeight:
                    services: [{name: api, port: 80, weight: 1}]
                """),
            .. ServersTransports.Upsert(ManifestSet.Empty, "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects,
        ]);

        var e = Assert.Throws<ManifestException>(() => ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["api"] }));

        Assert.Equal(
            "serviceNames[0]: Service default/api is referenced only in fields this library does not edit (TraefikService default/api-hrw spec.highestRandomWeight.services[0]); set serversTransport: t there by hand.",
            Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Link_AnnotateServices_SetsTheIngressAnnotationAndWarnsItIsIngressOnly()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "my-app-transport", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;

        var result = ServersTransports.Link(objects, "default", "my-app-transport", new TransportLinkIntent { ServiceNames = ["hello-world"], AnnotateServices = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal([new ObjectKey("Service", "default", "hello-world")], result.Outcome.AnnotatedServices);
        Assert.Equal(["IngressRoute default/hello-world spec.routes[0].services[0]"], result.Outcome.References.Select(r => r.ToString()));
        Assert.Equal(
            ["The traefik.ingress.kubernetes.io/service.serverstransport annotation is read only by Traefik's Kubernetes Ingress provider (routes from Ingress objects); IngressRoute and TraefikService routes use the serversTransport field of their service references instead."],
            result.Warnings);
        var service = result.Objects.Find<CoreService>("Service", "default", "hello-world")!;
        Assert.Equal("default-my-app-transport@kubernetescrd", service.Metadata.Annotations!["traefik.ingress.kubernetes.io/service.serverstransport"]);
        Snapshot.Match(ManifestYaml.Render(service));
    }

    [Fact]
    public void Link_AnnotateServicesWithoutRoute_OnlyAnnotates()
    {
        var objects = ManifestSet.From([CoreService("legacy"), .. ServersTransports.Upsert(ManifestSet.Empty, "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects]);

        var result = ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["legacy"], AnnotateServices = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Empty(result.Outcome.References);
        Assert.Equal([(ChangeType.Updated, new ObjectKey("Service", "default", "legacy"))], result.Changes.Select(c => (c.Type, c.Key)));
    }

    [Fact]
    public void Link_ServiceNoRouteReferences_ThrowsExplainingWhyNothingWouldChange()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;

        var e = Assert.Throws<ManifestException>(() => ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["hello-world", "orphan"] }));

        Assert.Equal(
            "Cannot link ServersTransport t.\n- serviceNames[1]: no IngressRoute or TraefikService references Service default/orphan, so linking would change nothing: Traefik applies a transport through the serversTransport field of a route's service references. Create the route first, or annotate the Service (traefik.ingress.kubernetes.io/service.serverstransport) if it is served through a Kubernetes Ingress.",
            e.Message);
    }

    [Fact]
    public void Link_AnnotateServiceNotInTheSet_Throws()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;

        var e = Assert.Throws<ManifestException>(() => ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["shop-canary"], AnnotateServices = true }));

        Assert.Equal(
            "serviceNames[0]: Service default/shop-canary is not in the manifests, so its traefik.ingress.kubernetes.io/service.serverstransport annotation cannot be set; add the Service manifest to the repository, or link without annotating Services.",
            Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Link_TransportMissing_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => ServersTransports.Link(Shop(), "default", "nope", new TransportLinkIntent { ServiceNames = ["hello-world"] }));
        Assert.Equal("transportName: ServersTransport default/nope does not exist; create it first.", e.Message);
    }

    [Fact]
    public void Link_InvalidNames_ReportsEveryProblem()
    {
        var e = Assert.Throws<ManifestException>(() => ServersTransports.Link(Shop(), "default", "t`", new TransportLinkIntent { ServiceNames = ["9lives", "a", "a"] }));

        Assert.Equal(
            """
            Cannot link ServersTransport t`.
            - transportName: "t`" is not a valid ServersTransport name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).
            - serviceNames[0]: "9lives" is not a valid Service name: Kubernetes Service names must start with a letter (DNS-1035 label).
            - serviceNames[2]: "a" is given twice; give each Service once.
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Fact]
    public void Unlink_RemovesOnlyThisTransportThenDeleteSucceeds()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;
        objects = ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["shop-stable", "hello-world"], AnnotateServices = true }).Objects;
        var other = objects.Find<IngressRoute>("IngressRoute", "default", "hello-world")!;
        objects = objects.Set(other with { Spec = other.Spec with { Routes = [other.Spec.Routes[0] with { Services = [.. other.Spec.Routes[0].Services!, Service("extra") with { ServersTransport = "another" }] }] } });

        var unlinked = ServersTransports.Unlink(objects, "default", "t", new TransportLinkIntent());

        SchemaAssert.Valid(unlinked.Objects);
        Assert.Equal(
            [
                "IngressRoute default/hello-world spec.routes[0].services[0]",
                "TraefikService default/shop-shadow spec.mirroring",
                "TraefikService default/shop-wrr spec.weighted.services[0]",
                "IngressRoute partners/partner spec.routes[0].services[0]",
            ],
            unlinked.Outcome.References.Select(r => r.ToString()));
        Assert.Equal([new ObjectKey("Service", "default", "hello-world"), new ObjectKey("Service", "default", "shop-stable")], unlinked.Outcome.AnnotatedServices);
        Assert.Equal("another", unlinked.Objects.Find<IngressRoute>("IngressRoute", "default", "hello-world")!.Spec.Routes[0].Services![1].ServersTransport);
        Assert.Equal(
            ManifestYaml.Render(Shop().Where(o => o.Key != other.Key)),
            ManifestYaml.Render(unlinked.Objects.Where(o => o.Key != other.Key && o is not ServersTransport)));

        var deleted = ServersTransports.Delete(unlinked.Objects, "default", "t");
        Assert.Equal(ChangeType.Deleted, Assert.Single(deleted.Changes).Type);
    }

    [Fact]
    public void Unlink_NamedServices_LeavesTheOthersLinked()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;
        objects = ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["shop-stable", "hello-world"] }).Objects;

        var result = ServersTransports.Unlink(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["hello-world"] });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(["IngressRoute default/hello-world spec.routes[0].services[0]"], result.Outcome.References.Select(r => r.ToString()));
        Assert.Equal(3, ServersTransports.Upsert(result.Objects, "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Outcome.UsedBy.Count);
    }

    [Fact]
    public void Delete_WhileUsed_RefusesAndNamesEveryUser()
    {
        var objects = ManifestSet.From(
        [
            Route("api", "api.example.com", "default", Service("api") with { ServersTransport = "t" }),
            Route("cross", "cross.example.com", "partners", Service("api", @namespace: "default") with { ServersTransport = "t" }, Service("local") with { ServersTransport = "t" }),
            Route("qualified", "q.example.com", "partners", Service("local") with { ServersTransport = "default-t@kubernetescrd" }),
            CoreService("api") with { Metadata = Meta("api") with { Annotations = new Dictionary<string, string> { ["Traefik.Ingress.Kubernetes.io/Service.ServersTransport"] = "default-t@kubernetescrd" } } },
            .. ManifestYaml.Parse("""
                apiVersion: traefik.io/v1alpha1
                kind: Middleware
                metadata: {name: errors, namespace: default}
                spec:
                  errors:
                    status: ["500-599"]
                    service: {name: error-pages, port: 80, serversTransport: t}
                """),
            .. ServersTransports.Upsert(ManifestSet.Empty, "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects,
        ]);

        var e = Assert.Throws<ManifestException>(() => ServersTransports.Delete(objects, "default", "t"));

        Assert.Equal(
            """
            ServersTransport default/t is still used; unlink it first (Traefik cannot build a service whose transport is missing).
            - IngressRoute default/api spec.routes[0].services[0]: uses this transport.
            - Middleware default/errors spec.errors.service: uses this transport.
            - Service default/api metadata.annotations[Traefik.Ingress.Kubernetes.io/Service.ServersTransport]: uses this transport.
            - IngressRoute partners/cross spec.routes[0].services[0]: uses this transport.
            - IngressRoute partners/qualified spec.routes[0].services[0]: uses this transport.
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Fact]
    public void Delete_Missing_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => ServersTransports.Delete(Shop(), "default", "nope"));
        Assert.Equal("name: ServersTransport default/nope does not exist.", e.Message);
    }

    [Fact]
    public void Upsert_LinkedTransport_ReportsWhereItIsUsed()
    {
        var objects = ServersTransports.Upsert(Shop(), "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts }).Objects;
        objects = ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["hello-world"], AnnotateServices = true }).Objects;

        var result = ServersTransports.Upsert(objects, "default", "t", new ServersTransportIntent { Spec = MyAppTimeouts with { DisableHTTP2 = true } });

        SchemaAssert.Valid(result.Objects);
        Assert.Empty(result.Warnings);
        Assert.Equal(
            ["IngressRoute default/hello-world spec.routes[0].services[0]", "Service default/hello-world metadata.annotations[traefik.ingress.kubernetes.io/service.serverstransport]"],
            result.Outcome.UsedBy.Select(u => u.ToString()));
    }

    [Fact]
    public void RoundTrip_ServersTransportWithEveryFieldAndUnknownOnes_IsByteIdentical()
    {
        const string Yaml = """
            apiVersion: traefik.io/v1alpha1
            kind: ServersTransport
            metadata:
              name: full
              namespace: apps
            spec:
              certificatesSecrets:
                - client-cert
              cipherSuites:
                - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
              disableHTTP2: true
              forwardingTimeouts:
                dialTimeout: 5
                futureTimeout: 1s
                idleConnTimeout: 90s
                pingTimeout: 15s
                readIdleTimeout: 10s
                responseHeaderTimeout: 1m
              insecureSkipVerify: false
              maxIdleConnsPerHost: 200
              maxVersion: VersionTLS13
              minVersion: VersionTLS12
              peerCertSANs:
                - type: dns
                  value: backend.internal
              peerCertURI: spiffe://example.org/backend
              rootCAs:
                - secret: ca-secret
                - configMap: ca-bundle
              rootCAsSecrets:
                - legacy-ca
              serverName: backend.internal
              spiffe:
                ids:
                  - spiffe://example.org/backend
                trustDomain: example.org

            """;
        var text = Yaml.ReplaceLineEndings("\n");

        var parsed = Assert.IsType<ServersTransport>(Assert.Single(ManifestYaml.Parse(text)));
        var rendered = ManifestYaml.Render(parsed);

        Assert.Equal(text, rendered);
        Assert.Equal(rendered, ManifestYaml.Render(Assert.Single(ManifestYaml.Parse(rendered))));
        Assert.Equal(["peerCertSANs", "rootCAsSecrets"], parsed.Spec.AdditionalFields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["futureTimeout"], parsed.Spec.ForwardingTimeouts!.AdditionalFields.Keys);
        Assert.Equal(5, parsed.Spec.ForwardingTimeouts.DialTimeout!.Value.Number);
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        Assert.Equal(
            ("default", "traefik.ingress.kubernetes.io/service.serverstransport", "@kubernetescrd", 28, 3),
            (TransportDefaults.Namespace, TransportDefaults.ServiceAnnotation, TransportDefaults.CrdProviderSuffix, TransportDefaults.CipherSuites.Count, TransportDefaults.Tls13CipherSuites.Count));
        Assert.Equal(["VersionTLS10", "VersionTLS11", "VersionTLS12", "VersionTLS13"], TransportDefaults.TlsVersions.ToArray());
    }

    [Theory]
    [InlineData("default", "t", "default-t@kubernetescrd")]
    [InlineData("my-ns", "my.transport", "my-ns-my-transport@kubernetescrd")]
    public void Qualified_FollowsTraefikNormalize(string @namespace, string name, string expected) =>
        Assert.Equal(expected, TransportReferences.Qualified(@namespace, name));
}
