using System.Collections.Immutable;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;

namespace Traefik.Benchmarks.Synthetic;

/// <summary>
/// The objects of a synthetic estate of weighted routes, built with the library's own operations so they
/// are exactly what the product writes: per route an IngressRoute <c>svc-NNNNN</c> and its weighted
/// TraefikService <c>svc-NNNNN-wrr</c> (stable and canary backends); every namespace has three shared
/// Middlewares that about half of the routes use; every tenth route has a shadow mirror attached.
/// Routes are spread round-robin over <see cref="Namespaces"/>. Deterministic: route <c>i</c> is always the same.
/// </summary>
public static class SyntheticRoutes
{
    /// <summary>The namespaces routes are spread over.</summary>
    public static readonly ImmutableArray<string> Namespaces = ["payments", "checkout", "catalog", "search", "accounts", "shipping", "media", "platform"];

    /// <summary>The shared middlewares of every namespace.</summary>
    public static readonly ImmutableArray<string> MiddlewareNames = ["secure-headers", "rate-limit", "strip-api"];

    /// <summary>The namespace of route <paramref name="i"/>.</summary>
    public static string Namespace(int i) => Namespaces[i % Namespaces.Length];

    /// <summary>The name of route <paramref name="i"/>.</summary>
    public static string RouteName(int i) => $"svc-{i:D5}";

    /// <summary>The stable backend Service of route <paramref name="i"/>.</summary>
    public static string StableService(int i) => RouteName(i) + "-stable";

    /// <summary>The canary backend Service of route <paramref name="i"/>.</summary>
    public static string CanaryService(int i) => RouteName(i) + "-canary";

    /// <summary>The canary weight route <paramref name="i"/> starts with (0 to 49; stable gets the rest of 100).</summary>
    public static int InitialCanaryWeight(int i) => i * 7 % 50;

    /// <summary>Whether route <paramref name="i"/> has a shadow mirror (<c>svc-NNNNN-mirror</c>) attached to its IngressRoute.</summary>
    public static bool HasMirror(int i) => i % 10 == 7;

    /// <summary>The middlewares route <paramref name="i"/> uses.</summary>
    public static ImmutableList<string>? Middlewares(int i) => (i % 6) switch
    {
        0 => ["secure-headers"],
        1 => ["rate-limit", "secure-headers"],
        2 => ["strip-api"],
        _ => null,
    };

    /// <summary>The spec of route <paramref name="i"/>.</summary>
    public static WeightedRouteSpec Spec(int i)
    {
        var ns = Namespace(i);
        var name = RouteName(i);
        var canary = InitialCanaryWeight(i);
        return new WeightedRouteSpec
        {
            Name = name,
            Namespace = ns,
            Match = new RouteMatch { Host = $"{name}.{ns}.example.com", Path = i % 6 == 2 ? "/api" : i % 4 == 1 ? "/v2" : null },
            Backends =
            [
                new WeightedBackend { Service = StableService(i), Port = 8080, Weight = 100 - canary },
                new WeightedBackend { Service = CanaryService(i), Port = 8080, Weight = canary },
            ],
            Tls = i % 2 == 0 ? new TlsSettings { SecretName = ns + "-wildcard-tls" } : null,
            Middlewares = Middlewares(i),
            Priority = i % 9 == 4 ? 100 : null,
        };
    }

    /// <summary>The shared middlewares of every namespace.</summary>
    public static ManifestSet SharedMiddlewares()
    {
        var set = ManifestSet.Empty;
        foreach (var ns in Namespaces)
        {
            set = MiddlewareOperations.Upsert(set, ns, "secure-headers", new MiddlewareSpec
            {
                Headers = new HeadersSpec { FrameDeny = true, ContentTypeNosniff = true, BrowserXssFilter = true, StsSeconds = 31536000, StsIncludeSubdomains = true },
            }).Objects;
            set = MiddlewareOperations.Upsert(set, ns, "rate-limit", new MiddlewareSpec { RateLimit = new RateLimitSpec { Average = 100, Burst = 50 } }).Objects;
            set = MiddlewareOperations.Upsert(set, ns, "strip-api", new MiddlewareSpec { StripPrefix = new StripPrefixSpec { Prefixes = ["/api"] } }).Objects;
        }

        return set;
    }

    /// <summary>Every object of an estate of <paramref name="routes"/> routes: shared middlewares, routes and mirrors.</summary>
    public static ManifestSet Estate(int routes)
    {
        var set = SharedMiddlewares();
        for (var i = 0; i < routes; i++)
        {
            set = WeightedRoutes.Create(set, Spec(i)).Objects;
            if (HasMirror(i))
            {
                set = TrafficMirroring.Enable(set, new MirrorSpec
                {
                    RouteName = RouteName(i),
                    Namespace = Namespace(i),
                    KeepWeightedSplit = true,
                    MirrorService = RouteName(i) + "-shadow",
                    MirrorPort = 8080,
                    Percent = 5,
                    AttachToIngress = true,
                }).Objects;
            }
        }

        return set;
    }

    /// <summary>
    /// <paramref name="routes"/> weighted routes and nothing else: per route its IngressRoute then its
    /// TraefikService (2 × <paramref name="routes"/> objects), in route order.
    /// </summary>
    public static IReadOnlyList<KubernetesObject> WeightedPairs(int routes)
    {
        var set = SharedMiddlewares();
        var result = new List<KubernetesObject>(routes * 2);
        for (var i = 0; i < routes; i++)
        {
            var outcome = WeightedRoutes.Create(set, Spec(i));
            set = outcome.Objects;
            result.AddRange(outcome.Changes.Select(c => c.After!).OrderBy(o => o.Kind == TraefikApi.IngressRouteKind ? 0 : 1));
        }

        return result;
    }

    /// <summary>
    /// The weights of step <paramref name="step"/> of a benchmark: a pair no earlier step used and no route
    /// starts with (stable 1000 + step, canary 50 to 99), so every plan writes new content and nothing is
    /// found already written or answered as "no change".
    /// </summary>
    public static (int Stable, int Canary) Weights(int step) => (1000 + step, 50 + (step % 50));

    /// <summary>An intent that sets route <paramref name="i"/>'s weights to <see cref="Weights"/> of <paramref name="step"/>.</summary>
    public static ITrafficIntent WeightChange(int i, int step)
    {
        var ns = Namespace(i);
        var name = RouteName(i);
        var (stable, canary) = Weights(step);
        return TrafficIntent.Create(
            $"Set weights of {name} to {stable}/{canary}",
            $"benchmark weights {ns}/{name} {stable}/{canary}",
            ns,
            name,
            set => WeightedRoutes.UpdateWeights(set, ns, name,
            [
                new BackendWeight { Service = StableService(i), Weight = stable },
                new BackendWeight { Service = CanaryService(i), Weight = canary },
            ]));
    }
}
