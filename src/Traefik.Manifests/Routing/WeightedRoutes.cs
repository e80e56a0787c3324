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
    /// services are rewritten from <paramref name="intent"/>. Every option already set on a backend of the
    /// same Service (stickiness, transport, pass-host-header, strategy, health check…) is kept. A TLS route
    /// goes on <c>websecure</c>; naming the plain-HTTP entry point <c>web</c> with TLS is refused.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace of the route and its TraefikService.</param>
    /// <param name="routeName">The route name (a DNS-1123 label of at most 56 characters): IngressRoute <c>{routeName}</c>, TraefikService <c>{routeName}-wrr</c>.</param>
    /// <param name="intent">What the route matches and where it sends traffic.</param>
    /// <exception cref="ManifestException">
    /// The intent is not valid (every problem is listed), an object of the same name was not written by this library
    /// (another apiVersion), or a progressive delivery controller owns the weights of <c>{route}-wrr</c>.
    /// </exception>
    public static OperationResult<WeightedRouteOutcome> Upsert(ManifestSet current, string @namespace, string routeName, WeightedRouteIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems);
        RouteRules.Namespace(@namespace, problems);
        var rule = intent.Match is null ? null : intent.Match.Build(problems, "match");
        if (intent.Match is null)
        {
            problems.Add("match", "is required: at least a host name.");
        }

        var entryPoints = RouteRules.EntryPoints(intent.EntryPoints, intent.Tls is not null, problems);
        var tls = RouteRules.Tls(intent.Tls, @namespace, problems);
        var middlewares = RouteRules.Middlewares(intent.Middlewares, @namespace, current, problems);
        RouteRules.Priority(intent.Priority, problems);
        ValidateBackends(intent.Backends, problems);
        problems.ThrowIfAny($"The weighted route {routeName} is not valid.");

        var editor = new ManifestEditor(current);
        var wrrName = TraefikServiceName(routeName);
        var existingRoute = editor.Replaceable<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName, "name");
        if (existingRoute is not null && PointsAt(existingRoute, MirrorServiceName(routeName)))
        {
            editor.Warn($"IngressRoute {routeName} pointed at {MirrorServiceName(routeName)}; it now points at {wrrName}, so shadow traffic stops. Enable mirroring with attach-to-ingress again to resume it, or disable it to delete the mirror.");
        }

        SetWeighted(editor, @namespace, routeName, intent.Backends, "backends");
        editor.CreateOrReplace<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName, "name", routeName, (_, metadata) => new IngressRoute
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
                        Priority = intent.Priority,
                        Middlewares = middlewares,
                        Services = [new ServiceReference { Kind = TraefikApi.TraefikServiceKind, Name = wrrName }],
                    },
                ],
                Tls = tls,
            },
        });
        WarnCrossNamespace(editor, intent.Backends.Select(b => b.Namespace), @namespace);
        var allowed = ChangeAllowance.RoutersOf(new ObjectKey(TraefikApi.IngressRouteKind, @namespace, routeName))
            .And(ChangeAllowance.RoutersReaching(new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, wrrName), RouterProperty.Shares | RouterProperty.NewBackends));
        return editor.Result(Outcome(editor.Current, @namespace, routeName), allowed);
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
    public static OperationResult<WeightedRouteOutcome> EnsureBackend(ManifestSet current, string @namespace, string routeName, WeightedBackendsIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var backends = intent.Backends;
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems, "routeName");
        RouteRules.Namespace(@namespace, problems);
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
    /// Sets backend weights by role (<see cref="WeightsIntent.Stable"/>, <see cref="WeightsIntent.Canary"/>) and by
    /// Service name (<see cref="WeightsIntent.Weights"/>). Backends not named keep their weight; a Service that is not a
    /// backend yet is added (so a canary can be added to a single-backend route). Nothing else changes. A role without a
    /// Service is resolved as <see cref="WeightsIntent"/> says, never by position alone when that is ambiguous.
    /// </summary>
    /// <exception cref="ManifestException">
    /// The route's TraefikService does not exist, the weights are not valid, a role cannot be resolved, or a progressive
    /// delivery controller (an Argo Rollouts Rollout or a Flagger Canary in the set) owns the weights.
    /// </exception>
    public static OperationResult<WeightedRouteOutcome> UpdateWeights(ManifestSet current, string @namespace, string routeName, WeightsIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var weights = intent.Weights ?? [];
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems, "routeName");
        RouteRules.Namespace(@namespace, problems);
        if (intent.Stable is null && intent.Canary is null && weights.Count == 0)
        {
            problems.Add("weights", "give at least one backend weight.");
        }

        CheckWeight(intent.Stable, "stable", problems);
        CheckWeight(intent.Canary, "canary", problems);
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i].Service is null)
            {
                problems.Add($"weights[{i}].service", "is required: the Kubernetes Service whose weight changes.");
            }

            CheckWeight(weights[i], $"weights[{i}]", problems);
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

        var resolved = Resolve(intent, weights, services, routeName, problems);
        problems.ThrowIfAny($"The weights for route {routeName} are not valid.");
        var weightPath = resolved.Count == 0 ? "weights" : resolved[0].Path.StartsWith("weights", StringComparison.Ordinal) ? "weights" : resolved[0].Path + ".weight";
        var updated = services;
        foreach (var (w, _) in resolved)
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
                    Name = w.Service!,
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
                [new ManifestProblem(weightPath, "the weights add up to 0, so no backend would receive traffic; give at least one backend a weight above 0.")]);
        }

        if (!SameWeights(services, updated))
        {
            TrafficControllers.RefuseWeightChange(current, wrr.Key, weightPath);
        }

        var editor = new ManifestEditor(current);
        editor.Set(wrr with { Spec = wrr.Spec with { Weighted = wrr.Spec.Weighted with { Services = updated } } });
        WarnCrossNamespace(editor, resolved.Select(w => w.Weight.Namespace), @namespace);
        return editor.Result(
            Outcome(editor.Current, @namespace, routeName),
            ChangeAllowance.RoutersReaching(wrr.Key, RouterProperty.Shares | RouterProperty.NewBackends, resolved.Select(w => $"{w.Weight.Namespace ?? @namespace}/{w.Weight.Service}")));
    }

    /// <summary>
    /// The stable backend of a weighted TraefikService: the only backend named <c>*-stable</c>, else the first one
    /// listed (routes are created with the stable backend first); null when it has none.
    /// </summary>
    public static string? StableBackend(IReadOnlyList<ServiceReference> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var named = services.Where(s => s.Name.EndsWith(RoutingDefaults.StableSuffix, StringComparison.Ordinal)).ToList();
        return named.Count == 1 ? named[0].Name : services.FirstOrDefault()?.Name;
    }

    /// <summary>
    /// The canary of a weighted TraefikService whose stable backend is <paramref name="stable"/>: the only other backend
    /// named <c>*-canary</c>, else the only other backend; null when there is none or several could be it.
    /// </summary>
    public static string? CanaryBackend(IReadOnlyList<ServiceReference> services, string? stable)
    {
        ArgumentNullException.ThrowIfNull(services);
        var others = services.Where(s => s.Name != stable).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        var named = others.Where(n => n.EndsWith(RoutingDefaults.CanarySuffix, StringComparison.Ordinal)).ToList();
        return named.Count == 1 ? named[0] : others.Count == 1 ? others[0] : null;
    }

    private static void CheckWeight(BackendWeight? w, string path, Problems problems)
    {
        if (w is null)
        {
            return;
        }

        if (w.Service is not null)
        {
            problems.Check(path + ".service", Check.ServiceName(w.Service));
        }

        if (w.Weight < 0)
        {
            problems.Add(path + ".weight", $"must be 0 or more (got {w.Weight}); weights are relative, 0 sends no traffic.");
        }

        if (w.Port is { } port)
        {
            RouteRules.Port(port, problems, path + ".port");
        }

        if (w.Namespace is not null)
        {
            problems.Check(path + ".namespace", Check.Label(w.Namespace, "namespace"));
        }
    }

    /// <summary>Every weight with its Service: roles resolved in the TraefikService's backends, each Service once.</summary>
    private static List<(BackendWeight Weight, string Path)> Resolve(WeightsIntent intent, ImmutableList<BackendWeight> weights, ImmutableList<ServiceReference> services, string routeName, Problems problems)
    {
        var result = new List<(BackendWeight, string)>();
        var stable = intent.Stable?.Service ?? StableBackend(services);
        if (intent.Stable is { } s)
        {
            if (stable is null)
            {
                problems.Add("stable.service", $"{routeName} has no backends; give stable.service to add one.");
            }
            else
            {
                result.Add((s with { Service = stable }, "stable"));
            }
        }

        if (intent.Canary is { } c)
        {
            var canary = c.Service ?? CanaryBackend(services, stable);
            var others = services.Where(x => x.Name != stable).Select(x => x.Name).Distinct(StringComparer.Ordinal).ToList();
            if (canary is not null)
            {
                result.Add((c with { Service = canary }, "canary"));
            }
            else if (others.Count > 1)
            {
                problems.Add("canary.service", $"{routeName} has {others.Count} backends besides the stable {stable} ({string.Join(", ", others)}), and not one of them alone is named *{RoutingDefaults.CanarySuffix}; give canary.service to say which is the canary.");
            }
            else if (c.Weight > 0)
            {
                problems.Add("canary.service", $"{routeName} has a single backend; give canary.service to add a canary with weight {c.Weight}.");
            }
        }

        result.AddRange(weights.Select((w, i) => (w, $"weights[{i}]")));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (w, path) in result)
        {
            if (w.Service is { } name && !seen.Add(name))
            {
                problems.Add(path + ".service", $"{Check.Show(name)} is given twice; give each backend once.");
            }
        }

        return result;
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
        RouteRules.RouteName(routeName, problems, "routeName");
        RouteRules.Namespace(@namespace, problems);
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
            .Select(s => new BackendShare(s.Name, s.Namespace ?? ownerNamespace, s.Port?.ToString(), s.Weight ?? 1, RouteRules.Percent(Math.Max(0, s.Weight ?? 1), total)))
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
            RouteRules.Port(b.Port ?? RoutingDefaults.Port, problems, $"backends[{i}].port");
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
            ? new ServiceReference { Name = backend.Service, Namespace = backend.Namespace, Port = backend.Port ?? RoutingDefaults.Port, Weight = backend.Weight }
            : previous with { Name = backend.Service, Namespace = backend.Namespace, Port = backend.Port ?? RoutingDefaults.Port, Weight = backend.Weight };
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
