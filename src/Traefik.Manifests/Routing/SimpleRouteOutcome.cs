using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Routing;

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
