using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>What <see cref="RouteMiddlewares"/> did to an IngressRoute.</summary>
public sealed record RouteMiddlewaresOutcome
{
    /// <summary>The IngressRoute's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The IngressRoute's name.</summary>
    public required string Route { get; init; }

    /// <summary>Indexes of the rules whose middleware list changed.</summary>
    public required ImmutableList<int> RulesUpdated { get; init; }

    /// <summary>Middlewares appended to at least one rule (attach).</summary>
    public ImmutableList<string> Added { get; init; } = [];

    /// <summary>Middlewares every targeted rule already had (attach).</summary>
    public ImmutableList<string> AlreadyPresent { get; init; } = [];

    /// <summary>Middlewares removed from at least one rule (detach).</summary>
    public ImmutableList<string> Removed { get; init; } = [];

    /// <summary>Middlewares no targeted rule had (detach).</summary>
    public ImmutableList<string> NotAttached { get; init; } = [];

    /// <summary>The resulting middleware list of every targeted rule, in Traefik's order.</summary>
    public required ImmutableList<RuleMiddlewares> Rules { get; init; }
}
