using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>addPrefix</c>: prepends a path prefix to the request path before forwarding.</summary>
public sealed record AddPrefixSpec : JsonRecord
{
    /// <summary>The prefix to prepend; must start with <c>/</c> (a CEL rule of the CRD).</summary>
    public string? Prefix { get; init; }
}
