namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// A service's traffic over one step of a <see cref="TrafficScenario"/> (the load given for instant t describes the
/// requests counted between the previous sample and t).
/// </summary>
/// <param name="RequestsPerSecond">Requests per second, before the scenario's ±3% wobble; ≥ 0.</param>
/// <param name="ServerErrorRatio">Share answered 500 (0–1).</param>
/// <param name="ClientErrorRatio">Share answered 404 (0–1); the rest are 200s.</param>
/// <param name="Latency">How long they take (the same profile for every status code).</param>
public sealed record ServiceLoad(double RequestsPerSecond, double ServerErrorRatio, double ClientErrorRatio, LatencyProfile Latency)
{
    /// <summary>Why this load cannot be written, or null when it can.</summary>
    internal string? Problem =>
        !(RequestsPerSecond >= 0) || double.IsInfinity(RequestsPerSecond) ? $"RequestsPerSecond {RequestsPerSecond} must be a finite number ≥ 0"
        : !(ServerErrorRatio >= 0) || !(ClientErrorRatio >= 0) || ServerErrorRatio + ClientErrorRatio > 1 + 1e-12
            ? $"ServerErrorRatio {ServerErrorRatio} and ClientErrorRatio {ClientErrorRatio} must be ≥ 0 and add up to at most 1"
        : Latency is null ? "Latency is required"
        : null;
}
