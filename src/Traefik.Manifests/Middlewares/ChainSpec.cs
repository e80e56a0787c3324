using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>chain</c>: applies other middlewares in order, as one reusable middleware.</summary>
public sealed record ChainSpec : JsonRecord
{
    /// <summary>The middlewares, in the order they apply. A name containing <c>@</c> is a cross-provider reference.</summary>
    public ImmutableList<MiddlewareReference>? Middlewares { get; init; }
}
