using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>One rule of a simple route.</summary>
/// <param name="Match">The normalised rule.</param>
/// <param name="Services">The Services as <c>name:port</c>.</param>
/// <param name="Middlewares">The middlewares, in order.</param>
public sealed record SimpleRuleOutcome(string Match, ImmutableList<string> Services, ImmutableList<string> Middlewares);
