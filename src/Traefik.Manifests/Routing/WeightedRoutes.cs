using System.Collections.Immutable;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Routing;

/// <summary>
/// Weighted (canary) routes: IngressRoute <c>{route}</c> pointing at TraefikService <c>{route}-wrr</c>.
/// Pure functions of (current objects, intent).
/// </summary>
public static class WeightedRoutes
{
    /// <summary>The name of the weighted TraefikService a route owns.</summary>
    public static string TraefikServiceName(string route) => route + RoutingDefaults.WeightedSuffix;

    /// <summary>The name of the mirroring TraefikService a route owns.</summary>
    public static string MirrorServiceName(string route) => route + RoutingDefaults.MirrorSuffix;

    /// <summary>
    /// Creates the route, or replaces it when it exists: the IngressRoute spec and the weighted
    /// services are rewritten from <paramref name="spec"/>. Every option already set on a backend of the
    /// same Service (stickiness, transport, pass-host-header, strategy, health check…) is kept. A TLS route
    /// goes on <c>websecure</c>; naming the plain-HTTP entry point <c>web</c> with TLS is refused.
    /// </summary>
    /// <exception cref="ManifestException">
    /// The spec is not valid (every problem is listed), an object of the same name was not written by this library
    /// (another apiVersion), or a progressive delivery controller owns the weights of <c>{route}-wrr</c>.
    /// </exception>
    public static OperationResult<WeightedRouteOutcome> Create(ManifestSet current, WeightedRouteSpec spec)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new Problems();
        RouteParts.RouteName(spec.Name, problems);
        RouteParts.Namespace(spec.Namespace, problems);
        var rule = spec.Match is null ? null : spec.Match.Build(problems, "match");
        if (spec.Match is null)
        {
            problems.Add("match", "is required: at least a host name.");
        }

        var entryPoints = RouteParts.EntryPoints(spec.EntryPoints, spec.Tls is not null, problems);
        var tls = RouteParts.Tls(spec.Tls, spec.Namespace, problems);
        var middlewares = RouteParts.Middlewares(spec.Middlewares, spec.Namespace, current, problems);
        RouteParts.Priority(spec.Priority, problems);
        ValidateBackends(spec.Backends, problems);
        problems.ThrowIfAny($"The weighted route {spec.Name} is not valid.");

        var editor = new ManifestEditor(current);
        var wrrName = TraefikServiceName(spec.Name);
        var existingRoute = editor.Replaceable<IngressRoute>(TraefikApi.IngressRouteKind, spec.Namespace, spec.Name, "name");
        if (existingRoute is not null && PointsAt(existingRoute, MirrorServiceName(spec.Name)))
        {
            editor.Warn($"IngressRoute {spec.Name} pointed at {MirrorServiceName(spec.Name)}; it now points at {wrrName}, so shadow traffic stops. Enable mirroring with attach-to-ingress again to resume it, or disable it to delete the mirror.");
        }

        SetWeighted(editor, spec.Namespace, spec.Name, spec.Backends, "backends");
        editor.CreateOrReplace<IngressRoute>(TraefikApi.IngressRouteKind, spec.Namespace, spec.Name, "name", spec.Name, (_, metadata) => new IngressRoute
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.IngressRouteKind,
            Metadata = metadata,
            Spec = new IngressRouteSpec
            {
                EntryPoints = entryPoints,
                Routes =
                [
                    new RouteRule
                    {
                        Kind = "Rule",
                        Match = rule!,
                        Priority = spec.Priority,
                        Middlewares = middlewares,
                        Services = [new ServiceReference { Kind = TraefikApi.TraefikServiceKind, Name = wrrName }],
                    },
                ],
                Tls = tls,
            },
        });
        WarnCrossNamespace(editor, spec.Backends.Select(b => b.Namespace), spec.Namespace);
        var allowed = ChangeAllowance.RoutersOf(new ObjectKey(TraefikApi.IngressRouteKind, spec.Namespace, spec.Name))
            .And(ChangeAllowance.RoutersReaching(new ObjectKey(TraefikApi.TraefikServiceKind, spec.Namespace, wrrName), RouterProperty.Shares | RouterProperty.NewBackends));
        return editor.Result(Outcome(editor.Current, spec.Namespace, spec.Name), allowed);
    }

    /// <summary>
    /// Creates or replaces only the weighted TraefikService <c>{route}-wrr</c>, leaving any IngressRoute
    /// alone (for routes whose IngressRoute is managed elsewhere). Every option already set on a backend
    /// of the same Service is kept.
    /// </summary>
    /// <exception cref="ManifestException">
    /// The backends are not valid, <c>{route}-wrr</c> exists with another apiVersion, or a progressive delivery
    /// controller owns its weights.
    /// </exception>
    public static OperationResult<WeightedRouteOutcome> EnsureBackend(ManifestSet current, string @namespace, string routeName, ImmutableList<WeightedBackend> backends)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new Problems();
        RouteParts.RouteName(routeName, problems, "routeName");
        RouteParts.Namespace(@namespace, problems);
        ValidateBackends(backends, problems);
        problems.ThrowIfAny($"The weighted backend of route {routeName} is not valid.");
        var editor = new ManifestEditor(current);
        SetWeighted(editor, @namespace, routeName, backends, "routeName");
        WarnCrossNamespace(editor, backends.Select(b => b.Namespace), @namespace);
        return editor.Result(
            Outcome(editor.Current, @namespace, routeName),
            ChangeAllowance.RoutersReaching(new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, TraefikServiceName(routeName)), RouterProperty.Shares | RouterProperty.NewBackends));
    }

    /// <summary>
    /// Sets backend weights by Service name. Backends not named keep their weight; a name that is not
    /// a backend yet is added (so a canary can be added to a single-backend route). Nothing else changes.
    /// </summary>
    /// <exception cref="ManifestException">
    /// The route's TraefikService does not exist, the weights are not valid, or a progressive delivery controller
    /// (an Argo Rollouts Rollout or a Flagger Canary in the set) owns them.
    /// </exception>
    public static OperationResult<WeightedRouteOutcome> UpdateWeights(ManifestSet current, string @namespace, string routeName, IReadOnlyList<BackendWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(weights);
        var problems = new Problems();
        RouteParts.RouteName(routeName, problems, "routeName");
        RouteParts.Namespace(@namespace, problems);
        if (weights.Count == 0)
        {
            problems.Add("weights", "give at least one backend weight.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < weights.Count; i++)
        {
            var w = weights[i];
            problems.Check($"weights[{i}].service", Check.ServiceName(w.Service));
            if (w.Weight < 0)
            {
                problems.Add($"weights[{i}].weight", $"must be 0 or more (got {w.Weight}); weights are relative, 0 sends no traffic.");
            }

            if (w.Port is { } port)
            {
                RouteParts.Port(port, problems, $"weights[{i}].port");
            }

            if (w.Namespace is not null)
            {
                problems.Check($"weights[{i}].namespace", Check.Label(w.Namespace, "namespace"));
            }

            if (w.Service is not null && !seen.Add(w.Service))
            {
                problems.Add($"weights[{i}].service", $"{Check.Show(w.Service)} is given twice; give each backend once.");
            }
        }

        problems.ThrowIfAny($"The weights for route {routeName} are not valid.");
        var wrrName = TraefikServiceName(routeName);
        var wrr = current.Find<TraefikService>(TraefikApi.TraefikServiceKind, @namespace, wrrName);
        if (wrr?.Spec.Weighted?.Services is not { } services)
        {
            throw new ManifestException(
                "routeName",
                wrr is null
                    ? $"the weighted route {@namespace}/{routeName} does not exist: TraefikService {wrrName} was not found. Create the route first."
                    : $"TraefikService {@namespace}/{wrrName} is not a weighted round robin; it has no weighted services to update.");
        }

        var updated = services;
        foreach (var w in weights)
        {
            var index = updated.FindIndex(s => s.Name == w.Service);
            if (index >= 0)
            {
                updated = updated.SetItem(index, updated[index] with { Weight = w.Weight });
            }
            else
            {
                updated = updated.Add(new ServiceReference
                {
                    Name = w.Service,
                    Namespace = w.Namespace == @namespace ? null : w.Namespace,
                    Port = w.Port ?? RoutingDefaults.Port,
                    Weight = w.Weight,
                });
            }
        }

        if (updated.Sum(s => (long)(s.Weight ?? 1)) <= 0)
        {
            throw new ManifestException(
                $"The weights for route {routeName} are not valid.",
                [new ManifestProblem("weights", "the weights add up to 0, so no backend would receive traffic; give at least one backend a weight above 0.")]);
        }

        if (!SameWeights(services, updated))
        {
            TrafficControllers.RefuseWeightChange(current, wrr.Key, "weights");
        }

        var editor = new ManifestEditor(current);
        editor.Set(wrr with { Spec = wrr.Spec with { Weighted = wrr.Spec.Weighted with { Services = updated } } });
        WarnCrossNamespace(editor, weights.Select(w => w.Namespace), @namespace);
        return editor.Result(
            Outcome(editor.Current, @namespace, routeName),
            ChangeAllowance.RoutersReaching(wrr.Key, RouterProperty.Shares | RouterProperty.NewBackends, weights.Select(w => $"{w.Namespace ?? @namespace}/{w.Service}")));
    }

    /// <summary>
    /// Deletes the objects a route owns: IngressRoute <c>{route}</c>, TraefikService <c>{route}-wrr</c>
    /// and <c>{route}-mirror</c> when present. Kubernetes Services and Middlewares (which other routes
    /// may share) are never deleted.
    /// </summary>
    /// <exception cref="ManifestException">None of the objects exist, or another object still uses one of them.</exception>
    public static OperationResult<RouteDeletion> Delete(ManifestSet current, string @namespace, string routeName)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new Problems();
        RouteParts.RouteName(routeName, problems, "routeName");
        RouteParts.Namespace(@namespace, problems);
        problems.ThrowIfAny($"Cannot delete route {routeName}.");

        var owned = new[]
        {
            new ObjectKey(TraefikApi.IngressRouteKind, @namespace, routeName),
            new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, TraefikServiceName(routeName)),
            new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, MirrorServiceName(routeName)),
        };
        var present = owned.Where(current.Contains).ToImmutableList();
        if (present.IsEmpty)
        {
            throw new ManifestException("routeName", $"the route {@namespace}/{routeName} does not exist: no IngressRoute {routeName}, TraefikService {TraefikServiceName(routeName)} or {MirrorServiceName(routeName)} was found.");
        }

        foreach (var key in present.Where(k => k.Kind == TraefikApi.TraefikServiceKind))
        {
            foreach (var use in References.UsesOf(current, key).Where(u => !present.Contains(u.From)))
            {
                problems.Add(use.From + " " + use.Path, $"still points at TraefikService {key.Namespace}/{key.Name}; deleting it would send that traffic nowhere. Repoint or delete {use.From} first.");
            }
        }

        problems.ThrowIfAny($"Cannot delete route {routeName}: other objects still use it.");
        var editor = new ManifestEditor(current);
        foreach (var key in present)
        {
            editor.Remove(key);
        }

        return editor.Result(new RouteDeletion(@namespace, routeName, present), ChangeAllowance.RoutersOf(owned[0]));
    }

    /// <summary>Describes the weighted split of a route as it stands in <paramref name="objects"/>.</summary>
    public static WeightedRouteOutcome Outcome(ManifestSet objects, string @namespace, string routeName)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var wrrName = TraefikServiceName(routeName);
        var wrr = objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, @namespace, wrrName);
        var route = objects.Find<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName);
        return new WeightedRouteOutcome
        {
            Namespace = @namespace,
            RouteName = routeName,
            TraefikService = wrrName,
            Rule = route?.Spec.Routes.FirstOrDefault()?.Match,
            Backends = Shares(wrr?.Spec.Weighted?.Services, @namespace),
        };
    }

    /// <summary>Weights and percentages of a list of weighted services (absent weight counts as 1, as in Traefik).</summary>
    public static ImmutableList<BackendShare> Shares(IReadOnlyList<ServiceReference>? services, string ownerNamespace)
    {
        if (services is null)
        {
            return [];
        }

        var total = services.Sum(s => (long)Math.Max(0, s.Weight ?? 1));
        return services
            .Select(s => new BackendShare(s.Name, s.Namespace ?? ownerNamespace, s.Port?.ToString(), s.Weight ?? 1, RouteParts.Percent(Math.Max(0, s.Weight ?? 1), total)))
            .ToImmutableList();
    }

    internal static bool PointsAt(IngressRoute route, string traefikService) =>
        route.Spec.Routes.Any(r => r.Services?.Any(s => s.IsTraefikService() && s.Name == traefikService && (s.Namespace is null || s.Namespace == route.Namespace)) == true);

    private static void ValidateBackends(ImmutableList<WeightedBackend>? backends, Problems problems)
    {
        if (backends is null || backends.IsEmpty)
        {
            problems.Add("backends", "give at least one backend Service (the stable one).");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < backends.Count; i++)
        {
            var b = backends[i];
            problems.Check($"backends[{i}].service", Check.ServiceName(b.Service));
            RouteParts.Port(b.Port, problems, $"backends[{i}].port");
            if (b.Namespace is not null)
            {
                problems.Check($"backends[{i}].namespace", Check.Label(b.Namespace, "namespace"));
            }

            if (b.Weight < 0)
            {
                problems.Add($"backends[{i}].weight", $"must be 0 or more (got {b.Weight}); weights are relative, 0 sends no traffic.");
            }
            else
            {
                total += b.Weight;
            }

            if (b.Service is not null && !names.Add(b.Service))
            {
                problems.Add($"backends[{i}].service", $"{Check.Show(b.Service)} is listed twice; give each backend once.");
            }
        }

        if (total == 0 && backends.All(b => b.Weight >= 0))
        {
            problems.Add("backends", "the weights add up to 0, so no backend would receive traffic; give at least one backend a weight above 0.");
        }
    }

    private static void SetWeighted(ManifestEditor editor, string ns, string routeName, ImmutableList<WeightedBackend> backends, string path)
    {
        var wrrName = TraefikServiceName(routeName);
        var existing = editor.Replaceable<TraefikService>(TraefikApi.TraefikServiceKind, ns, wrrName, path);
        var services = backends.Select(b => MergeBackend(b, existing, ns)).ToImmutableList();
        if (existing is not null && !SameWeights(existing.Spec.Weighted?.Services, services))
        {
            TrafficControllers.RefuseWeightChange(editor.Current, existing.Key, path);
        }

        editor.CreateOrReplace<TraefikService>(TraefikApi.TraefikServiceKind, ns, wrrName, path, routeName, (old, metadata) => new TraefikService
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.TraefikServiceKind,
            Metadata = metadata,
            Spec = (old?.Spec ?? new TraefikServiceSpec()) with
            {
                Weighted = (old?.Spec.Weighted ?? new WeightedSpec()) with { Services = services },
                Mirroring = null,
            },
        });
    }

    /// <summary>
    /// The backend as a weighted service; when the replaced TraefikService already had the same Service, every
    /// option of that reference (stickiness, transport, pass-host-header, strategy, health check, fields this
    /// library does not model) is kept, so re-creating a route never drops what users were served with.
    /// </summary>
    private static ServiceReference MergeBackend(WeightedBackend backend, TraefikService? existing, string ns)
    {
        var previous = existing?.Spec.Weighted?.Services?.FirstOrDefault(s => s.Name == backend.Service && !s.IsTraefikService()
            && (string.IsNullOrEmpty(s.Namespace) ? ns : s.Namespace) == (backend.Namespace ?? ns));
        return previous is null
            ? new ServiceReference { Name = backend.Service, Namespace = backend.Namespace, Port = backend.Port, Weight = backend.Weight }
            : previous with { Name = backend.Service, Namespace = backend.Namespace, Port = backend.Port, Weight = backend.Weight };
    }

    /// <summary>True when two lists of weighted services give every backend the same weight (absent counts as 1).</summary>
    private static bool SameWeights(IReadOnlyList<ServiceReference>? before, IReadOnlyList<ServiceReference> after) =>
        before is not null && before.Select(s => (s.Name, s.Namespace, s.Weight ?? 1)).SequenceEqual(after.Select(s => (s.Name, s.Namespace, s.Weight ?? 1)));

    private static void WarnCrossNamespace(ManifestEditor editor, IEnumerable<string?> namespaces, string routeNamespace)
    {
        if (namespaces.Any(n => n is not null && n != routeNamespace))
        {
            editor.Warn("A backend lives in another namespace than the route: Traefik ignores it unless its Kubernetes CRD provider runs with allowCrossNamespace=true.");
        }
    }
}

/// <summary>What a route deletion removed.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="RouteName">The route name.</param>
/// <param name="Deleted">The objects deleted.</param>
public sealed record RouteDeletion(string Namespace, string RouteName, ImmutableList<ObjectKey> Deleted);
