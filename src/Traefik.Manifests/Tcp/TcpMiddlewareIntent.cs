namespace Traefik.Manifests.Tcp;

/// <summary>A MiddlewareTCP to write (<see cref="TcpMiddlewares.Upsert"/>). Its name and namespace are the arguments of the operation.</summary>
public sealed record TcpMiddlewareIntent
{
    /// <summary>The spec: exactly one of <c>ipAllowList</c> or <c>inFlightConn</c>; it replaces the whole spec of an existing middleware.</summary>
    public required MiddlewareTcpSpec Spec { get; init; }
}
