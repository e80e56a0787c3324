using System.Collections.Immutable;
using System.Globalization;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Impact;

/// <summary>
/// What a change does to users: the effective routing model (<see cref="RoutingModel"/>) of every router the change
/// reaches, before and after, and the routers whose behaviour differs. Only routers that reach a changed object
/// are resolved, so the cost follows the size of the change, not of the repository.
/// </summary>
public static class TrafficImpact
{
    /// <summary>The routers whose effect on users differs between <paramref name="before"/> and <paramref name="after"/>, by router id.</summary>
    /// <param name="before">The objects before the change.</param>
    /// <param name="after">The objects after the change.</param>
    /// <param name="changes">The objects the change created, updated or deleted (only routers reaching them are compared).</param>
    public static ImmutableList<RouterImpact> Compute(ManifestSet before, ManifestSet after, IReadOnlyList<ObjectChange> changes)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return [];
        }

        var graph = before.Graph;
        var changed = changes.Select(c => c.Key).ToHashSet();
        var added = new Dictionary<ObjectKey, List<ObjectKey>>();
        foreach (var change in changes)
        {
            if (change.After is null)
            {
                continue;
            }

            foreach (var target in ReferenceGraph.Edges(change.After))
            {
                if (!added.TryGetValue(target, out var holders))
                {
                    holders = [];
                    added[target] = holders;
                }

                holders.Add(change.Key);
            }
        }

        IEnumerable<ObjectKey> HoldersAfter(ObjectKey key) =>
            graph.Holders(key).Where(h => !changed.Contains(h)).Concat(added.TryGetValue(key, out var more) ? more : []);

        var routes = new SortedSet<ObjectKey>();
        foreach (var key in changed)
        {
            routes.UnionWith(graph.RoutesReaching(key));
            routes.UnionWith(ReferenceGraph.RoutesReaching(key, HoldersAfter));
        }

        var result = ImmutableList.CreateBuilder<RouterImpact>();
        foreach (var route in routes)
        {
            var old = RoutingModel.RoutersOf(before, route);
            var now = RoutingModel.RoutersOf(after, route);
            for (var i = 0; i < Math.Max(old.Count, now.Count); i++)
            {
                var b = i < old.Count ? old[i] : null;
                var a = i < now.Count ? now[i] : null;
                if (b is not null && a is not null && Same(b, a))
                {
                    continue;
                }

                result.Add(new RouterImpact
                {
                    Router = RoutingModel.RouterId(route, i),
                    Route = route,
                    RuleIndex = i,
                    Match = (a ?? b)!.Match,
                    Change = b is null ? RouterChange.Created : a is null ? RouterChange.Removed : RouterChange.Updated,
                    Before = b,
                    After = a,
                    Differences = ImpactWords.Describe(b, a),
                });
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Every way the change goes beyond what was asked: a router property that changes without a grant in
    /// <paramref name="allowed"/>, and — whatever is allowed — a router that starts to fail, TLS put on the
    /// plain-HTTP entry point <c>web</c>, or weights changed on a TraefikService a progressive delivery controller
    /// owns. Each problem's path names the router and the property.
    /// </summary>
    /// <param name="before">The objects before the change.</param>
    /// <param name="changes">The objects the change created, updated or deleted.</param>
    /// <param name="impact">The impact computed by <see cref="Compute"/>.</param>
    /// <param name="allowed">What the intent was asked to change.</param>
    public static ImmutableList<ManifestProblem> Violations(ManifestSet before, IReadOnlyList<ObjectChange> changes, IReadOnlyList<RouterImpact> impact, ChangeAllowance allowed)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(impact);
        ArgumentNullException.ThrowIfNull(allowed);
        var problems = ImmutableList.CreateBuilder<ManifestProblem>();
        foreach (var change in changes.Where(c => c.Key.Kind == TraefikApi.TraefikServiceKind))
        {
            var owners = TrafficControllers.Of(before, change.Key);
            if (!owners.IsEmpty && !SameWeights(change.Before as TraefikService, change.After as TraefikService))
            {
                problems.Add(new ManifestProblem($"{change.Key} spec.weighted", TrafficControllers.Message(change.Key, owners)));
            }
        }

        foreach (var entry in impact)
        {
            Check(entry, allowed.Changes.Where(g => g.Covers(entry)).ToList(), problems);
        }

        return problems.ToImmutable();
    }

    /// <summary>True when two models of a router do the same for users.</summary>
    internal static bool Same(EffectiveRouter b, EffectiveRouter a) =>
        b.Match == a.Match && b.Priority == a.Priority
        && SameList(b.EntryPoints, a.EntryPoints)
        && SameTls(b.Tls, a.Tls)
        && b.Middlewares.Select(m => (m.Name, m.Fingerprint)).SequenceEqual(a.Middlewares.Select(m => (m.Name, m.Fingerprint)))
        && SameSet(b.Backends.Select(BackendText), a.Backends.Select(BackendText))
        && SameSet(b.Mirrors.Select(m => $"{m.Namespace}/{m.Service}:{m.Port}={m.Percent}"), a.Mirrors.Select(m => $"{m.Namespace}/{m.Service}:{m.Port}={m.Percent}"))
        && SameSet(b.Problems, a.Problems);

    internal static string Identity(EffectiveBackend b) => $"{b.Namespace}/{b.Service}:{b.Port}{(b.External ? "@" : string.Empty)}{(b.Fallback ? "~" : string.Empty)}";

    private static string BackendText(EffectiveBackend b) =>
        $"{Identity(b)}={b.Share.ToString(CultureInfo.InvariantCulture)}|{string.Join(",", b.Options.Select(o => o.Key + "=" + o.Value))}";

    private static bool SameList(ImmutableList<string>? b, ImmutableList<string>? a) =>
        b is null ? a is null : a is not null && b.SequenceEqual(a);

    private static bool SameSet(IEnumerable<string> b, IEnumerable<string> a) =>
        b.Order(StringComparer.Ordinal).SequenceEqual(a.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    internal static bool SameTls(RouterTls? b, RouterTls? a) =>
        b is null ? a is null : a is not null && b.ToString() == a.ToString();

    private static bool SameWeights(TraefikService? before, TraefikService? after)
    {
        var b = before?.Spec.Weighted?.Services;
        var a = after?.Spec.Weighted?.Services;
        if (b is null || a is null)
        {
            return b is null && a is null && before?.Spec.Mirroring == after?.Spec.Mirroring;
        }

        return b.Select(s => (s.Name, s.Namespace, s.Weight ?? 1)).SequenceEqual(a.Select(s => (s.Name, s.Namespace, s.Weight ?? 1)));
    }

    private static void Check(RouterImpact entry, List<AllowedChange> grants, ImmutableList<ManifestProblem>.Builder problems)
    {
        var granted = grants.Aggregate(RouterProperty.None, (p, g) => p | g.Properties);
        var where = entry.Router;
        void Refuse(string property, string message) => problems.Add(new ManifestProblem($"{where} {property}", message));
        var before = entry.Before;
        var after = entry.After;

        if (after is not null)
        {
            var failing = after.Problems.Where(p => before?.Problems.Contains(p) != true).ToList();
            foreach (var problem in failing)
            {
                Refuse("router", $"users of {entry.Match} would get errors: {problem}");
            }

            if (PlainTls(after) && (before is null || !PlainTls(before)))
            {
                Refuse("tls", $"TLS would be on the plain-HTTP entry point {Routing.RoutingDefaults.HttpEntryPoint}, where HTTPS clients never arrive; TLS routes go on {Routing.RoutingDefaults.HttpsEntryPoint}.");
            }

            if (failing.Count > 0)
            {
                // What else changes follows from the failure; naming it would only bury the cause.
                return;
            }
        }

        if (before is null || after is null)
        {
            if (!granted.HasFlag(RouterProperty.Existence))
            {
                Refuse("router", before is null
                    ? $"a router for {entry.Match} would be created, which this change was not asked to do."
                    : $"the router for {entry.Match} would be removed, which this change was not asked to do; users it serves would get 404.");
            }

            return;
        }

        if ((before.Match != after.Match || before.Priority != after.Priority) && !granted.HasFlag(RouterProperty.Match))
        {
            Refuse("match", $"the rule would change from {before.Match} (priority {Show(before.Priority)}) to {after.Match} (priority {Show(after.Priority)}), which this change was not asked to do.");
        }

        if (!SameList(before.EntryPoints, after.EntryPoints) && !granted.HasFlag(RouterProperty.EntryPoints))
        {
            Refuse("entry_points", $"the entry points would change from {ImpactWords.EntryPoints(before.EntryPoints)} to {ImpactWords.EntryPoints(after.EntryPoints)}, which this change was not asked to do.");
        }

        if (!SameTls(before.Tls, after.Tls) && !granted.HasFlag(RouterProperty.Tls))
        {
            Refuse("tls", $"TLS would change from {ImpactWords.Tls(before.Tls)} to {ImpactWords.Tls(after.Tls)}, which this change was not asked to do.");
        }

        if (!before.Middlewares.Select(m => (m.Name, m.Fingerprint)).SequenceEqual(after.Middlewares.Select(m => (m.Name, m.Fingerprint)))
            && !granted.HasFlag(RouterProperty.Middlewares))
        {
            Refuse("middlewares", $"the middlewares would change from {ImpactWords.Middlewares(before.Middlewares)} to {ImpactWords.Middlewares(after.Middlewares)}, which this change was not asked to do.");
        }

        if (!SameSet(before.Mirrors.Select(m => $"{m.Namespace}/{m.Service}:{m.Port}={m.Percent}"), after.Mirrors.Select(m => $"{m.Namespace}/{m.Service}:{m.Port}={m.Percent}"))
            && !granted.HasFlag(RouterProperty.Mirrors))
        {
            Refuse("mirrors", $"the copies would change ({ImpactWords.Copies(before, after, after.Route.Namespace)}), which this change was not asked to do.");
        }

        var known = before.Backends.Select(Identity).ToHashSet(StringComparer.Ordinal);
        foreach (var backend in after.Backends.Where(b => b.Share > 0 && !known.Contains(Identity(b))))
        {
            var service = $"{backend.Namespace}/{backend.Service}";
            if (!grants.Any(g => g.Properties.HasFlag(RouterProperty.NewBackends) && g.CoversService(service)))
            {
                var used = before.Backends.Where(b => b.Share > 0).Select(b => ImpactWords.Name(b, after.Route.Namespace)).ToList();
                Refuse($"backends[{backend.Service}]", $"{backend.Share.ToString("0.##", CultureInfo.InvariantCulture)}% of users would go to {service}, which this router did not use before ({(used.Count == 0 ? "it served no one" : "it used " + string.Join(", ", used))}); this change was not asked to send users to a new Service.");
            }
        }

        var oldShares = Shares(before);
        var newShares = Shares(after);
        if (!oldShares.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(newShares.OrderBy(p => p.Key, StringComparer.Ordinal)) && !granted.HasFlag(RouterProperty.Shares)
            && after.Backends.All(b => b.Share == 0 || known.Contains(Identity(b))))
        {
            Refuse("backends", $"the users' split would change ({ImpactWords.Users(before, after, after.Route.Namespace)}), which this change was not asked to do.");
        }

        foreach (var backend in after.Backends)
        {
            var previous = before.Backends.FirstOrDefault(b => Identity(b) == Identity(backend));
            if (previous is null || previous.Options.SequenceEqual(backend.Options))
            {
                continue;
            }

            var service = $"{backend.Namespace}/{backend.Service}";
            var keys = previous.Options.Keys.Union(backend.Options.Keys)
                .Where(k => previous.Options.GetValueOrDefault(k) != backend.Options.GetValueOrDefault(k))
                .Order(StringComparer.Ordinal)
                .ToList();
            var refused = keys.Where(k => !grants.Any(g => g.Properties.HasFlag(RouterProperty.Options) && g.CoversService(service) && g.CoversOption(k))).ToList();
            if (refused.Count > 0)
            {
                Refuse($"backends[{backend.Service}].options", $"{ImpactWords.Name(backend, after.Route.Namespace)} would be served with other options ({string.Join("; ", refused.Select(k => ImpactWords.Option(k, previous.Options.GetValueOrDefault(k), backend.Options.GetValueOrDefault(k))))}), which this change was not asked to do; users would lose what those options give them.");
            }
        }
    }

    private static Dictionary<string, decimal> Shares(EffectiveRouter router)
    {
        var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var b in router.Backends.Where(b => b.Share > 0))
        {
            var id = Identity(b);
            shares[id] = shares.GetValueOrDefault(id) + b.Share;
        }

        return shares;
    }

    private static bool PlainTls(EffectiveRouter router) =>
        router.Protocol == RouterProtocol.Http && router.Tls is not null && router.EntryPoints?.Contains(Routing.RoutingDefaults.HttpEntryPoint) == true;

    private static string Show(long? priority) => priority?.ToString(CultureInfo.InvariantCulture) ?? "default";
}
