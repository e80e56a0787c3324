using Snapshooter.Xunit;
using Traefik.Manifests.Affinity;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Tests.Transports;
using Traefik.Manifests.Transports;
using Traefik.Manifests.Validation;
using static Traefik.Manifests.Tests.Transports.BackendFixture;

namespace Traefik.Manifests.Tests.Affinity;

public sealed class StickySessionsTests
{
    private static readonly StickyCookieOptions SessionId = new() { Name = "SESSIONID", MaxAge = 3600 };

    /// <summary>
    /// A weighted route over hello-world (90) and hello-world-canary (10), a direct route to hello-world,
    /// a shadow TraefikService mirroring the canary to hello-world, and the hello-world Service manifest.
    /// </summary>
    private static ManifestSet HelloWorld() => ManifestSet.From(
    [
        Route("hello-world-route", "hello-world.example.com", "default", TraefikServiceRef("hello-world-route-wrr")),
        Weighted("hello-world-route-wrr", Service("hello-world", weight: 90), Service("hello-world-canary", weight: 10)),
        Route("hello-world-direct", "direct.example.com", "default", Service("hello-world")),
        BackendFixture.Mirroring("hello-world-shadow", "hello-world-canary", "hello-world"),
        CoreService("hello-world"),
    ]);

    [Fact]
    public void Enable_SeedScenarioF_SessionIdOnHelloWorld_SetsServerAndTrackCookies()
    {
        var result = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = SessionId });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            ["IngressRoute default/hello-world-direct spec.routes[0].services[0]", "TraefikService default/hello-world-route-wrr spec.weighted.services[0]"],
            result.Outcome.References.Select(r => r.ToString()));
        Assert.Equal([new ObjectKey("TraefikService", "default", "hello-world-route-wrr")], result.Outcome.WeightedServices);
        Assert.Equal(("SESSIONID", "SESSIONID_wrr"), (result.Outcome.CookieName, result.Outcome.WeightedCookieName));
        Assert.Null(result.Outcome.AnnotatedService);
        Assert.Empty(result.Warnings);
        Assert.Equal(
            ["IngressRoute default/hello-world-direct", "TraefikService default/hello-world-route-wrr"],
            result.Changes.Select(c => c.Key.ToString()));
        Snapshot.Match(ManifestYaml.Render(result.Changes.Select(c => c.After!)));
    }

    [Fact]
    public void Disable_SeedScenarioF_AfterEnable_RestoresTheObjectsExactly()
    {
        var before = HelloWorld();
        var enabled = StickySessions.Enable(before, "default", "hello-world", new StickySessionIntent { Cookie = SessionId }).Objects;

        var result = StickySessions.Disable(enabled, "default", "hello-world", new StickySessionIntent());

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(ManifestYaml.Render(before), ManifestYaml.Render(result.Objects));
        Assert.Equal(
            ["IngressRoute default/hello-world-direct spec.routes[0].services[0]", "TraefikService default/hello-world-route-wrr spec.weighted.services[0]"],
            result.Outcome.References.Select(r => r.ToString()));
        Assert.Equal([new ObjectKey("TraefikService", "default", "hello-world-route-wrr")], result.Outcome.WeightedServices);
        Assert.Empty(result.Warnings);
        Snapshot.Match(ManifestYaml.Render(result.Changes.Select(c => c.After!)));
    }

    [Fact]
    public void Disable_NotSticky_IsNoOp()
    {
        var result = StickySessions.Disable(HelloWorld(), "default", "hello-world", new StickySessionIntent());

        SchemaAssert.Valid(result.Objects);
        Assert.True(result.IsNoOp);
        Assert.Empty(result.Outcome.References);
    }

    [Fact]
    public void Enable_AllCookieAttributes_AreWrittenOnBothLevelsWithSameSiteLowerCase()
    {
        var cookie = new StickyCookieOptions { Name = "srv", MaxAge = -1, Secure = true, HttpOnly = true, SameSite = "Strict", Path = "/shop", Domain = "example.com" };

        var result = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = cookie });

        SchemaAssert.Valid(result.Objects);
        var wrr = result.Objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!;
        var expected = new StickyCookie { Name = "srv", MaxAge = -1, Secure = true, HttpOnly = true, SameSite = "strict", Path = "/shop", Domain = "example.com" };
        Assert.Equal(expected, wrr.Spec.Weighted!.Services![0].Sticky!.Cookie);
        Assert.Equal(expected with { Name = "srv_wrr" }, wrr.Spec.Weighted.Sticky!.Cookie);
        Assert.Null(wrr.Spec.Weighted.Services[1].Sticky);
    }

    [Fact]
    public void Enable_WithoutCookieName_LetsTraefikGenerateDistinctNames()
    {
        var result = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = new StickyCookieOptions { Secure = true } });

        SchemaAssert.Valid(result.Objects);
        var wrr = result.Objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!;
        Assert.Null(wrr.Spec.Weighted!.Sticky!.Cookie!.Name);
        Assert.Contains("    sticky:\n      cookie:\n        secure: true\n", ManifestYaml.Render(wrr), StringComparison.Ordinal);
        Assert.True(StickySessions.Disable(result.Objects, "default", "hello-world", new StickySessionIntent()).Objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!.Spec.Weighted!.Sticky is null);
    }

    [Fact]
    public void Enable_Again_IsNoOp()
    {
        var enabled = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = SessionId }).Objects;

        var again = StickySessions.Enable(enabled, "default", "hello-world", new StickySessionIntent { Cookie = SessionId });

        SchemaAssert.Valid(again.Objects);
        Assert.True(again.IsNoOp);
        Assert.Equal(2, again.Outcome.References.Count);
    }

    [Fact]
    public void Enable_OtherOptions_ReplaceTheCookies()
    {
        var enabled = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = SessionId }).Objects;

        var result = StickySessions.Enable(enabled, "default", "hello-world", new StickySessionIntent { Cookie = new StickyCookieOptions { Name = "AFFINITY" } });

        SchemaAssert.Valid(result.Objects);
        var wrr = result.Objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!;
        Assert.Equal(new StickyCookie { Name = "AFFINITY" }, wrr.Spec.Weighted!.Services![0].Sticky!.Cookie);
        Assert.Equal(new StickyCookie { Name = "AFFINITY_wrr" }, wrr.Spec.Weighted.Sticky!.Cookie);
        Assert.Equal(
            ["TraefikService default/hello-world-route-wrr had weighted cookie SESSIONID_wrr; it is replaced by AFFINITY_wrr, so clients are assigned a track again once."],
            result.Warnings);
    }

    [Fact]
    public void Disable_AnotherChildStillSticky_KeepsTheTrackCookie()
    {
        var objects = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = SessionId }).Objects;
        objects = StickySessions.Enable(objects, "default", "hello-world-canary", new StickySessionIntent { Cookie = SessionId }).Objects;

        var result = StickySessions.Disable(objects, "default", "hello-world", new StickySessionIntent());

        SchemaAssert.Valid(result.Objects);
        var wrr = result.Objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!;
        Assert.Null(wrr.Spec.Weighted!.Services![0].Sticky);
        Assert.NotNull(wrr.Spec.Weighted.Services[1].Sticky);
        Assert.Equal("SESSIONID_wrr", wrr.Spec.Weighted.Sticky!.Cookie!.Name);
        Assert.Empty(result.Outcome.WeightedServices);
    }

    [Fact]
    public void Disable_TrackCookieNotSetByEnable_IsKeptWithAWarning()
    {
        var objects = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = SessionId }).Objects;
        var wrr = objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!;
        objects = objects.Set(wrr with { Spec = wrr.Spec with { Weighted = wrr.Spec.Weighted! with { Sticky = new StickySpec { Cookie = new StickyCookie { Name = "track" } } } } });

        var result = StickySessions.Disable(objects, "default", "hello-world", new StickySessionIntent());

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("track", result.Objects.Find<TraefikService>("TraefikService", "default", "hello-world-route-wrr")!.Spec.Weighted!.Sticky!.Cookie!.Name);
        Assert.Equal(
            ["TraefikService default/hello-world-route-wrr keeps its weighted cookie track: it was not set by enabling sticky sessions for Service hello-world. Remove it by hand if clients should be rebalanced across its children."],
            result.Warnings);
    }

    [Fact]
    public void Enable_MirrorTarget_IsLeftAlone()
    {
        var before = HelloWorld();

        var result = StickySessions.Enable(before, "default", "hello-world", new StickySessionIntent { Cookie = SessionId });

        SchemaAssert.Valid(result.Objects);
        Assert.Same(HelloWorldShadow(before), HelloWorldShadow(result.Objects));
        var shadow = HelloWorldShadow(result.Objects);
        Assert.Null(shadow.Spec.Mirroring!.Mirrors![0].Sticky);
        Assert.DoesNotContain(result.Changes, c => c.Key == shadow.Key);
    }

    [Fact]
    public void Enable_MirroringMain_IsMadeSticky()
    {
        var result = StickySessions.Enable(HelloWorld(), "default", "hello-world-canary", new StickySessionIntent { Cookie = SessionId });

        Assert.Equal(
            [
                "TraefikService default/hello-world-route-wrr spec.weighted.services[1]",
                "TraefikService default/hello-world-shadow spec.mirroring",
            ],
            result.Outcome.References.Select(r => r.ToString()));
        Assert.Equal("SESSIONID", HelloWorldShadow(result.Objects).Spec.Mirroring!.Sticky!.Cookie!.Name);
        SchemaAssert.Valid(result.Objects);
    }

    [Fact]
    public void Enable_IngressRouteBalancingOverSeveralServices_WarnsThatTheChoiceIsNotSticky()
    {
        var objects = ManifestSet.From([Route("split", "split.example.com", "default", Service("a"), Service("b"))]);

        var result = StickySessions.Enable(objects, "default", "a", new StickySessionIntent { Cookie = SessionId });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            ["IngressRoute default/split spec.routes[0] balances over 2 services; the CRD cannot make that implicit round robin sticky, so a client may switch between those services. Put them behind a weighted TraefikService to keep clients on one."],
            result.Warnings);
        Assert.Equal(["IngressRoute default/split spec.routes[0].services[0]"], result.Outcome.References.Select(r => r.ToString()));
    }

    [Fact]
    public void Enable_SameSiteNoneWithoutSecure_Warns()
    {
        var result = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = new StickyCookieOptions { SameSite = "None" } });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(["sameSite none without secure: browsers reject such a cookie, so stickiness would not work. Set secure (and serve the route over HTTPS)."], result.Warnings);
        Assert.Equal("none", result.Objects.Find<IngressRoute>("IngressRoute", "default", "hello-world-direct")!.Spec.Routes[0].Services![0].Sticky!.Cookie!.SameSite);
    }

    [Fact]
    public void Enable_InvalidInput_ReportsEveryProblem()
    {
        var cookie = new StickyCookieOptions { Name = "SESSION ID", SameSite = "sometimes", Path = "shop", Domain = "exa mple.com" };

        var e = Assert.Throws<ManifestException>(() => StickySessions.Enable(HelloWorld(), "Default", "hello_world", new StickySessionIntent { Cookie = cookie }));

        Assert.Equal(
            """
            Cannot enable sticky sessions for Service hello_world.
            - namespace: "Default" is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).
            - serviceName: "hello_world" is not a valid Service name: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).
            - cookie.name: "SESSION ID" is not a valid cookie name: use letters, digits and !#$%&'*+-.^_`|~ (an RFC 6265 token, no spaces or separators).
            - cookie.sameSite: "sometimes" is not a SameSite value; use none, lax or strict.
            - cookie.path: "shop" must start with '/'.
            - cookie.domain: "exa mple.com" is not a valid host name (RFC 1123): use letters, digits, '-' and '.' only; internationalised names must be written in punycode (xn--…).
            """.ReplaceLineEndings("\n"),
            e.Message);
    }

    [Theory]
    [InlineData("a;b")]
    [InlineData("a=b")]
    [InlineData("\"quoted\"")]
    [InlineData("a\tb")]
    [InlineData("ä")]
    [InlineData("")]
    public void Enable_CookieNameNotAToken_Throws(string name)
    {
        var e = Assert.Throws<ManifestException>(() => StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = new StickyCookieOptions { Name = name } }));
        Assert.Equal("cookie.name", Assert.Single(e.Problems).Path);
    }

    [Fact]
    public void Enable_CookieNameTooLong_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = new StickyCookieOptions { Name = new string('a', 253) } }));
        Assert.EndsWith("is 253 characters long; a cookie name must be at most 252 characters.", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enable_NoRouteReferencesTheService_ThrowsExplainingWhyNothingWouldChange()
    {
        var e = Assert.Throws<ManifestException>(() => StickySessions.Enable(HelloWorld(), "default", "orphan", new StickySessionIntent { Cookie = SessionId }));

        Assert.Equal(
            "Cannot enable sticky sessions for Service orphan.\n- serviceName: no IngressRoute or TraefikService routes clients to Service default/orphan (mirrors do not count: their responses never reach clients), so there is nothing to enable: Traefik makes CRD routes sticky through their service references. Create the route first, or use the Service annotation option if the Service is served through a Kubernetes Ingress.",
            e.Message);
    }

    [Fact]
    public void Enable_ServiceOnlyMirrored_ThrowsBecauseNothingWouldChange()
    {
        var objects = ManifestSet.From([BackendFixture.Mirroring("shadow", "main", "hello-world")]);

        var e = Assert.Throws<ManifestException>(() => StickySessions.Enable(objects, "default", "hello-world", new StickySessionIntent { Cookie = SessionId }));

        Assert.StartsWith("no IngressRoute or TraefikService routes clients to Service default/hello-world (mirrors do not count", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enable_ServiceInAnotherNamespace_IsNotTouched()
    {
        var objects = ManifestSet.From([Route("api", "api.example.com", "other", Service("hello-world"))]);

        var e = Assert.Throws<ManifestException>(() => StickySessions.Enable(objects, "default", "hello-world", new StickySessionIntent { Cookie = SessionId }));

        Assert.Equal("serviceName", Assert.Single(e.Problems).Path);
    }

    [Fact]
    public void Enable_AnnotateService_WritesTheIngressAnnotationsAndWarnsTheyDoNothingForCrdRoutes()
    {
        var cookie = SessionId with { Secure = true, HttpOnly = false, SameSite = "Lax", Path = "/", Domain = "example.com" };

        var result = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = cookie, AnnotateService = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(new ObjectKey("Service", "default", "hello-world"), result.Outcome.AnnotatedService);
        Assert.Equal(
            ["The traefik.ingress.kubernetes.io/service.sticky.cookie annotations are read only by Traefik's Kubernetes Ingress provider (routes from Ingress objects); on their own they do nothing for IngressRoute or TraefikService routes, which are made sticky through their service references."],
            result.Warnings);
        Assert.Equal(3, result.Changes.Count);
        Snapshot.Match(ManifestYaml.Render(result.Objects.Find<CoreService>("Service", "default", "hello-world")!));
    }

    [Fact]
    public void Enable_AnnotateServiceWithoutRoutes_OnlyAnnotates()
    {
        var objects = ManifestSet.From([CoreService("legacy")]);

        var result = StickySessions.Enable(objects, "default", "legacy", new StickySessionIntent { Cookie = SessionId, AnnotateService = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Empty(result.Outcome.References);
        var annotations = result.Objects.Find<CoreService>("Service", "default", "legacy")!.Metadata.Annotations!;
        Assert.Equal(
            [
                "traefik.ingress.kubernetes.io/service.sticky.cookie=true",
                "traefik.ingress.kubernetes.io/service.sticky.cookie.maxage=3600",
                "traefik.ingress.kubernetes.io/service.sticky.cookie.name=SESSIONID",
            ],
            annotations.Select(a => $"{a.Key}={a.Value}"));
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Enable_AnnotateServiceNotInTheSet_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => StickySessions.Enable(HelloWorld(), "default", "hello-world-canary", new StickySessionIntent { Cookie = SessionId, AnnotateService = true }));

        Assert.Equal(
            "serviceName: Service default/hello-world-canary is not in the manifests, so its traefik.ingress.kubernetes.io/service.sticky.cookie annotations cannot be changed; add the Service manifest to the repository, or leave the annotation option off.",
            Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Disable_AnnotateService_RemovesEveryStickyAnnotationInAnyCase()
    {
        var service = CoreService("legacy") with
        {
            Metadata = Meta("legacy") with
            {
                Annotations = new Dictionary<string, string>
                {
                    ["traefik.ingress.kubernetes.io/service.sticky.cookie"] = "true",
                    ["traefik.ingress.kubernetes.io/service.sticky.cookie.httponly"] = "true",
                    ["Traefik.Ingress.Kubernetes.io/Service.Sticky.Cookie.Path"] = "/",
                    ["traefik.ingress.kubernetes.io/service.sticky.cookie.domain"] = "example.com",
                    ["traefik.ingress.kubernetes.io/service.passhostheader"] = "false",
                },
            },
        };

        var result = StickySessions.Disable(ManifestSet.From([service]), "default", "legacy", new StickySessionIntent { AnnotateService = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            ["traefik.ingress.kubernetes.io/service.passhostheader"],
            result.Objects.Find<CoreService>("Service", "default", "legacy")!.Metadata.Annotations!.Keys);
        Assert.Equal(new ObjectKey("Service", "default", "legacy"), result.Outcome.AnnotatedService);
    }

    [Fact]
    public void Disable_WithoutAnnotationOption_WarnsThatAnnotationsRemain()
    {
        var enabled = StickySessions.Enable(HelloWorld(), "default", "hello-world", new StickySessionIntent { Cookie = SessionId, AnnotateService = true }).Objects;

        var result = StickySessions.Disable(enabled, "default", "hello-world", new StickySessionIntent());

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(
            ["Service default/hello-world keeps its traefik.ingress.kubernetes.io/service.sticky.cookie annotations (used by Traefik's Kubernetes Ingress provider); disable with the annotation option to remove them too."],
            result.Warnings);
        Assert.NotNull(result.Objects.Find<CoreService>("Service", "default", "hello-world")!.Metadata.Annotations);
    }

    [Fact]
    public void Disable_AnnotateService_AfterEnableWithAnnotations_RestoresEverything()
    {
        var before = HelloWorld();
        var enabled = StickySessions.Enable(before, "default", "hello-world", new StickySessionIntent { Cookie = SessionId with { Secure = true }, AnnotateService = true }).Objects;

        var result = StickySessions.Disable(enabled, "default", "hello-world", new StickySessionIntent { AnnotateService = true });

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(ManifestYaml.Render(before), ManifestYaml.Render(result.Objects));
    }

    [Fact]
    public void Disable_NoRouteReferencesTheService_Throws()
    {
        var e = Assert.Throws<ManifestException>(() => StickySessions.Disable(HelloWorld(), "default", "orphan", new StickySessionIntent()));

        Assert.Equal(
            "serviceName: no IngressRoute or TraefikService routes clients to Service default/orphan (mirrors do not count: their responses never reach clients), so there is nothing to disable: Traefik makes CRD routes sticky through their service references. Create the route first, or use the Service annotation option if the Service is served through a Kubernetes Ingress.",
            Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void RoundTrip_StickyLinkedAndAnnotatedObjects_AreByteStable()
    {
        var objects = ManifestSet.From([.. HelloWorld(), .. ServersTransports.Upsert(ManifestSet.Empty, "default", "t", new ServersTransportIntent { Spec = new ServersTransportSpec { DisableHTTP2 = true } }).Objects]);
        objects = StickySessions.Enable(objects, "default", "hello-world", new StickySessionIntent { Cookie = SessionId with { Secure = true, SameSite = "lax" }, AnnotateService = true }).Objects;
        objects = ServersTransports.Link(objects, "default", "t", new TransportLinkIntent { ServiceNames = ["hello-world", "hello-world-canary"], AnnotateServices = false }).Objects;
        var rendered = ManifestYaml.Render(objects);

        var reparsed = ManifestSet.From(ManifestYaml.Parse(rendered));

        SchemaAssert.Valid(reparsed);
        Assert.Equal(rendered, ManifestYaml.Render(reparsed));
        Assert.Equal(objects.Keys, reparsed.Keys);
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        Assert.Equal(("_wrr", 252, "traefik.ingress.kubernetes.io/service.sticky.cookie"), (AffinityDefaults.WeightedCookieSuffix, AffinityDefaults.MaxCookieNameLength, AffinityDefaults.Annotation));
        Assert.Equal(
            [".name", ".secure", ".httponly", ".samesite", ".maxage", ".path", ".domain"],
            AffinityDefaults.AttributeAnnotations.Select(a => a[AffinityDefaults.Annotation.Length..]));
        Assert.Equal(["none", "lax", "strict"], AffinityDefaults.SameSiteValues.ToArray());
    }

    private static TraefikService HelloWorldShadow(ManifestSet objects) => objects.Find<TraefikService>("TraefikService", "default", "hello-world-shadow")!;

    private static ManifestSet Checkout(bool alsoPlain) => ManifestSet.From(ManifestYaml.Parse("""
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: {name: checkout, namespace: default}
        spec:
          entryPoints: [websecure]
          tls: {secretName: checkout-tls}
          routes:
            - {match: Host(`checkout.example.com`), services: [{name: checkout, port: 80}]}
        """ + (alsoPlain ? """

        ---
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: {name: checkout-plain, namespace: default}
        spec:
          entryPoints: [web]
          routes:
            - {match: Host(`checkout.internal`), services: [{name: checkout, port: 80}]}
        """ : string.Empty)));

    [Fact]
    public void Enable_ServiceServedOverTls_CookieDefaultsToSecureAndHttpOnlyWithANote()
    {
        var result = StickySessions.Enable(Checkout(alsoPlain: false), "default", "checkout", new StickySessionIntent { Cookie = new StickyCookieOptions { Name = "cart" } });

        SchemaAssert.Valid(result.Objects);
        var cookie = result.Objects.Find<IngressRoute>("IngressRoute", "default", "checkout")!.Spec.Routes[0].Services![0].Sticky!.Cookie!;
        Assert.Equal((true, true), (cookie.Secure, cookie.HttpOnly));
        Assert.Equal(["The sticky cookie's secure and httpOnly default to true because users reach Service default/checkout over TLS (default/checkout#0); give secure or httpOnly explicitly (false) to override."], result.Warnings);
    }

    [Fact]
    public void Enable_ServiceServedOverTlsWithExplicitFalse_KeepsWhatWasGiven()
    {
        var result = StickySessions.Enable(Checkout(alsoPlain: false), "default", "checkout", new StickySessionIntent { Cookie = new StickyCookieOptions { Name = "cart", Secure = false, HttpOnly = false } });

        SchemaAssert.Valid(result.Objects);
        var cookie = result.Objects.Find<IngressRoute>("IngressRoute", "default", "checkout")!.Spec.Routes[0].Services![0].Sticky!.Cookie!;
        Assert.Equal((false, false), (cookie.Secure, cookie.HttpOnly));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Enable_ServiceAlsoServedWithoutTls_OnlyHttpOnlyIsDefaulted()
    {
        var result = StickySessions.Enable(Checkout(alsoPlain: true), "default", "checkout", new StickySessionIntent { Cookie = new StickyCookieOptions { Name = "cart" } });

        SchemaAssert.Valid(result.Objects);
        var cookie = result.Objects.Find<IngressRoute>("IngressRoute", "default", "checkout")!.Spec.Routes[0].Services![0].Sticky!.Cookie!;
        Assert.Equal((null, true), (cookie.Secure, cookie.HttpOnly));
        Assert.Equal(
            [
                "The sticky cookie's httpOnly defaults to true because users reach Service default/checkout over TLS (default/checkout#0); give httpOnly explicitly (false) to override.",
                "The sticky cookie is not made secure: Service default/checkout is also served without TLS (default/checkout-plain#0), where browsers would never send a Secure cookie back.",
            ],
            result.Warnings);
    }
}
