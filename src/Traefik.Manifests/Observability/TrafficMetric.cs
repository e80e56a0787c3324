namespace Traefik.Manifests.Observability;

/// <summary>A figure anomaly detection watches.</summary>
public enum TrafficMetric
{
    /// <summary>Requests per second; unusual in either direction (a surge or a drop).</summary>
    RequestRate,

    /// <summary>Share of responses with a 5xx status (0–1); unusual only when higher.</summary>
    ErrorRatio,

    /// <summary>99th percentile latency in seconds, from the duration histogram; unusual only when higher.</summary>
    LatencyP99,
}
