using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>Middlewares to attach to, or detach from, the rules of an IngressRoute (<see cref="RouteMiddlewares"/>).</summary>
public sealed record RouteMiddlewaresIntent
{
    /// <summary>The middlewares, in the order they should apply: <c>name</c> (the route's namespace), <c>namespace/name</c> or <c>name@provider</c>.</summary>
    public required ImmutableList<string> Middlewares { get; init; }

    /// <summary>One rule index (into <c>spec.routes</c>); null means every rule.</summary>
    public int? RuleIndex { get; init; }
}
