using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>One rule of a simple route.</summary>
public sealed record SimpleRule
{
    /// <summary>
    /// The rule as text, validated and normalised by <see cref="RuleSyntax"/>. Give this or <see cref="Match"/>.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>The rule in typed form. Give this or <see cref="Rule"/>.</summary>
    public RouteMatch? Match { get; init; }

    /// <summary>The Services matching requests go to (two or more are balanced by weight).</summary>
    public required ImmutableList<SimpleService> Services { get; init; }

    /// <summary>Middlewares in order: <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</summary>
    public ImmutableList<string>? Middlewares { get; init; }

    /// <summary>Router priority.</summary>
    public long? Priority { get; init; }
}
