using Snapshooter.Xunit;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Tcp;

public sealed class TcpMiddlewaresTests
{
    private static readonly MiddlewareTcpSpec OfficeOnly = new()
    {
        IpAllowList = new TcpIpAllowListSpec { SourceRange = ["10.0.0.0/8", "192.168.1.10", "2001:db8::/32"] },
    };

    private static MiddlewareTcp Middleware(ManifestSet objects, string name = "office-only") =>
        objects.Find<MiddlewareTcp>(TraefikApi.MiddlewareTcpKind, "databases", name)!;

    [Fact]
    public void Upsert_IpAllowList_WritesSourceRanges()
    {
        var result = TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "office-only", new TcpMiddlewareIntent { Spec = OfficeOnly });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal((ChangeType.Created, new ObjectKey("MiddlewareTCP", "databases", "office-only")), (Assert.Single(result.Changes).Type, result.Outcome));
        Assert.Equal(["MiddlewareTCP databases/office-only is not used by any TCP route yet, so it has no effect: list it in an IngressRouteTCP's middlewares (in namespace databases, or as databases/office-only from another namespace)."], result.Warnings);
        Snapshot.Match(ManifestYaml.Render(Middleware(result.Objects)));
    }

    [Fact]
    public void Upsert_InFlightConn_WritesAmount()
    {
        var result = TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "max-conns", new TcpMiddlewareIntent { Spec = new MiddlewareTcpSpec { InFlightConn = new TcpInFlightConnSpec { Amount = 20 } } });

        SchemaAssert.Valid(result.Objects);
        Snapshot.Match(ManifestYaml.Render(Middleware(result.Objects, "max-conns")));
    }

    [Fact]
    public void Upsert_OtherType_ReplacesTheSpecAndKeepsLabels()
    {
        var existing = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: MiddlewareTCP
            metadata:
              name: office-only
              namespace: databases
              labels: {team: data}
            spec:
              ipWhiteList: {sourceRange: [10.0.0.0/8]}
            """));

        var result = TcpMiddlewares.Upsert(existing, "databases", "office-only", new TcpMiddlewareIntent { Spec = new MiddlewareTcpSpec { InFlightConn = new TcpInFlightConnSpec { Amount = 5 } } });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            """
            apiVersion: traefik.io/v1alpha1
            kind: MiddlewareTCP
            metadata:
              name: office-only
              namespace: databases
              labels:
                team: data
            spec:
              inFlightConn:
                amount: 5

            """.ReplaceLineEndings("\n"),
            ManifestYaml.Render(Middleware(result.Objects)));
    }

    [Fact]
    public void Upsert_InvalidRanges_ReportsEveryProblem()
    {
        var spec = new MiddlewareTcpSpec
        {
            IpAllowList = new TcpIpAllowListSpec
            {
                // "10.0.0.0/08" is valid: Go's net.ParseCIDR reads a prefix length with leading zeros.
                SourceRange = ["10.0.0.0/33", "010.0.0.1", "1.2.3", "10.0.0.0/08", "::1%eth0", "[::1]", "fe80::1/129", "10.0.0.0/8", "10.0.0.0/8", "", "a.b.c.d"],
            },
        };

        var e = Assert.Throws<ManifestException>(() => TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "office-only", new TcpMiddlewareIntent { Spec = spec }));

        Assert.Equal(
            """
            The MiddlewareTCP office-only is not valid.
            - spec.ipAllowList.sourceRange[0]: "10.0.0.0/33" has an invalid prefix length: use /0 to /32.
            - spec.ipAllowList.sourceRange[1]: "010.0.0.1" is not an IP address or CIDR range: the number 010 has a leading zero, which Go refuses (write it without); write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.
            - spec.ipAllowList.sourceRange[2]: "1.2.3" is not an IP address or CIDR range: an IPv4 address has four numbers separated by dots (Go does not read short forms such as 127.1); write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.
            - spec.ipAllowList.sourceRange[4]: "::1%eth0" is not an IP address or CIDR range: zones such as %eth0 are not allowed; write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.
            - spec.ipAllowList.sourceRange[5]: "[::1]" is not an IP address or CIDR range: it contains '[' where a hex group belongs; write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.
            - spec.ipAllowList.sourceRange[6]: "fe80::1/129" has an invalid prefix length: use /0 to /128.
            - spec.ipAllowList.sourceRange[8]: "10.0.0.0/8" is given twice; give each range once.
            - spec.ipAllowList.sourceRange[9]: an IP address or CIDR range is required, for example 10.0.0.0/8.
            - spec.ipAllowList.sourceRange[10]: "a.b.c.d" is not an IP address or CIDR range: it contains 'a'; write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Theory]
    [InlineData("none", "spec: set one middleware type: ipAllowList (source ranges) or inFlightConn (amount).")]
    [InlineData("both", "spec: sets both ipAllowList and inFlightConn; a MiddlewareTCP holds one type. Create two middlewares and list both on the route.")]
    [InlineData("empty-range", "spec.ipAllowList.sourceRange: give at least one IP address or CIDR range; Traefik rejects an empty allow list and disables the routers using it.")]
    [InlineData("zero", "spec.inFlightConn.amount: must be 1 or more (got 0): with 0 Traefik closes every connection.")]
    [InlineData("no-amount", "spec.inFlightConn.amount: is required: the most simultaneous connections allowed from one client IP.")]
    public void Upsert_WrongShape_Throws(string @case, string expected)
    {
        var spec = @case switch
        {
            "none" => new MiddlewareTcpSpec(),
            "both" => OfficeOnly with { InFlightConn = new TcpInFlightConnSpec { Amount = 1 } },
            "empty-range" => new MiddlewareTcpSpec { IpAllowList = new TcpIpAllowListSpec() },
            "zero" => new MiddlewareTcpSpec { InFlightConn = new TcpInFlightConnSpec { Amount = 0 } },
            _ => new MiddlewareTcpSpec { InFlightConn = new TcpInFlightConnSpec() },
        };

        var e = Assert.Throws<ManifestException>(() => TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "m", new TcpMiddlewareIntent { Spec = spec }));

        Assert.Equal(expected, Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Upsert_DeprecatedIpWhiteListFromAParsedSpec_IsRejected()
    {
        var parsed = Assert.IsType<MiddlewareTcp>(Assert.Single(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: MiddlewareTCP
            metadata: {name: old, namespace: databases}
            spec: {ipWhiteList: {sourceRange: [10.0.0.0/8]}}
            """)));

        var e = Assert.Throws<ManifestException>(() => TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "old", new TcpMiddlewareIntent { Spec = parsed.Spec }));

        Assert.Equal("spec.ipWhiteList: is the deprecated name of ipAllowList; use ipAllowList.", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Upsert_AllowEveryone_Warns()
    {
        var result = TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "open", new TcpMiddlewareIntent { Spec = new MiddlewareTcpSpec { IpAllowList = new TcpIpAllowListSpec { SourceRange = ["0.0.0.0/0"] } } });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("ipAllowList source range 0.0.0.0/0 allows every client of that address family, so the allow list filters nothing for them.", result.Warnings[0]);
    }

    [Fact]
    public void Delete_WhileAnIngressRouteTcpUsesIt_RefusesAndNamesEveryUse()
    {
        var objects = TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "office-only", new TcpMiddlewareIntent { Spec = OfficeOnly }).Objects;
        objects = TcpRoutes.Upsert(objects, "databases", "postgres", new TcpRouteIntent
        {
            EntryPoints = ["postgres"],
            Services = [new TcpBackend { Name = "postgres", Port = 5432 }],
            Middlewares = ["office-only"],
        }).Objects;
        objects = objects.Set(Assert.IsType<IngressRouteTcp>(Assert.Single(ManifestYaml.Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRouteTCP
            metadata: {name: redis, namespace: cache}
            spec:
              entryPoints: [redis]
              routes:
                - match: HostSNI(`*`)
                  middlewares: [{name: office-only, namespace: databases}, {name: office-only}, {name: databases-office-only@kubernetescrd}]
                  services: [{name: redis, port: 6379}]
            """))));

        var e = Assert.Throws<ManifestException>(() => TcpMiddlewares.Delete(objects, "databases", "office-only"));

        Assert.Equal(
            """
            MiddlewareTCP databases/office-only is still used; remove it from these routes first (Traefik disables a router whose middleware is missing).
            - IngressRouteTCP cache/redis spec.routes[0].middlewares[0]: uses this middleware.
            - IngressRouteTCP cache/redis spec.routes[0].middlewares[2]: uses this middleware.
            - IngressRouteTCP databases/postgres spec.routes[0].middlewares[0]: uses this middleware.
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Fact]
    public void Delete_Unused_RemovesIt()
    {
        var objects = TcpMiddlewares.Upsert(ManifestSet.Empty, "databases", "office-only", new TcpMiddlewareIntent { Spec = OfficeOnly }).Objects;

        var result = TcpMiddlewares.Delete(objects, "databases", "office-only");

        SchemaAssert.Valid(result.Objects);
        Assert.Empty(result.Objects);
        Assert.Equal(ChangeType.Deleted, Assert.Single(result.Changes).Type);
    }

    [Fact]
    public void Delete_Missing_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => TcpMiddlewares.Delete(ManifestSet.Empty, "databases", "office-only"));
        Assert.Equal("name: MiddlewareTCP databases/office-only does not exist.", e.Message);
    }

    [Theory]
    [InlineData("ipAllowList", "ipAllowList:\n    sourceRange:\n      - 10.0.0.0/8\n      - '::1'\n")]
    [InlineData("inFlightConn", "inFlightConn:\n    amount: 3\n")]
    [InlineData("ipWhiteList", "ipWhiteList:\n    sourceRange:\n      - 10.0.0.0/8\n")]
    public void RoundTrip_MiddlewareTcpOfEveryType_IsByteIdentical(string @case, string spec)
    {
        var text = "apiVersion: traefik.io/v1alpha1\nkind: MiddlewareTCP\nmetadata:\n  name: " + @case.ToLowerInvariant() + "\n  namespace: apps\nspec:\n  " + spec;

        var parsed = Assert.IsType<MiddlewareTcp>(Assert.Single(ManifestYaml.Parse(text)));
        var rendered = ManifestYaml.Render(parsed);

        SchemaAssert.Valid(parsed);
        Assert.Equal(text, rendered);
        Assert.Equal(rendered, ManifestYaml.Render(Assert.Single(ManifestYaml.Parse(rendered))));
    }

    [Fact]
    public void Upsert_ObjectOfTheSameNameNotWrittenByThisLibrary_IsRefused()
    {
        var foreign = ManifestSet.From(ManifestYaml.Parse("""
            apiVersion: example.com/v1
            kind: MiddlewareTCP
            metadata: {name: office-only, namespace: databases}
            spec: {custom: true}
            """));

        var e = Assert.Throws<ManifestException>(() => TcpMiddlewares.Upsert(foreign, "databases", "office-only", new TcpMiddlewareIntent { Spec = OfficeOnly }));

        Assert.Equal(
            "name: MiddlewareTCP databases/office-only exists with apiVersion example.com/v1, which this library does not write; it was not made by this library, so it is not overwritten. Change it by hand, delete it first, or choose another name.",
            e.Message);
    }
}
