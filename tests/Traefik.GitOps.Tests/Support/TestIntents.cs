using System.Collections.Immutable;
using System.Globalization;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Tests.Support;

/// <summary>Small intents that edit objects directly, plus wrappers of the real routing operations.</summary>
public static class TestIntents
{
    /// <summary>Sets weights on the weighted services of a TraefikService, by service name.</summary>
    public static ITrafficIntent SetWeights(string ns, string traefikService, params (string Service, int Weight)[] weights) =>
        TrafficIntent.Create(
            $"Set weights of {ns}/{traefikService}: {string.Join(", ", weights.Select(w => $"{w.Service}={w.Weight}"))}",
            $"set-weights {ns}/{traefikService} {string.Join(",", weights.Select(w => w.Service + "=" + w.Weight.ToString(CultureInfo.InvariantCulture)))}",
            ns,
            traefikService,
            current =>
            {
                var existing = current.Find<TraefikService>(TraefikApi.TraefikServiceKind, ns, traefikService)
                    ?? throw new ManifestException($"TraefikService {ns}/{traefikService} does not exist.");
                var services = existing.Spec.Weighted!.Services!
                    .Select(s => weights.Any(w => w.Service == s.Name) ? s with { Weight = weights.First(w => w.Service == s.Name).Weight } : s)
                    .ToImmutableList();
                var updated = existing with { Spec = existing.Spec with { Weighted = existing.Spec.Weighted with { Services = services } } };
                return IntentResult.Compare(current, current.Set(updated), allowed: ChangeAllowance.RoutersReaching(existing.Key, RouterProperty.Shares));
            });

    /// <summary>Creates (or replaces) a weighted route with the real operation.</summary>
    public static ITrafficIntent CreateRoute(string ns, string name, string host, params (string Service, int Weight)[] backends) =>
        TrafficIntent.Create(
            $"Create weighted route {ns}/{name}",
            $"create-route {ns}/{name} {host} {string.Join(",", backends.Select(b => b.Service + "=" + b.Weight.ToString(CultureInfo.InvariantCulture)))}",
            ns,
            name,
            current => WeightedRoutes.Upsert(current, ns, name, new WeightedRouteIntent
            {
                Match = new RouteMatch { Host = host },
                Backends = [.. backends.Select(b => new WeightedBackend { Service = b.Service, Weight = b.Weight })],
            }));

    /// <summary>Updates weights with the real operation.</summary>
    public static ITrafficIntent UpdateWeights(string ns, string route, params (string Service, int Weight)[] weights) =>
        TrafficIntent.Create(
            $"Shift {ns}/{route} to {string.Join(", ", weights.Select(w => $"{w.Service} {w.Weight}"))}",
            $"update-weights {ns}/{route} {string.Join(",", weights.Select(w => w.Service + "=" + w.Weight.ToString(CultureInfo.InvariantCulture)))}",
            ns,
            route,
            current => WeightedRoutes.UpdateWeights(current, ns, route, new WeightsIntent { Weights = [.. weights.Select(w => new BackendWeight { Service = w.Service, Weight = w.Weight })] }));

    /// <summary>Deletes one object; the routers of a deleted route may go (nothing else may change for users).</summary>
    public static ITrafficIntent Delete(string kind, string ns, string name) =>
        TrafficIntent.Create(
            $"Delete {kind} {ns}/{name}",
            $"delete {kind} {ns}/{name}",
            ns,
            name,
            current => IntentResult.Compare(current, current.Remove(new ObjectKey(kind, ns, name)), allowed: ChangeAllowance.RoutersOf(new ObjectKey(kind, ns, name))));

    /// <summary>Replaces an object with a changed copy; every router that uses it (or that it defines) may change in any way asked.</summary>
    public static ITrafficIntent Edit<T>(string kind, string ns, string name, Func<T, T> change)
        where T : KubernetesObject =>
        TrafficIntent.Create(
            $"Edit {kind} {ns}/{name}",
            $"edit {kind} {ns}/{name} {change.Method.Name}",
            ns,
            name,
            current => IntentResult.Compare(
                current,
                current.Set(change(current.Find<T>(kind, ns, name) ?? throw new ManifestException($"{kind} {ns}/{name} does not exist."))),
                allowed: ChangeAllowance.RoutersOf(new ObjectKey(kind, ns, name)).And(ChangeAllowance.RoutersReaching(new ObjectKey(kind, ns, name), RouterProperty.All))));
}
