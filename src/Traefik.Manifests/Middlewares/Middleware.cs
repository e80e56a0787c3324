using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>A Traefik HTTP <c>Middleware</c>.</summary>
public sealed record Middleware : KubernetesObject
{
    /// <summary>The middleware spec: exactly one middleware type is set.</summary>
    [JsonPropertyOrder(-1)]
    public required MiddlewareSpec Spec { get; init; }
}
