using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>retry</c>: resends a request to the backend when it fails.</summary>
public sealed record RetrySpec : JsonRecord
{
    /// <summary>How many times the request is tried in all (at least 1).</summary>
    public int? Attempts { get; init; }

    /// <summary>First wait before a retry; later waits grow exponentially. Absent or 0 means no wait.</summary>
    public IntOrString? InitialInterval { get; init; }

    /// <summary>Overall time allowed for all attempts (Traefik 3.7+).</summary>
    public IntOrString? Timeout { get; init; }

    /// <summary>Largest request body kept for replay, in bytes; -1 means no limit (Traefik 3.7+).</summary>
    /// <value>Traefik's default is 2097152 (2 MiB).</value>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>Response status codes or ranges that also trigger a retry, for example <c>502-504</c> (Traefik 3.7+).</summary>
    public ImmutableList<string>? Status { get; init; }

    /// <summary>Do not retry on network errors (Traefik 3.7+).</summary>
    public bool? DisableRetryOnNetworkError { get; init; }

    /// <summary>Also retry POST, PATCH and other non-idempotent methods (Traefik 3.7+).</summary>
    public bool? RetryNonIdempotentMethod { get; init; }
}
