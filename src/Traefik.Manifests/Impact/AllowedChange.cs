using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Impact;

/// <summary>One thing an intent was asked to change: some properties of some routers.</summary>
public sealed record AllowedChange
{
    /// <summary>Which routers: those of a route, or those reaching an object.</summary>
    public required RouterScope Scope { get; init; }

    /// <summary>The route (for <see cref="RouterScope.RoutersOf"/>) or the object reached (for <see cref="RouterScope.RoutersReaching"/>).</summary>
    public required ObjectKey Object { get; init; }

    /// <summary>The properties those routers may change.</summary>
    public required RouterProperty Properties { get; init; }

    /// <summary>
    /// When set, <see cref="RouterProperty.NewBackends"/> and <see cref="RouterProperty.Options"/> apply only to these
    /// Kubernetes Services, written <c>namespace/name</c>.
    /// </summary>
    public ImmutableSortedSet<string>? Services { get; init; }

    /// <summary>When set, <see cref="RouterProperty.Options"/> applies only to these option names (for example <c>sticky</c>).</summary>
    public ImmutableSortedSet<string>? OptionNames { get; init; }

    /// <summary>True when this grant is about the router of <paramref name="impact"/> (before or after the change).</summary>
    public bool Covers(RouterImpact impact)
    {
        ArgumentNullException.ThrowIfNull(impact);
        return Scope switch
        {
            RouterScope.RoutersOf => Object == impact.Route,
            _ => impact.Before?.Closure.Contains(Object) == true || impact.After?.Closure.Contains(Object) == true,
        };
    }

    /// <summary>True when the grant lets the backend <paramref name="service"/> (<c>namespace/name</c>) change.</summary>
    public bool CoversService(string service) => Services is null || Services.Contains(service);

    /// <summary>True when the grant lets the option <paramref name="name"/> change.</summary>
    public bool CoversOption(string name) => OptionNames is null || OptionNames.Contains(name);
}
