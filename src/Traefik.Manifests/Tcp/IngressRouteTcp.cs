using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>A Traefik <c>IngressRouteTCP</c>.</summary>
public sealed record IngressRouteTcp : KubernetesObject
{
    /// <summary>The route spec.</summary>
    [JsonPropertyOrder(-1)]
    public required IngressRouteTcpSpec Spec { get; init; }
}

/// <summary>The spec of an <see cref="IngressRouteTcp"/>.</summary>
public sealed record IngressRouteTcpSpec : JsonRecord
{
    /// <summary>Entry points.</summary>
    public ImmutableList<string>? EntryPoints { get; init; }
}

/// <summary>A Traefik <c>MiddlewareTCP</c>.</summary>
public sealed record MiddlewareTcp : KubernetesObject
{
    /// <summary>The middleware spec.</summary>
    [JsonPropertyOrder(-1)]
    public required MiddlewareTcpSpec Spec { get; init; }
}

/// <summary>The spec of a <see cref="MiddlewareTcp"/>.</summary>
public sealed record MiddlewareTcpSpec : JsonRecord
{
}
