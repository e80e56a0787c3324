using System.Collections.Immutable;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Routing;

/// <summary>Simple routes: an IngressRoute whose rules point straight at Services.</summary>
public static class SimpleRoutes
{
    /// <summary>
    /// Creates the IngressRoute or replaces its whole spec (nothing stale survives: re-creating without
    /// TLS removes TLS). Labels and annotations of an existing object are kept.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace of the IngressRoute.</param>
    /// <param name="routeName">The IngressRoute name.</param>
    /// <param name="intent">The rules, entry points and TLS.</param>
    /// <exception cref="ManifestException">The intent is not valid, or the IngressRoute belongs to a weighted route.</exception>
    public static OperationResult<SimpleRouteOutcome> Upsert(ManifestSet current, string @namespace, string routeName, SimpleRouteIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems);
        RouteRules.Namespace(@namespace, problems);
        var entryPoints = RouteRules.EntryPoints(intent.EntryPoints, intent.Tls is not null, problems);
        var tls = RouteRules.Tls(intent.Tls, @namespace, problems);
        var rules = ImmutableList.CreateBuilder<RouteRule>();
        if (intent.Rules is null || intent.Rules.IsEmpty)
        {
            problems.Add("rules", "give at least one rule with a match and a service.");
        }

        for (var i = 0; i < (intent.Rules?.Count ?? 0); i++)
        {
            var rule = BuildRule(intent.Rules![i], @namespace, current, problems, $"rules[{i}]");
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }

        problems.ThrowIfAny($"The route {routeName} is not valid.");
        RefuseWeightedOwned(current, @namespace, routeName, "replace");
        var editor = new ManifestEditor(current);
        var existing = editor.Replaceable<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName, "name");
        var written = editor.CreateOrReplace<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName, "name", routeName, (old, metadata) => new IngressRoute
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.IngressRouteKind,
            Metadata = metadata,
            Spec = new IngressRouteSpec
            {
                IngressClassName = old?.Spec.IngressClassName,
                EntryPoints = entryPoints,
                Routes = rules.Select(r => KeepServiceSettings(r, old, @namespace)).ToImmutableList(),
                Tls = tls,
            },
        });
        return editor.Result(SimpleRouteOutcome.From(written, existing is null), ChangeAllowance.RoutersOf(written.Key));
    }

    /// <summary>Deletes a simple route's IngressRoute.</summary>
    /// <exception cref="ManifestException">It does not exist, or it belongs to a weighted route (deleting it would orphan <c>{route}-wrr</c>).</exception>
    public static OperationResult<RouteDeletion> Delete(ManifestSet current, string @namespace, string routeName)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems, "routeName");
        RouteRules.Namespace(@namespace, problems);
        problems.ThrowIfAny($"Cannot delete route {routeName}.");
        var key = new ObjectKey(TraefikApi.IngressRouteKind, @namespace, routeName);
        if (!current.Contains(key))
        {
            throw new ManifestException("routeName", $"IngressRoute {@namespace}/{routeName} does not exist.");
        }

        RefuseWeightedOwned(current, @namespace, routeName, "delete");
        var editor = new ManifestEditor(current);
        editor.Remove(key);
        return editor.Result(new RouteDeletion(@namespace, routeName, [key]), ChangeAllowance.RoutersOf(key));
    }

    private static RouteRule? BuildRule(SimpleRule rule, string ns, ManifestSet objects, Problems problems, string path)
    {
        var before = problems.Count;
        string? match = null;
        if (rule.Rule is not null && rule.Match is not null)
        {
            problems.Add(path + ".match", "give the rule either as text or in typed form, not both.");
        }
        else if (rule.Match is not null)
        {
            match = rule.Match.Build(problems, path + ".match");
        }
        else
        {
            match = RuleSyntax.Normalize(rule.Rule, problems, path + ".match");
        }

        var services = ImmutableList.CreateBuilder<ServiceReference>();
        if (rule.Services is null || rule.Services.IsEmpty)
        {
            problems.Add(path + ".services", "give at least one Service.");
        }

        for (var j = 0; j < (rule.Services?.Count ?? 0); j++)
        {
            var s = rule.Services![j];
            var sp = $"{path}.services[{j}]";
            problems.Check(sp + ".name", Check.ServiceName(s.Name));
            RouteRules.Port(s.Port ?? RoutingDefaults.Port, problems, sp + ".port");
            if (s.Weight is < 0)
            {
                problems.Add(sp + ".weight", "must be 0 or more.");
            }

            if (s.Namespace is not null)
            {
                problems.Check(sp + ".namespace", Check.Label(s.Namespace, "namespace"));
            }

            services.Add(new ServiceReference { Name = s.Name, Port = s.Port ?? RoutingDefaults.Port, Weight = s.Weight, Namespace = s.Namespace == ns ? null : s.Namespace });
        }

        var middlewares = RouteRules.Middlewares(rule.Middlewares, ns, objects, problems, path + ".middlewares");
        RouteRules.Priority(rule.Priority, problems, path + ".priority");
        return problems.Count != before
            ? null
            : new RouteRule { Kind = "Rule", Match = match!, Priority = rule.Priority, Middlewares = middlewares, Services = services.ToImmutable() };
    }

    /// <summary>
    /// Keeps every option already set on a reference to the same Service (stickiness and transport set by their
    /// operations, pass-host-header, strategy, health check, fields this library does not model), so re-creating a
    /// route does not silently drop what users are served with.
    /// </summary>
    private static RouteRule KeepServiceSettings(RouteRule rule, IngressRoute? existing, string ns)
    {
        if (existing is null || rule.Services is null)
        {
            return rule;
        }

        var previous = existing.Spec.Routes.SelectMany(r => r.Services ?? []).Where(s => !s.IsTraefikService()).ToList();
        return rule with
        {
            Services = rule.Services.Select(s => previous.FirstOrDefault(p => p.Name == s.Name && (p.Namespace ?? ns) == (s.Namespace ?? ns)) is { } p
                ? p with { Name = s.Name, Namespace = s.Namespace, Port = s.Port, Weight = s.Weight }
                : s).ToImmutableList(),
        };
    }

    private static void RefuseWeightedOwned(ManifestSet current, string ns, string routeName, string verb)
    {
        var route = current.Find<IngressRoute>(TraefikApi.IngressRouteKind, ns, routeName);
        if (route is null)
        {
            return;
        }

        foreach (var owned in new[] { WeightedRoutes.TraefikServiceName(routeName), WeightedRoutes.MirrorServiceName(routeName) })
        {
            if (WeightedRoutes.PointsAt(route, owned) && current.Contains(new ObjectKey(TraefikApi.TraefikServiceKind, ns, owned)))
            {
                throw new ManifestException(
                    "routeName",
                    $"IngressRoute {ns}/{routeName} belongs to a weighted route (it points at TraefikService {owned}); to {verb} it as a simple route would orphan {owned}. Use the weighted route operations instead.");
            }
        }
    }
}
