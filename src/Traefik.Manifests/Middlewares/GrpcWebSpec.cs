using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>grpcWeb</c>: translates gRPC-Web requests to gRPC for the backend.</summary>
public sealed record GrpcWebSpec : JsonRecord
{
    /// <summary>Allowed origins (<c>*</c> allows any).</summary>
    public ImmutableList<string>? AllowOrigins { get; init; }
}
