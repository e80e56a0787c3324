using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>compress</c>: compresses responses for clients that accept it.</summary>
public sealed record CompressSpec : JsonRecord
{
    /// <summary>Content types never compressed (<c>application/grpc</c> never is). Exclusive with <see cref="IncludedContentTypes"/>.</summary>
    public ImmutableList<string>? ExcludedContentTypes { get; init; }

    /// <summary>The only content types compressed. Exclusive with <see cref="ExcludedContentTypes"/>.</summary>
    public ImmutableList<string>? IncludedContentTypes { get; init; }

    /// <summary>Smallest response body compressed, in bytes.</summary>
    /// <value>Traefik's default is 1024.</value>
    public int? MinResponseBodyBytes { get; init; }

    /// <summary>Encodings offered, in order of preference: <c>gzip</c>, <c>br</c>, <c>zstd</c>.</summary>
    /// <value>Traefik's default is <c>[gzip, br, zstd]</c>.</value>
    public ImmutableList<string>? Encodings { get; init; }

    /// <summary>Encoding used when the client's <c>Accept-Encoding</c> names none.</summary>
    public string? DefaultEncoding { get; init; }
}
