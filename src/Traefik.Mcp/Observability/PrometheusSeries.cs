using System.Collections.Immutable;

namespace Traefik.Mcp.Observability;

/// <summary>One series of a Prometheus result: its labels and its points (one for an instant query).</summary>
/// <param name="Labels">The series' labels.</param>
/// <param name="Points">Its samples, oldest first; values may be NaN.</param>
public sealed record PrometheusSeries(ImmutableDictionary<string, string> Labels, ImmutableList<PrometheusPoint> Points)
{
    /// <summary>A label's value, or the empty string.</summary>
    public string Label(string name) => Labels.GetValueOrDefault(name, string.Empty);

    /// <summary>The last point's value (the only one for an instant query); NaN when there is none.</summary>
    public double Value => Points.Count == 0 ? double.NaN : Points[^1].Value;
}

/// <summary>One sample.</summary>
/// <param name="Time">When.</param>
/// <param name="Value">The value (NaN, +Inf and -Inf as Prometheus sends them).</param>
public readonly record struct PrometheusPoint(DateTimeOffset Time, double Value);
