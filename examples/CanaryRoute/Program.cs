// Prints the manifests of a 95/5 canary route (IngressRoute api-service-route pointing at the weighted TraefikService
// api-service-route-wrr) behind a strip-prefix middleware: three operations chained, each on the objects the one before
// left. Pure: nothing touches a cluster or the disk.
using Traefik.Manifests;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;

namespace CanaryRoute;

public static class Program
{
    public static int Main()
    {
        Console.Write(Render());
        return 0;
    }

    /// <summary>The README's library example, kept here so it compiles and a test runs it.</summary>
    public static string Render()
    {
        // README:begin
        var result = WeightedRoutes.Upsert(ManifestSet.Empty, "production", "api-service-route", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "api.example.com", Path = "/api" },
            Backends =
            [
                new WeightedBackend { Service = "api-service-stable", Weight = 95 },
                new WeightedBackend { Service = "api-service-canary", Weight = 5 },
            ],
        })
            .Then(objects => HttpMiddlewares.Upsert(objects, "production", "api-strip", MiddlewareSpecs.StripPrefix(["/api"])))
            .Then(objects => RouteMiddlewares.Attach(objects, "production", "api-service-route", new RouteMiddlewaresIntent { Middlewares = ["api-strip"] }));

        foreach (var change in result.Changes)
        {
            Console.Error.WriteLine($"{change.Type}: {change.Key}");
        }

        return ManifestYaml.Render(result.Objects);
        // README:end
    }
}
