using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Observability;

/// <summary>
/// Maps routes in the repository to the <c>service</c> labels of their Traefik metrics, following every
/// weighted and mirroring TraefikService down to the Kubernetes Services (REFERENCE §7).
/// </summary>
public static class TrafficSeries
{
    private const int MaxDepth = 16;

    /// <summary>The series of IngressRoute <paramref name="name"/>, or null when it is not in <paramref name="objects"/>.</summary>
    public static RouteSeries? ForRoute(ManifestSet objects, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var route = objects.Find<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, name);
        return route is null ? null : Describe(objects, route);
    }

    /// <summary>The series of every IngressRoute, in namespace and name order.</summary>
    public static IReadOnlyList<RouteSeries> ForRoutes(ManifestSet objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return objects.OfType<IngressRoute>().Select(r => Describe(objects, r)).ToList();
    }

    /// <summary>
    /// Every label under which Kubernetes Service <paramref name="service"/> receives traffic from the
    /// repository's routes (one per port and per route where it is a rule's only Service); empty when no
    /// route reaches it.
    /// </summary>
    public static IReadOnlyList<SeriesBackend> ForService(ManifestSet objects, string @namespace, string service)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return ForRoutes(objects)
            .SelectMany(r => r.Backends)
            .Where(b => b.Namespace == @namespace && b.Service == service)
            .DistinctBy(b => b.Label)
            .ToList();
    }

    private static RouteSeries Describe(ManifestSet objects, IngressRoute route)
    {
        var ns = route.Namespace;
        var notes = new List<string>();
        var groups = new List<(string Key, List<string> Matches, List<Leaf> Leaves)>();
        for (var i = 0; i < route.Spec.Routes.Count; i++)
        {
            var rule = route.Spec.Routes[i];
            var services = rule.Services ?? [];
            if (services.Count == 0)
            {
                notes.Add($"spec.routes[{i}] has no services: it serves no requests of its own.");
                continue;
            }

            var router = ServiceLabels.Router(ns, route.Name, rule.Match);
            var leaves = new List<Leaf>();
            string key;
            if (services.Count == 1 && IsKubernetesService(services[0]))
            {
                key = router;
                var s = services[0];
                leaves.Add(new Leaf(s.Name, s.Namespace ?? ns, s.Port?.ToString(), router, BackendRole.Serves, 100m, null, []));
            }
            else if (services.Count == 1)
            {
                var s = services[0];
                key = ServiceLabels.TraefikService(s.Namespace ?? ns, s.Name);
                Walk(objects, s, ns, 100m, BackendRole.Serves, null, [], leaves, notes, $"spec.routes[{i}].services[0]");
            }
            else
            {
                key = router;
                Split(objects, services, ns, 100m, BackendRole.Serves, null, [], leaves, notes, $"spec.routes[{i}].services");
            }

            var existing = groups.FindIndex(g => g.Key == key);
            if (existing >= 0)
            {
                groups[existing].Matches.Add(rule.Match);
            }
            else
            {
                groups.Add((key, [rule.Match], leaves));
            }
        }

        return new RouteSeries
        {
            Namespace = ns,
            Route = route.Name,
            Groups = groups.Select(g => Group(g.Key, g.Matches, g.Leaves)).ToImmutableList(),
            Notes = [.. notes],
        };
    }

    private static void Split(ManifestSet objects, IReadOnlyList<ServiceReference> services, string ownerNamespace, decimal share, BackendRole role, int? mirrorPercent, ImmutableList<string> via, List<Leaf> leaves, List<string> notes, string path)
    {
        var total = services.Sum(s => (long)Math.Max(0, s.Weight ?? 1));
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            var childShare = role == BackendRole.Serves ? (total == 0 ? 0m : share * Math.Max(0, s.Weight ?? 1) / total) : share;
            Walk(objects, s, ownerNamespace, childShare, role, mirrorPercent, via, leaves, notes, $"{path}[{i}]");
        }
    }

    private static void Walk(ManifestSet objects, ServiceReference reference, string ownerNamespace, decimal share, BackendRole role, int? mirrorPercent, ImmutableList<string> via, List<Leaf> leaves, List<string> notes, string path)
    {
        var ns = reference.Namespace ?? ownerNamespace;
        if (IsKubernetesService(reference))
        {
            var port = reference.Port?.ToString();
            leaves.Add(new Leaf(reference.Name, ns, port, ServiceLabels.KubernetesService(ns, reference.Name, port), role, share, mirrorPercent, via));
            return;
        }

        if (reference.Name.Contains('@', StringComparison.Ordinal) || !reference.IsTraefikService())
        {
            notes.Add($"{path}: {reference.Name} is defined outside this repository ({reference.Kind ?? TraefikApi.ServiceKind} from another provider), so its backends cannot be mapped to metrics.");
            return;
        }

        var name = $"{ns}/{reference.Name}";
        if (via.Count >= MaxDepth || via.Contains(name))
        {
            notes.Add($"{path}: TraefikService {name} refers back to itself; its backends are not mapped.");
            return;
        }

        var ts = objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, ns, reference.Name);
        if (ts is null)
        {
            notes.Add($"{path}: TraefikService {name} is not in the repository, so its backends cannot be mapped to metrics.");
            return;
        }

        var inner = via.Add(name);
        if (ts.Spec.Weighted?.Services is { } weighted)
        {
            Split(objects, weighted, ns, share, role, mirrorPercent, inner, leaves, notes, $"TraefikService {name} spec.weighted.services");
        }
        else if (ts.Spec.Mirroring is { } mirroring)
        {
            Walk(objects, mirroring, ns, share, role, mirrorPercent, inner, leaves, notes, $"TraefikService {name} spec.mirroring");
            var mirrors = mirroring.Mirrors ?? [];
            for (var i = 0; i < mirrors.Count; i++)
            {
                Walk(objects, mirrors[i], ns, 0m, BackendRole.Mirror, mirrors[i].Percent ?? 0, inner, leaves, notes, $"TraefikService {name} spec.mirroring.mirrors[{i}]");
            }
        }
        else
        {
            notes.Add($"{path}: TraefikService {name} is neither weighted nor mirroring (failover or highestRandomWeight), so how it splits traffic is not mapped.");
        }
    }

    private static SplitGroup Group(string key, List<string> matches, List<Leaf> leaves)
    {
        var merged = leaves
            .GroupBy(l => (l.Label, l.Role))
            .Select(g => g.First() with { Share = g.Sum(l => l.Share) })
            .OrderBy(l => l.Role)
            .ToList();
        var serving = merged.Where(l => l.Role == BackendRole.Serves).ToList();
        var stable = serving.Where(l => l.Service.EndsWith("-stable", StringComparison.Ordinal)).ToList();
        var primary = stable.Count == 1 ? stable[0] : serving.OrderByDescending(l => l.Share).FirstOrDefault();
        return new SplitGroup
        {
            Key = key,
            Matches = [.. matches],
            Backends = merged.Select(l => new SeriesBackend
            {
                Service = l.Service,
                Namespace = l.Namespace,
                Port = l.Port,
                Label = l.Label,
                Role = l.Role,
                DesiredPercent = l.Role == BackendRole.Serves ? decimal.Round(l.Share, 2) : null,
                MirrorPercent = l.MirrorPercent,
                IsPrimary = ReferenceEquals(l, primary),
                Via = l.Via,
            }).ToImmutableList(),
        };
    }

    private static bool IsKubernetesService(ServiceReference reference) =>
        (reference.Kind is null or "" or TraefikApi.ServiceKind) && !reference.Name.Contains('@', StringComparison.Ordinal);

    private sealed record Leaf(string Service, string Namespace, string? Port, string Label, BackendRole Role, decimal Share, int? MirrorPercent, ImmutableList<string> Via);
}
