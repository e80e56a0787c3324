using System.Collections.Immutable;

namespace Traefik.Manifests.Model;

/// <summary>Where a service reference sits in the objects that hold one.</summary>
internal enum ServiceReferenceRole
{
    /// <summary>A service of an IngressRoute rule (<c>spec.routes[i].services[j]</c>).</summary>
    RouteService,

    /// <summary>A child of a weighted TraefikService (<c>spec.weighted.services[j]</c>).</summary>
    WeightedService,

    /// <summary>The main service of a mirroring TraefikService (<c>spec.mirroring</c>).</summary>
    MirroringMain,

    /// <summary>A mirror of a mirroring TraefikService (<c>spec.mirroring.mirrors[j]</c>).</summary>
    Mirror,
}

/// <summary>A service reference found in an object, with its place and the namespace it resolves against.</summary>
internal readonly record struct FoundServiceReference(
    ServiceReferenceLocation Location,
    ServiceReference Reference,
    ServiceReferenceRole Role,
    string OwnerNamespace)
{
    /// <summary>The namespace of the referenced service: its own, or the holder's.</summary>
    public string TargetNamespace => string.IsNullOrEmpty(Reference.Namespace) ? OwnerNamespace : Reference.Namespace;

    /// <summary>True when this references the Kubernetes Service <paramref name="name"/> in <paramref name="namespace"/>.</summary>
    public bool TargetsKubernetesService(string @namespace, string name) =>
        ServiceReferenceWalker.IsKubernetesService(Reference) && Reference.Name == name && TargetNamespace == @namespace;
}

/// <summary>
/// Visits and rewrites the typed service references of IngressRoutes (rule services) and TraefikServices
/// (weighted children, mirroring main service and mirrors). References held in fields this library
/// does not model (highestRandomWeight, failover, a Middleware's errors service) are not visited.
/// </summary>
internal static class ServiceReferenceWalker
{
    /// <summary>Rewrites one reference; return the same instance to leave it unchanged.</summary>
    public delegate ServiceReference Rewriter(FoundServiceReference found);

    /// <summary>True when the reference is to a Kubernetes Service (kind absent or <c>Service</c>, no provider suffix).</summary>
    public static bool IsKubernetesService(ServiceReference reference) =>
        (reference.Kind is null or "" or TraefikApi.ServiceKind) && !reference.Name.Contains('@', StringComparison.Ordinal);

    /// <summary>
    /// Applies <paramref name="rewrite"/> to every service reference of an IngressRoute or TraefikService.
    /// Returns the same instance when nothing changed (and for objects of other kinds).
    /// </summary>
    public static KubernetesObject Rewrite(KubernetesObject value, Rewriter rewrite) => value switch
    {
        IngressRoute route => Rewrite(route, rewrite),
        TraefikService service => Rewrite(service, rewrite),
        _ => value,
    };

    private static IngressRoute Rewrite(IngressRoute route, Rewriter rewrite)
    {
        var rules = route.Spec.Routes;
        var changed = false;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var services = RewriteList(route, rule.Services, $"spec.routes[{i}].services", ServiceReferenceRole.RouteService, rewrite);
            if (!ReferenceEquals(services, rule.Services))
            {
                rules = rules.SetItem(i, rule with { Services = services });
                changed = true;
            }
        }

        return changed ? route with { Spec = route.Spec with { Routes = rules } } : route;
    }

    private static TraefikService Rewrite(TraefikService service, Rewriter rewrite)
    {
        var spec = service.Spec;
        if (spec.Weighted is { } weighted)
        {
            var services = RewriteList(service, weighted.Services, "spec.weighted.services", ServiceReferenceRole.WeightedService, rewrite);
            if (!ReferenceEquals(services, weighted.Services))
            {
                spec = spec with { Weighted = weighted with { Services = services } };
            }
        }

        if (spec.Mirroring is { } mirroring)
        {
            var main = rewrite(Found(service, mirroring, "spec.mirroring", ServiceReferenceRole.MirroringMain));
            var updated = ReferenceEquals(main, mirroring) ? mirroring : (MirroringSpec)main;
            var mirrors = RewriteList(service, updated.Mirrors, "spec.mirroring.mirrors", ServiceReferenceRole.Mirror, rewrite);
            if (!ReferenceEquals(mirrors, updated.Mirrors))
            {
                updated = updated with { Mirrors = mirrors };
            }

            if (!ReferenceEquals(updated, mirroring))
            {
                spec = spec with { Mirroring = updated };
            }
        }

        return ReferenceEquals(spec, service.Spec) ? service : service with { Spec = spec };
    }

    private static ImmutableList<T>? RewriteList<T>(KubernetesObject owner, ImmutableList<T>? list, string path, ServiceReferenceRole role, Rewriter rewrite)
        where T : ServiceReference
    {
        if (list is null)
        {
            return null;
        }

        var result = list;
        for (var i = 0; i < list.Count; i++)
        {
            var updated = rewrite(Found(owner, list[i], $"{path}[{i}]", role));
            if (!ReferenceEquals(updated, list[i]))
            {
                // Records clone their runtime type, so a rewrite made with `with` keeps T.
                result = result.SetItem(i, (T)updated);
            }
        }

        return result;
    }

    private static FoundServiceReference Found(KubernetesObject owner, ServiceReference reference, string path, ServiceReferenceRole role) =>
        new(new ServiceReferenceLocation(owner.Key, path), reference, role, owner.Namespace);
}
