using Snapshooter.Xunit;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Tests.Security;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Tcp;

public sealed class TcpRoutesTests
{
    private static readonly TcpRouteIntent Postgres = new()
    {
        EntryPoints = ["postgres"],
        Services = [new TcpBackend { Name = "postgres", Port = 5432 }],
    };

    private static IngressRouteTcp Route(OperationResult<TcpRouteOutcome> result) =>
        result.Objects.Find<IngressRouteTcp>(TraefikApi.IngressRouteTcpKind, result.Outcome.Route.Namespace, result.Outcome.Route.Name)!;

    [Fact]
    public void Upsert_CatchAllOnItsOwnEntryPoint_WritesHostSniStarWithoutTls()
    {
        var result = TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres);

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(("HostSNI(`*`)", true), (result.Outcome.Match, result.Outcome.Created));
        Assert.Empty(result.Warnings);
        Snapshot.Match(ManifestYaml.Render(Route(result)));
    }

    [Fact]
    public void Upsert_PassthroughWithSniAndWeightedServices_WritesEverything()
    {
        var objects = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: MiddlewareTCP
            metadata: {name: office-only, namespace: databases}
            spec: {ipAllowList: {sourceRange: [10.0.0.0/8]}}
            """));
        var intent = Postgres with
        {
            SniHost = "db.example.com",
            TlsPassthrough = true,
            Services = [new TcpBackend { Name = "postgres-primary", Port = "postgres", Weight = 3 }, new TcpBackend { Name = "postgres-replica", Port = 5432, Weight = 1 }],
            Middlewares = ["office-only", "limit@file"],
        };

        var result = TcpRoutes.Upsert(objects, "databases", "postgres", intent);

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("HostSNI(`db.example.com`)", result.Outcome.Match);
        Snapshot.Match(ManifestYaml.Render(Route(result)));
    }

    [Fact]
    public void Upsert_TerminatedTls_WritesSecretAndResolver()
    {
        var result = TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres with { SniHost = "*.db.example.com", TlsSecretName = "db-tls", TlsCertResolver = "letsencrypt" });

        SchemaAssert.Valid(result.Objects);
        Assert.EndsWith("  tls:\n    certResolver: letsencrypt\n    secretName: db-tls\n", ManifestYaml.Render(Route(result)), StringComparison.Ordinal);
        Assert.Equal("HostSNI(`*.db.example.com`)", result.Outcome.Match);
    }

    [Fact]
    public void Upsert_Existing_ReplacesTheSpecSoTlsIsRemovedButKeepsMetadataAndIngressClass()
    {
        var existing = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRouteTCP
            metadata:
              name: postgres
              namespace: databases
              labels: {team: data}
              annotations: {owner: bob}
            spec:
              ingressClassName: internal
              entryPoints: [postgres, postgres-tls]
              routes:
                - match: HostSNI(`db.example.com`)
                  services: [{name: postgres, port: 5432, terminationDelay: 400}]
                - match: HostSNI(`other.example.com`)
                  services: [{name: other, port: 5432}]
              tls: {passthrough: true}
            """));

        var result = TcpRoutes.Upsert(existing, "databases", "postgres", Postgres);

        SchemaAssert.Valid(result.Objects);
        Assert.False(result.Outcome.Created);
        Assert.Equal(ChangeType.Updated, Assert.Single(result.Changes).Type);
        Assert.Equal(
            """
            apiVersion: traefik.io/v1alpha1
            kind: IngressRouteTCP
            metadata:
              name: postgres
              namespace: databases
              annotations:
                owner: bob
              labels:
                team: data
            spec:
              entryPoints:
                - postgres
              ingressClassName: internal
              routes:
                - match: 'HostSNI(`*`)'
                  services:
                    - name: postgres
                      port: 5432

            """.ReplaceLineEndings("\n"),
            ManifestYaml.Render(Route(result)));
        Assert.Equal(["IngressRouteTCP databases/postgres had 2 rules; it now has the one rule HostSNI(`*`)."], result.Warnings);
    }

    [Fact]
    public void Upsert_SameIntentTwice_IsNoOp()
    {
        var first = TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres).Objects;

        var second = TcpRoutes.Upsert(first, "databases", "postgres", Postgres);

        SchemaAssert.Valid(second.Objects);
        Assert.True(second.IsNoOp);
        Assert.Same(first.Single(), second.Objects.Single());
    }

    [Fact]
    public void Upsert_CatchAllOnHttpEntryPoints_WarnsItTakesEveryConnection()
    {
        var result = TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres with { EntryPoints = ["web", "websecure"], TlsSecretName = "db-tls" });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            [
                "HostSNI(`*`) on entry point web takes every TLS connection there before any HTTP router sees it (TCP routers come first); give this TCP service an entry point of its own.",
                "HostSNI(`*`) on entry point websecure takes every TLS connection there before any HTTP router sees it (TCP routers come first); give this TCP service an entry point of its own.",
            ],
            result.Warnings);
    }

    [Fact]
    public void Upsert_InvalidIntent_ReportsEveryProblem()
    {
        var intent = new TcpRouteIntent
        {
            EntryPoints = [],
            SniHost = "db.example.com",
            Services =
            [
                new TcpBackend { Name = "postgres", Port = 0, Weight = -1 },
                new TcpBackend { Name = "5ql", Port = "Postgres_Port" },
                new TcpBackend { Name = "postgres", Port = 0 },
            ],
            Middlewares = ["missing", "bad name"],
        };

        var e = Assert.Throws<ManifestException>(() => TcpRoutes.Upsert(ManifestSet.Empty, "databases", "Postgres", intent));

        Assert.Equal(
            """
            The TCP route Postgres is not valid.
            - name: "Postgres" is not a valid route name: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).
            - entryPoints: give at least one entry point, declared in Traefik's static configuration for this protocol (for example postgres). There is no default: without entry points the route would listen on every entry point, web and websecure included.
            - sniHost: HostSNI(`db.example.com`) needs TLS: clients send the server name (SNI) only in a TLS handshake, so Traefik can match a host name on TLS routes only. Set tlsPassthrough (the backend terminates TLS), tlsSecretName or tlsCertResolver (Traefik terminates TLS), or use "*" to take every connection.
            - services[0].port: 0 is not a valid port: use a number from 1 to 65535 or the port's name.
            - services[0].weight: must be 0 or more (got -1); weights are relative, 0 sends no connections.
            - services[1].name: "5ql" is not a valid Service name: Kubernetes Service names must start with a letter (DNS-1035 label).
            - services[1].port: "Postgres_Port" is not a valid port name: use the Service port's name (lower-case letters, digits and '-', at most 15 characters) or its number.
            - services[2].port: 0 is not a valid port: use a number from 1 to 65535 or the port's name.
            - services[2]: Service postgres port 0 is given twice; give each backend once.
            - middlewares[0]: MiddlewareTCP databases/missing does not exist; Traefik disables a router whose middleware is missing. Create the MiddlewareTCP first, or reference one from another provider as name@provider.
            - middlewares[1]: "bad name" is not a valid middleware name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Fact]
    public void Upsert_PassthroughWithSecretOrResolver_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres with { TlsPassthrough = true, TlsSecretName = "db-tls", TlsCertResolver = "le" }));

        Assert.Equal(
            [
                "tlsSecretName: cannot be combined with tlsPassthrough: with passthrough the backend terminates TLS with its own certificate, so Traefik never uses the Secret. Remove one of them.",
                "tlsCertResolver: cannot be combined with tlsPassthrough: with passthrough the backend terminates TLS with its own certificate, so Traefik never uses the resolver. Remove one of them.",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Upsert_NoServicesAndAllZeroWeights_Throw()
    {
        var none = Assert.Throws<ManifestException>(() => TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres with { Services = [] }));
        Assert.Equal("services: give at least one Kubernetes Service (name and port).", Assert.Single(none.Problems).ToString());

        var zero = Assert.Throws<ManifestException>(() => TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres with { Services = [new TcpBackend { Name = "postgres", Port = 5432, Weight = 0 }] }));
        Assert.Equal("services: every weight is 0, so no backend would receive connections; give at least one service a weight above 0.", Assert.Single(zero.Problems).ToString());
    }

    [Fact]
    public void Upsert_BadEntryPoints_Throw()
    {
        var e = Assert.Throws<ManifestException>(() => TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres with { EntryPoints = ["postgres", "postgres", "a.b"] }));

        Assert.Equal(
            [
                "entryPoints[1]: \"postgres\" is given twice; give each entry point once.",
                "entryPoints[2]: \"a.b\" is not a valid entry point name: use letters, digits, '-' and '_' (at most 63).",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    public static TheoryData<string> HostileSniHosts() => [.. InjectionCorpusTests.Hostile.Where(h => h != "*")];

    [Theory]
    [MemberData(nameof(HostileSniHosts))]
    public void Upsert_HostileSniHost_IsRejectedAndNothingIsProduced(string host)
    {
        var e = Assert.Throws<ManifestException>(() => TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres with { SniHost = host, TlsPassthrough = true }));

        Assert.Equal("sniHost", Assert.Single(e.Problems).Path);
    }

    [Fact]
    public void Delete_ExistingRoute_RemovesIt()
    {
        var objects = TcpRoutes.Upsert(ManifestSet.Empty, "databases", "postgres", Postgres).Objects;

        var result = TcpRoutes.Delete(objects, "databases", "postgres");

        SchemaAssert.Valid(result.Objects);
        Assert.Empty(result.Objects);
        Assert.Equal((ChangeType.Deleted, new ObjectKey("IngressRouteTCP", "databases", "postgres")), (Assert.Single(result.Changes).Type, result.Outcome));
    }

    [Fact]
    public void Delete_Missing_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => TcpRoutes.Delete(ManifestSet.Empty, "databases", "postgres"));
        Assert.Equal("name: IngressRouteTCP databases/postgres does not exist.", e.Message);
    }

    [Fact]
    public void RoundTrip_IngressRouteTcpWithEveryFieldAndUnknownOnes_IsByteIdentical()
    {
        var text = """
            apiVersion: traefik.io/v1alpha1
            kind: IngressRouteTCP
            metadata:
              name: everything
              namespace: apps
            spec:
              entryPoints:
                - tcp
              ingressClassName: traefik
              routes:
                - match: 'HostSNI(`a.example.com`) || ClientIP(`10.0.0.0/8`)'
                  middlewares:
                    - name: limit
                      namespace: edge
                  priority: 10
                  services:
                    - name: app
                      namespace: apps
                      nativeLB: true
                      nodePortLB: false
                      port: 8443
                      proxyProtocol:
                        version: 2
                      serversTransport: tcp-transport
                      terminationDelay: -1
                      tls: true
                      weight: 2
                  syntax: v3
              tls:
                certResolver: letsencrypt
                domains:
                  - main: a.example.com
                    sans:
                      - b.example.com
                options:
                  name: modern
                  namespace: edge
                passthrough: false
                secretName: app-tls
                store:
                  name: default

            """.ReplaceLineEndings("\n");

        var parsed = Assert.IsType<IngressRouteTcp>(Assert.Single(ManifestYaml.Parse(text)));
        var rendered = ManifestYaml.Render(parsed);

        SchemaAssert.Valid(parsed);
        Assert.Equal(text, rendered);
        Assert.Equal(rendered, ManifestYaml.Render(Assert.Single(ManifestYaml.Parse(rendered))));
        Assert.Equal(["syntax"], parsed.Spec.Routes[0].AdditionalFields.Keys);
        Assert.Equal(2, parsed.Spec.Routes[0].Services![0].ProxyProtocol!.Version);
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        Assert.Equal("*", TcpDefaults.AnySni);
        Assert.Equal(["web", "websecure"], TcpDefaults.HttpEntryPoints.ToArray());
        var route = TcpRoutes.Upsert(ManifestSet.Empty, "db", "pg", new TcpRouteIntent { EntryPoints = ["postgres"], Services = [new TcpBackend { Name = "postgres", Port = IntOrString.FromNumber(5432) }] });
        Assert.Equal("HostSNI(`*`)", route.Outcome.Match);
    }
}
