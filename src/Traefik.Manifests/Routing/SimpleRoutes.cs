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
    /// <exception cref="ManifestException">The spec is not valid, or the IngressRoute belongs to a weighted route.</exception>
    public static OperationResult<SimpleRouteOutcome> Upsert(ManifestSet current, SimpleRouteSpec spec)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new Problems();
        RouteParts.RouteName(spec.Name, problems);
        RouteParts.Namespace(spec.Namespace, problems);
        var entryPoints = RouteParts.EntryPoints(spec.EntryPoints, spec.Tls is not null, problems);
        var tls = RouteParts.Tls(spec.Tls, spec.Namespace, problems);
        var rules = ImmutableList.CreateBuilder<RouteRule>();
        if (spec.Rules is null || spec.Rules.IsEmpty)
        {
            problems.Add("rules", "give at least one rule with a match and a service.");
        }

        for (var i = 0; i < (spec.Rules?.Count ?? 0); i++)
        {
            var rule = BuildRule(spec.Rules![i], spec.Namespace, current, problems, $"rules[{i}]");
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }

        problems.ThrowIfAny($"The route {spec.Name} is not valid.");
        RefuseWeightedOwned(current, spec.Namespace, spec.Name, "replace");
        var editor = new ManifestEditor(current);
        var existing = editor.Replaceable<IngressRoute>(TraefikApi.IngressRouteKind, spec.Namespace, spec.Name, "name");
        var written = editor.CreateOrReplace<IngressRoute>(TraefikApi.IngressRouteKind, spec.Namespace, spec.Name, "name", spec.Name, (old, metadata) => new IngressRoute
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.IngressRouteKind,
            Metadata = metadata,
            Spec = new IngressRouteSpec
            {
                IngressClassName = old?.Spec.IngressClassName,
                EntryPoints = entryPoints,
                Routes = rules.Select(r => KeepServiceSettings(r, old, spec.Namespace)).ToImmutableList(),
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
        RouteParts.RouteName(routeName, problems, "routeName");
        RouteParts.Namespace(@namespace, problems);
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
            RouteParts.Port(s.Port, problems, sp + ".port");
            if (s.Weight is < 0)
            {
                problems.Add(sp + ".weight", "must be 0 or more.");
            }

            if (s.Namespace is not null)
            {
                problems.Check(sp + ".namespace", Check.Label(s.Namespace, "namespace"));
            }

            services.Add(new ServiceReference { Name = s.Name, Port = s.Port, Weight = s.Weight, Namespace = s.Namespace == ns ? null : s.Namespace });
        }

        var middlewares = RouteParts.Middlewares(rule.Middlewares, ns, objects, problems, path + ".middlewares");
        RouteParts.Priority(rule.Priority, problems, path + ".priority");
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

/// <summary>The state of a simple route after an operation.</summary>
public sealed record SimpleRouteOutcome
{
    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The IngressRoute name.</summary>
    public required string RouteName { get; init; }

    /// <summary>True when the IngressRoute was new.</summary>
    public required bool Created { get; init; }

    /// <summary>Entry points.</summary>
    public required ImmutableList<string> EntryPoints { get; init; }

    /// <summary>True when TLS is on.</summary>
    public required bool Tls { get; init; }

    /// <summary>Each rule's normalised match and its Services.</summary>
    public required ImmutableList<SimpleRuleOutcome> Rules { get; init; }

    internal static SimpleRouteOutcome From(IngressRoute route, bool created) => new()
    {
        Namespace = route.Namespace,
        RouteName = route.Name,
        Created = created,
        EntryPoints = route.Spec.EntryPoints ?? [],
        Tls = route.Spec.Tls is not null,
        Rules = route.Spec.Routes.Select(r => new SimpleRuleOutcome(
            r.Match,
            (r.Services ?? []).Select(s => $"{s.Name}:{s.Port}").ToImmutableList(),
            (r.Middlewares ?? []).Select(m => MiddlewareReferences.Format(m, route.Namespace)).ToImmutableList())).ToImmutableList(),
    };
}

/// <summary>One rule of a simple route.</summary>
/// <param name="Match">The normalised rule.</param>
/// <param name="Services">The Services as <c>name:port</c>.</param>
/// <param name="Middlewares">The middlewares, in order.</param>
public sealed record SimpleRuleOutcome(string Match, ImmutableList<string> Services, ImmutableList<string> Middlewares);
