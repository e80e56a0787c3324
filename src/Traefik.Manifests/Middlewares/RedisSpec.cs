using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>The Redis a distributed <c>rateLimit</c> keeps its counters in (Traefik 3.4+).</summary>
public sealed record RedisSpec : JsonRecord
{
    /// <summary>Redis endpoints as <c>host:port</c>.</summary>
    /// <value>Traefik's default is <c>[localhost:6379]</c>.</value>
    public ImmutableList<string>? Endpoints { get; init; }

    /// <summary>Secret (in the Middleware's namespace) holding <c>username</c> and <c>password</c>.</summary>
    public string? Secret { get; init; }

    /// <summary>TLS for the Redis connection.</summary>
    public ClientTlsSpec? Tls { get; init; }

    /// <summary>Redis database number.</summary>
    public int? Db { get; init; }

    /// <summary>Connection pool size.</summary>
    public int? PoolSize { get; init; }

    /// <summary>Minimum idle connections.</summary>
    public int? MinIdleConns { get; init; }

    /// <summary>Maximum active connections.</summary>
    public int? MaxActiveConns { get; init; }

    /// <summary>Read timeout.</summary>
    /// <value>Traefik's default is 3s.</value>
    public IntOrString? ReadTimeout { get; init; }

    /// <summary>Write timeout.</summary>
    /// <value>Traefik's default is 3s.</value>
    public IntOrString? WriteTimeout { get; init; }

    /// <summary>Dial timeout.</summary>
    /// <value>Traefik's default is 5s.</value>
    public IntOrString? DialTimeout { get; init; }
}
