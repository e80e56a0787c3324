using System.Collections.Immutable;
using System.Globalization;

namespace Traefik.Manifests.Impact;

/// <summary>The differences between two models of a router, in the words a reviewer reads.</summary>
internal static class ImpactWords
{
    public static ImmutableList<string> Describe(EffectiveRouter? before, EffectiveRouter? after)
    {
        var words = ImmutableList.CreateBuilder<string>();
        if (after is null)
        {
            var served = before!.Backends.Where(b => b.Share > 0).Select(b => $"{Name(b, before.Route.Namespace)} {Percent(b.Share)}").ToList();
            words.Add($"router removed: requests it matched ({(served.Count == 0 ? "it served no one" : string.Join(", ", served))}) get 404 unless another router matches them");
            return words.ToImmutable();
        }

        var ns = after.Route.Namespace;
        if (before is null)
        {
            words.Add($"new router on {EntryPoints(after.EntryPoints)}, {Tls(after.Tls)}");
            words.Add("users: " + List(after.Backends, ns));
            if (!after.Mirrors.IsEmpty)
            {
                words.Add(Copies(null, after, ns));
            }

            if (!after.Middlewares.IsEmpty)
            {
                words.Add("middlewares: " + Middlewares(after.Middlewares));
            }

            foreach (var backend in after.Backends.Where(b => !b.Options.IsEmpty))
            {
                words.Add($"{Name(backend, ns)} served with {string.Join(", ", backend.Options.Select(o => $"{o.Key} {CanonicalJson.Show(o.Value)}"))}");
            }

            words.AddRange(after.Problems.Select(p => "users get errors: " + p));
            return words.ToImmutable();
        }

        words.Add(Users(before, after, ns));
        if (!MirrorsEqual(before, after))
        {
            words.Add(Copies(before, after, ns));
        }

        if (before.Match != after.Match)
        {
            words.Add($"rule {before.Match} → {after.Match}");
        }

        if (before.Priority != after.Priority)
        {
            words.Add($"priority {Priority(before.Priority)} → {Priority(after.Priority)}");
        }

        if (EntryPoints(before.EntryPoints) != EntryPoints(after.EntryPoints))
        {
            words.Add($"entry points {EntryPoints(before.EntryPoints)} → {EntryPoints(after.EntryPoints)}");
        }

        if (!TrafficImpact.SameTls(before.Tls, after.Tls))
        {
            words.Add($"{Tls(before.Tls)} → {Tls(after.Tls)}");
        }

        if (!before.Middlewares.Select(m => (m.Name, m.Fingerprint)).SequenceEqual(after.Middlewares.Select(m => (m.Name, m.Fingerprint))))
        {
            words.Add($"middlewares {Middlewares(before.Middlewares)} → {Middlewares(after.Middlewares)}");
        }

        foreach (var backend in after.Backends)
        {
            var previous = before.Backends.FirstOrDefault(b => TrafficImpact.Identity(b) == TrafficImpact.Identity(backend));
            if (previous is null || previous.Options.SequenceEqual(backend.Options))
            {
                continue;
            }

            var keys = previous.Options.Keys.Union(backend.Options.Keys)
                .Where(k => previous.Options.GetValueOrDefault(k) != backend.Options.GetValueOrDefault(k))
                .Order(StringComparer.Ordinal);
            words.Add($"{Name(backend, ns)}: {string.Join(", ", keys.Select(k => Option(k, previous.Options.GetValueOrDefault(k), backend.Options.GetValueOrDefault(k))))}");
        }

        words.AddRange(after.Problems.Where(p => !before.Problems.Contains(p)).Select(p => "users get errors: " + p));
        words.AddRange(before.Problems.Where(p => !after.Problems.Contains(p)).Select(p => "fixed: " + p));
        return words.ToImmutable();
    }

    /// <summary>The users' split before and after, for example <c>api-stable 95% → 90%, api-canary 5% → 10%</c>.</summary>
    public static string Users(EffectiveRouter before, EffectiveRouter after, string ns)
    {
        var ids = after.Backends.Concat(before.Backends).Select(TrafficImpact.Identity).Distinct(StringComparer.Ordinal).ToList();
        var old = Sum(before);
        var now = Sum(after);
        var names = Names(after.Backends.Concat(before.Backends), ns);
        if (ids.All(id => old.GetValueOrDefault(id) == now.GetValueOrDefault(id)))
        {
            var served = after.Backends.Where(b => b.Share > 0).Select(b => $"{names[TrafficImpact.Identity(b)]} {Percent(b.Share)}").Distinct().ToList();
            return $"users unchanged ({(served.Count == 0 ? "no backend serves them" : string.Join(", ", served))})";
        }

        return string.Join(", ", ids
            .Where(id => old.GetValueOrDefault(id) != now.GetValueOrDefault(id) || old.GetValueOrDefault(id) > 0)
            .Select(id => old.GetValueOrDefault(id) == now.GetValueOrDefault(id)
                ? $"{names[id]} {Percent(now[id])}"
                : $"{names[id]} {Percent(old.GetValueOrDefault(id))} → {Percent(now.GetValueOrDefault(id))}"));
    }

    /// <summary>The copies before and after, for example <c>20% copied to api-canary</c>.</summary>
    public static string Copies(EffectiveRouter? before, EffectiveRouter after, string ns)
    {
        var old = (before?.Mirrors ?? []).GroupBy(MirrorId).ToDictionary(g => g.Key, g => (g.First(), g.Sum(m => m.Percent)), StringComparer.Ordinal);
        var now = after.Mirrors.GroupBy(MirrorId).ToDictionary(g => g.Key, g => (g.First(), g.Sum(m => m.Percent)), StringComparer.Ordinal);
        var parts = new List<string>();
        foreach (var id in now.Keys.Concat(old.Keys).Distinct(StringComparer.Ordinal))
        {
            var had = old.TryGetValue(id, out var o);
            var has = now.TryGetValue(id, out var n);
            var name = MirrorName((has ? n : o).Item1, ns);
            if (!had)
            {
                parts.Add($"{Percent(n.Item2)} copied to {name}");
            }
            else if (!has)
            {
                parts.Add($"no more copies to {name} (was {Percent(o.Item2)})");
            }
            else if (o.Item2 != n.Item2)
            {
                parts.Add($"copies to {name} {Percent(o.Item2)} → {Percent(n.Item2)}");
            }
        }

        return parts.Count == 0 ? "copies unchanged" : string.Join(", ", parts);
    }

    public static string EntryPoints(ImmutableList<string>? entryPoints) =>
        entryPoints is null or { IsEmpty: true } ? "every default entry point" : string.Join(", ", entryPoints);

    public static string Tls(RouterTls? tls) => tls?.ToString() ?? "no TLS";

    public static string Middlewares(ImmutableList<RouterMiddleware> middlewares) =>
        middlewares.IsEmpty ? "(none)" : string.Join(", ", middlewares);

    public static string Name(EffectiveBackend backend, string ns) =>
        (backend.Namespace == ns || backend.External ? backend.Service : $"{backend.Namespace}/{backend.Service}") + (backend.Fallback ? " (fallback)" : string.Empty);

    public static string Option(string key, string? before, string? after) =>
        $"{key} {(before is null ? "(none)" : CanonicalJson.Show(before))} → {(after is null ? "(none)" : CanonicalJson.Show(after))}";

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string List(ImmutableList<EffectiveBackend> backends, string ns)
    {
        if (backends.IsEmpty)
        {
            return "no backend";
        }

        var names = Names(backends, ns);
        return string.Join(", ", backends.Select(b => $"{names[TrafficImpact.Identity(b)]} {Percent(b.Share)}").Distinct());
    }

    /// <summary>Display names by identity: the service, with its namespace when it is not the route's and its port when the same service appears on several.</summary>
    private static Dictionary<string, string> Names(IEnumerable<EffectiveBackend> backends, string ns)
    {
        var all = backends.ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var b in all)
        {
            var ports = all.Where(o => o.Service == b.Service && o.Namespace == b.Namespace).Select(o => o.Port).Distinct().Count();
            result[TrafficImpact.Identity(b)] = Name(b, ns) + (ports > 1 && b.Port is not null ? ":" + b.Port : string.Empty);
        }

        return result;
    }

    private static Dictionary<string, decimal> Sum(EffectiveRouter router)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var b in router.Backends)
        {
            var id = TrafficImpact.Identity(b);
            sums[id] = sums.GetValueOrDefault(id) + b.Share;
        }

        return sums;
    }

    private static bool MirrorsEqual(EffectiveRouter before, EffectiveRouter after) =>
        before.Mirrors.Select(m => MirrorId(m) + "=" + m.Percent.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)
            .SequenceEqual(after.Mirrors.Select(m => MirrorId(m) + "=" + m.Percent.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static string MirrorId(EffectiveMirror m) => $"{m.Namespace}/{m.Service}:{m.Port}";

    private static string MirrorName(EffectiveMirror m, string ns) => m.Namespace == ns ? m.Service : $"{m.Namespace}/{m.Service}";

    private static string Priority(long? priority) => priority?.ToString(CultureInfo.InvariantCulture) ?? "default";
}
