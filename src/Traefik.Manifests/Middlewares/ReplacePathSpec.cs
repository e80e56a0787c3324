using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>replacePath</c>: replaces the request path (the original goes in <c>X-Replaced-Path</c>).</summary>
public sealed record ReplacePathSpec : JsonRecord
{
    /// <summary>The new path.</summary>
    public string? Path { get; init; }
}
