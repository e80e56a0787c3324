using System.Collections.Immutable;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Routing;

/// <summary>
/// Attaches middlewares to and detaches them from the rules of an IngressRoute, to every rule or to one
/// rule index. Both are idempotent and keep the order of the list: Traefik applies middlewares in list
/// order, so attaching appends in the order given and never reorders what is there.
/// </summary>
public static class RouteMiddlewares
{
    /// <summary>
    /// Appends middlewares to the rules of an IngressRoute, skipping those a rule already has. Each
    /// middleware is <c>name</c> (the route's namespace), <c>namespace/name</c>, or <c>name@provider</c>.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The IngressRoute's namespace.</param>
    /// <param name="routeName">The IngressRoute's name.</param>
    /// <param name="intent">The middlewares to attach, in the order they should apply, and one rule index or null for every rule.</param>
    /// <returns>The new objects and, per targeted rule, the resulting middleware list.</returns>
    /// <exception cref="ManifestException">
    /// The route does not exist, the rule index is out of range, a reference is malformed, or a
    /// middleware exists nowhere in <paramref name="current"/> and is not a <c>name@provider</c> reference.
    /// </exception>
    public static OperationResult<RouteMiddlewaresOutcome> Attach(ManifestSet current, string @namespace, string routeName, RouteMiddlewaresIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var (route, targets, references) = Prepare(current, @namespace, routeName, intent.Middlewares ?? [], intent.RuleIndex, attach: true);
        var routes = route.Spec.Routes;
        var added = new List<string>();
        var updated = ImmutableList.CreateBuilder<int>();
        foreach (var index in targets)
        {
            var rule = routes[index];
            var list = rule.Middlewares ?? [];
            var changed = false;
            foreach (var (reference, text) in references)
            {
                if (list.Any(existing => MiddlewareReferences.SameTarget(existing, reference, route.Namespace)))
                {
                    continue;
                }

                list = list.Add(reference);
                changed = true;
                if (!added.Contains(text))
                {
                    added.Add(text);
                }
            }

            if (changed)
            {
                routes = routes.SetItem(index, rule with { Middlewares = list });
                updated.Add(index);
            }
        }

        return Finish(current, route, routes, targets, updated.ToImmutable(), o => o with
        {
            Added = [.. references.Select(r => r.Text).Where(added.Contains)],
            AlreadyPresent = [.. references.Select(r => r.Text).Where(t => !added.Contains(t))],
        });
    }

    /// <summary>
    /// Removes middlewares from the rules of an IngressRoute. A middleware a rule does not have is left
    /// alone (no error), so detaching is idempotent; middlewares need not exist any more to be detached.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The IngressRoute's namespace.</param>
    /// <param name="routeName">The IngressRoute's name.</param>
    /// <param name="intent">The middlewares to detach, and one rule index or null for every rule.</param>
    /// <returns>The new objects and, per targeted rule, the resulting middleware list.</returns>
    /// <exception cref="ManifestException">The route does not exist, the rule index is out of range, or a reference is malformed.</exception>
    public static OperationResult<RouteMiddlewaresOutcome> Detach(ManifestSet current, string @namespace, string routeName, RouteMiddlewaresIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var (route, targets, references) = Prepare(current, @namespace, routeName, intent.Middlewares ?? [], intent.RuleIndex, attach: false);
        var routes = route.Spec.Routes;
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var updated = ImmutableList.CreateBuilder<int>();
        foreach (var index in targets)
        {
            var rule = routes[index];
            if (rule.Middlewares is not { } list)
            {
                continue;
            }

            var kept = list;
            foreach (var (reference, text) in references)
            {
                var without = kept.RemoveAll(existing => MiddlewareReferences.SameTarget(existing, reference, route.Namespace));
                if (without.Count != kept.Count)
                {
                    removed.Add(text);
                    kept = without;
                }
            }

            if (kept.Count != list.Count)
            {
                routes = routes.SetItem(index, rule with { Middlewares = kept.IsEmpty ? null : kept });
                updated.Add(index);
            }
        }

        return Finish(current, route, routes, targets, updated.ToImmutable(), o => o with
        {
            Removed = [.. references.Select(r => r.Text).Where(removed.Contains)],
            NotAttached = [.. references.Select(r => r.Text).Where(t => !removed.Contains(t))],
        });
    }

    private static (IngressRoute Route, ImmutableList<int> Targets, List<(MiddlewareReference Reference, string Text)> References) Prepare(
        ManifestSet current, string @namespace, string routeName, IReadOnlyList<string> middlewares, int? ruleIndex, bool attach)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(middlewares);
        var verb = attach ? "attach middlewares to" : "detach middlewares from";
        var problems = new Problems();
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("routeName", Check.Subdomain(routeName, "IngressRoute name"));
        problems.ThrowIfAny($"Cannot {verb} IngressRoute {@namespace}/{routeName}.");

        var route = current.Find<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName);
        if (route is null)
        {
            var others = current.OfType<IngressRoute>().Where(r => r.Namespace == @namespace).Select(r => r.Name).ToList();
            throw new ManifestException("routeName", $"IngressRoute {@namespace}/{routeName} does not exist; "
                + (others.Count == 0 ? $"there are no IngressRoutes in {@namespace}." : $"IngressRoutes in {@namespace}: {string.Join(", ", others)}."));
        }

        var count = route.Spec.Routes.Count;
        if (ruleIndex is { } index && (index < 0 || index >= count))
        {
            problems.Add("ruleIndex", count == 0
                ? $"{index} is out of range: IngressRoute {@namespace}/{routeName} has no rules."
                : $"{index} is out of range: IngressRoute {@namespace}/{routeName} has {count} rule{(count == 1 ? string.Empty : "s")}, so use 0{(count == 1 ? string.Empty : $" to {count - 1}")}, or leave it out for every rule.");
        }

        if (middlewares.Count == 0)
        {
            problems.Add("middlewares", $"name at least one middleware to {(attach ? "attach" : "detach")}: name, namespace/name or name@provider.");
        }

        var references = new List<(MiddlewareReference, string)>();
        for (var i = 0; i < middlewares.Count; i++)
        {
            var path = $"middlewares[{i}]";
            var reference = MiddlewareReferences.Parse(middlewares[i], route.Namespace, problems, path);
            if (reference is null || references.Any(r => MiddlewareReferences.SameTarget(r.Item1, reference, route.Namespace)))
            {
                continue;
            }

            if (attach)
            {
                MiddlewareReferences.RequireExisting(current, reference, route.Namespace, problems, path);
            }

            references.Add((reference, MiddlewareReferences.Format(reference, route.Namespace)));
        }

        problems.ThrowIfAny($"Cannot {verb} IngressRoute {@namespace}/{routeName}.");
        var targets = ruleIndex is { } only ? ImmutableList.Create(only) : [.. Enumerable.Range(0, count)];
        return (route, targets, references);
    }

    private static OperationResult<RouteMiddlewaresOutcome> Finish(
        ManifestSet current, IngressRoute route, ImmutableList<RouteRule> routes, ImmutableList<int> targets, ImmutableList<int> updated, Func<RouteMiddlewaresOutcome, RouteMiddlewaresOutcome> complete)
    {
        var editor = new ManifestEditor(current);
        if (!updated.IsEmpty)
        {
            editor.Set(route with { Spec = route.Spec with { Routes = routes } });
        }

        var outcome = new RouteMiddlewaresOutcome
        {
            Namespace = route.Namespace,
            Route = route.Name,
            RulesUpdated = updated,
            Rules = [.. targets.Select(i => new RuleMiddlewares(i, routes[i].Match, [.. (routes[i].Middlewares ?? []).Select(m => MiddlewareReferences.Format(m, route.Namespace))]))],
        };
        return editor.Result(complete(outcome), ChangeAllowance.RoutersOf(route.Key, RouterProperty.Middlewares));
    }
}
