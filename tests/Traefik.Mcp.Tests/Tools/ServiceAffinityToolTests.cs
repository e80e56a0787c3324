using Traefik.Manifests.Model;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_configure_service_affinity: cookie options on CRD routes, and the Ingress-provider annotations on request.</summary>
public sealed class ServiceAffinityToolTests : McpTestBase
{
    [Fact]
    public async Task Enable_EveryCookieOptionAndAnnotation_SetsRouteCookieAndServiceAnnotations()
    {
        Directory.CreateDirectory(Path.Combine(Work, "traefik", "shop"));
        File.WriteAllText(Path.Combine(Work, "traefik", "shop", "service-cart.yaml"), """
            apiVersion: v1
            kind: Service
            metadata:
              name: cart
              namespace: shop
            spec:
              ports:
                - port: 8080
            """);
        await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "cart", "namespace": "shop", "tls_enabled": true, "cert_resolver": "letsencrypt",
             "routes": [{"match": "Host(`shop.example.com`) && PathPrefix(`/cart`)", "service_name": "cart", "service_port": 8080}]}
            """);

        var enabled = await ProposeAsync("traefik_configure_service_affinity", """
            {"action": "enable", "service_name": "cart", "namespace": "shop", "cookie_name": "cart_affinity", "cookie_max_age": 1800,
             "cookie_secure": true, "cookie_http_only": true, "cookie_samesite": "Lax", "cookie_path": "/cart", "cookie_domain": "shop.example.com",
             "annotate_service": true}
            """);

        AssertDelivered(enabled);
        Assert.Equal(["updated IngressRoute shop/cart", "updated Service shop/cart"], Changes(enabled));
        var objects = AssertWorktreeValid();
        var route = Find<IngressRoute>(objects, TraefikApi.IngressRouteKind, "shop", "cart");
        Assert.Equal("letsencrypt", route.Spec.Tls!.CertResolver);
        var cookie = Assert.Single(Assert.Single(route.Spec.Routes).Services!).Sticky!.Cookie!;
        Assert.Equal(("cart_affinity", 1800L, true, true, "lax", "/cart", "shop.example.com"), (cookie.Name, cookie.MaxAge ?? 0, cookie.Secure ?? false, cookie.HttpOnly ?? false, cookie.SameSite, cookie.Path, cookie.Domain));
        var annotations = Assert.Single(objects, o => o.Kind == "Service").Metadata.Annotations!;
        Assert.Equal("true", annotations["traefik.ingress.kubernetes.io/service.sticky.cookie"]);
        Assert.Equal("cart_affinity", annotations["traefik.ingress.kubernetes.io/service.sticky.cookie.name"]);

        var disabled = await ProposeAsync("traefik_configure_service_affinity", """
            {"action": "disable", "service_name": "cart", "namespace": "shop", "annotate_service": true}
            """);

        AssertDelivered(disabled);
        objects = AssertWorktreeValid();
        Assert.Null(Assert.Single(Find<IngressRoute>(objects, TraefikApi.IngressRouteKind, "shop", "cart").Spec.Routes).Services![0].Sticky);
        Assert.DoesNotContain(Assert.Single(objects, o => o.Kind == "Service").Metadata.Annotations?.Keys ?? [], k => k.Contains("sticky", StringComparison.Ordinal));
    }
}
