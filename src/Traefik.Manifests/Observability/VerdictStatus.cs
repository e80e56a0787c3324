namespace Traefik.Manifests.Observability;

/// <summary>The outcome of one check.</summary>
public enum VerdictStatus
{
    /// <summary>Within the threshold.</summary>
    Normal,

    /// <summary>Beyond the threshold.</summary>
    Anomaly,

    /// <summary>There is no value to judge (no requests, or no series).</summary>
    NoData,

    /// <summary>There were too few requests in the window for the figure to mean much.</summary>
    TooLittleTraffic,

    /// <summary>The baseline (or the backend compared with) has too little data to judge against.</summary>
    InsufficientBaseline,
}
