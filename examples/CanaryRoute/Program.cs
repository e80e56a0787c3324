// Prints the manifests of a 95/5 canary route: IngressRoute api-service-route pointing at the
// weighted TraefikService api-service-route-wrr. Pure: nothing touches a cluster or the disk.
using Traefik.Manifests;
using Traefik.Manifests.Model;
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
        var route = WeightedRoutes.Create(ManifestSet.Empty, new WeightedRouteSpec
        {
            Name = "api-service-route",
            Namespace = "production",
            Match = new RouteMatch { Host = "api.example.com", Path = "/api" },
            Backends =
            [
                new WeightedBackend { Service = "api-service-stable", Weight = 95 },
                new WeightedBackend { Service = "api-service-canary", Weight = 5 },
            ],
        });

        foreach (var backend in route.Outcome.Backends)
        {
            Console.Error.WriteLine($"{backend.Service}: {backend.Percent}%");
        }

        return ManifestYaml.Render(route.Objects);
        // README:end
    }
}
