using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>buffering</c>: reads whole request and response bodies before passing them on.</summary>
public sealed record BufferingSpec : JsonRecord
{
    /// <summary>Largest request body accepted, in bytes; larger requests get 413.</summary>
    /// <value>Traefik's default is 0 (no maximum).</value>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>Request body size kept in memory before buffering to disk, in bytes.</summary>
    /// <value>Traefik's default is 1048576 (1 MiB).</value>
    public long? MemRequestBodyBytes { get; init; }

    /// <summary>Largest response body accepted, in bytes; larger responses become 500.</summary>
    /// <value>Traefik's default is 0 (no maximum).</value>
    public long? MaxResponseBodyBytes { get; init; }

    /// <summary>Response body size kept in memory before buffering to disk, in bytes.</summary>
    /// <value>Traefik's default is 1048576 (1 MiB).</value>
    public long? MemResponseBodyBytes { get; init; }

    /// <summary>
    /// When to replay the buffered request, with <c>Attempts()</c>, <c>ResponseCode()</c> and
    /// <c>IsNetworkError()</c>, for example <c>IsNetworkError() &amp;&amp; Attempts() &lt; 2</c>.
    /// </summary>
    public string? RetryExpression { get; init; }
}
