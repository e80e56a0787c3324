using System.Collections.Immutable;

namespace Traefik.Manifests.Routing;

/// <summary>The middlewares of one IngressRoute rule after an operation.</summary>
/// <param name="Index">The rule's index in <c>spec.routes</c>.</param>
/// <param name="Match">The rule's match expression.</param>
/// <param name="Middlewares">The middlewares in the order Traefik applies them, written <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</param>
public sealed record RuleMiddlewares(int Index, string Match, ImmutableList<string> Middlewares);
