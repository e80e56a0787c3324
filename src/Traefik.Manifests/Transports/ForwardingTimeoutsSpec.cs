using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>
/// Timeouts of requests forwarded to backend servers. Each is a Go duration (<c>5s</c>, <c>250ms</c>)
/// or an integer number of seconds.
/// </summary>
public sealed record ForwardingTimeoutsSpec : JsonRecord
{
    /// <summary>How long to wait for a connection to a backend. Traefik's default is 30s; 0 means no timeout.</summary>
    public IntOrString? DialTimeout { get; init; }

    /// <summary>How long to wait for response headers after the request is written. Traefik's default is 0 (no timeout).</summary>
    public IntOrString? ResponseHeaderTimeout { get; init; }

    /// <summary>How long an idle keep-alive connection stays open. Traefik's default is 90s.</summary>
    public IntOrString? IdleConnTimeout { get; init; }

    /// <summary>HTTP/2: send a health-check ping after this long without a frame. Traefik's default is 0 (disabled).</summary>
    public IntOrString? ReadIdleTimeout { get; init; }

    /// <summary>HTTP/2: close the connection when a ping gets no answer within this time. Traefik's default is 15s.</summary>
    public IntOrString? PingTimeout { get; init; }
}
