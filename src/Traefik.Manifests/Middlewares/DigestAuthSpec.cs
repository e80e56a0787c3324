using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>digestAuth</c>: HTTP Digest authentication against users stored in a Secret.</summary>
public sealed record DigestAuthSpec : JsonRecord
{
    /// <summary>Name of a Secret in the Middleware's namespace whose single key holds <c>user:realm:md5hash</c> lines.</summary>
    public string? Secret { get; init; }

    /// <summary>The realm sent in the challenge.</summary>
    /// <value>Traefik's default is <c>traefik</c>.</value>
    public string? Realm { get; init; }

    /// <summary>Remove the <c>Authorization</c> header before forwarding.</summary>
    /// <value>Traefik's default is false.</value>
    public bool? RemoveHeader { get; init; }

    /// <summary>Header that receives the authenticated user name for the backend.</summary>
    public string? HeaderField { get; init; }
}
