using System.Collections.Immutable;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Reading;

/// <summary>Recognises what routes are in a set of objects: weighted, mirrored or simple, and what they point at.</summary>
public static class RouteReader
{
    /// <summary>Describes every IngressRoute, in namespace and name order.</summary>
    public static IReadOnlyList<RouteDescription> Routes(ManifestSet objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return objects.OfType<IngressRoute>().Select(r => Describe(objects, r)).ToList();
    }

    /// <summary>Describes one route, or returns null when IngressRoute <paramref name="name"/> does not exist.</summary>
    public static RouteDescription? Route(ManifestSet objects, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var route = objects.Find<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, name);
        return route is null ? null : Describe(objects, route);
    }

    private static RouteDescription Describe(ManifestSet objects, IngressRoute route)
    {
        var ns = route.Namespace;
        var wrr = WeightedRoutes.TraefikServiceName(route.Name);
        var mirror = WeightedRoutes.MirrorServiceName(route.Name);
        var rules = route.Spec.Routes.Select(r => new RuleDescription(
            r.Match,
            r.Priority,
            (r.Services ?? []).Select(s => new RouteTarget(s.Name, s.Kind ?? TraefikApi.ServiceKind, s.Namespace ?? ns, s.Port?.ToString(), s.Weight)).ToImmutableList(),
            (r.Middlewares ?? []).Select(m => MiddlewareReferences.Format(m, ns)).ToImmutableList())).ToImmutableList();
        var targets = rules.SelectMany(r => r.Targets).ToList();
        var kind = targets.Count > 0 && targets.All(t => t.Kind == TraefikApi.TraefikServiceKind && t.Name == mirror && t.Namespace == ns) ? RouteKind.Mirrored
            : targets.Count > 0 && targets.All(t => t.Kind == TraefikApi.TraefikServiceKind && t.Name == wrr && t.Namespace == ns) ? RouteKind.Weighted
            : targets.Count > 0 && targets.All(t => t.Kind == TraefikApi.ServiceKind) ? RouteKind.Simple
            : RouteKind.Other;
        var hasWrr = objects.Contains(new ObjectKey(TraefikApi.TraefikServiceKind, ns, wrr));
        var hasMirror = objects.Contains(new ObjectKey(TraefikApi.TraefikServiceKind, ns, mirror));
        return new RouteDescription
        {
            Namespace = ns,
            Name = route.Name,
            Kind = kind,
            EntryPoints = route.Spec.EntryPoints ?? [],
            Tls = route.Spec.Tls is not null,
            TlsSecretName = route.Spec.Tls?.SecretName,
            Rules = rules,
            TraefikService = targets.FirstOrDefault(t => t.Kind == TraefikApi.TraefikServiceKind)?.Name,
            WeightedSplit = hasWrr ? WeightedRoutes.Outcome(objects, ns, route.Name).Backends : null,
            Mirror = hasMirror ? Mirrors.Describe(objects, ns, route.Name) : null,
        };
    }
}
