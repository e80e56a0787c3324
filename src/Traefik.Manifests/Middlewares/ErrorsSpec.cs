using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>errors</c>: replaces error responses with a page fetched from another service.</summary>
public sealed record ErrorsSpec : JsonRecord
{
    /// <summary>Status codes or ranges that trigger the error page, for example <c>500-599</c> or <c>404,418</c>.</summary>
    public ImmutableList<string>? Status { get; init; }

    /// <summary>Status codes (or ranges) rewritten to another code, for example <c>"418": 404</c>.</summary>
    public ImmutableSortedDictionary<string, int>? StatusRewrites { get; init; }

    /// <summary>The service serving the error pages (needs <c>port</c> for a Kubernetes Service).</summary>
    public ServiceReference? Service { get; init; }

    /// <summary>The error page path, with <c>{status}</c>, <c>{originalStatus}</c> and <c>{url}</c> variables, which Traefik fills in.</summary>
    public string? Query { get; init; }

    /// <summary>Request headers forwarded to the error page service (Traefik 3.7.9+).</summary>
    public ImmutableList<string>? ErrorRequestHeaders { get; init; }
}
