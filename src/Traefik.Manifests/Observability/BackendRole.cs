namespace Traefik.Manifests.Observability;

/// <summary>What a backend does with a route's traffic.</summary>
public enum BackendRole
{
    /// <summary>It answers users: it receives its share of the requests and its responses are returned.</summary>
    Serves,

    /// <summary>It receives copies of requests from a mirroring TraefikService; its responses are discarded.</summary>
    Mirror,
}
