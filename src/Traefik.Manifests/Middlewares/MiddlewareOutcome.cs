using System.Collections.Immutable;

namespace Traefik.Manifests.Middlewares;

/// <summary>What <see cref="HttpMiddlewares"/> did to one Middleware.</summary>
public sealed record MiddlewareOutcome
{
    /// <summary>The Middleware's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The Middleware's name.</summary>
    public required string Name { get; init; }

    /// <summary>What happened to it.</summary>
    public required MiddlewareChange Change { get; init; }

    /// <summary>The CRD key of the type written (or deleted), for example <c>rateLimit</c>.</summary>
    public required string? Type { get; init; }

    /// <summary>The type before the operation, when the Middleware existed.</summary>
    public string? PreviousType { get; init; }

    /// <summary>One line saying what the middleware does, for example <c>rateLimit: 100 requests per 1s, burst 200</c>.</summary>
    public required string Summary { get; init; }

    /// <summary>The places that reference this Middleware (routes, chains, services).</summary>
    public ImmutableList<MiddlewareReferrer> UsedBy { get; init; } = [];
}
