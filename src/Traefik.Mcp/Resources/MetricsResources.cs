using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Traefik.Mcp.Hosting;
using Traefik.Mcp.Observability;

namespace Traefik.Mcp.Resources;

/// <summary>Live figures from Prometheus for the Services and routes in the repository. Without Prometheus they say so and show no numbers.</summary>
[McpServerResourceType]
public sealed class MetricsResources(RepositoryHost host, TrafficMetrics metrics)
{
    /// <summary>URI template of a Service's metrics summary.</summary>
    public const string SummaryUri = "traefik://metrics/{namespace}/{service}/summary";

    /// <summary>URI of the Prometheus status.</summary>
    public const string StatusUri = "traefik://metrics/prometheus/status";

    /// <summary>URI of the anomalies detected now.</summary>
    public const string DetectedUri = "traefik://anomalies/detected";

    /// <summary>URI template of a namespace's anomaly history.</summary>
    public const string HistoryUri = "traefik://anomalies/history/{namespace}";

    /// <summary>Request rate, status shares and latency percentiles of one Kubernetes Service.</summary>
    [McpServerResource(UriTemplate = SummaryUri, Name = "metrics_service_summary", Title = "Service metrics summary", MimeType = "application/json")]
    [Description("Live figures of a Kubernetes Service from Traefik's Prometheus metrics over the last 5 minutes: request rate, share of 2xx/3xx/4xx/5xx responses, p50/p95/p99 latency, the Traefik service labels summed and the PromQL used. Says plainly when Prometheus is not configured or not reachable, and then shows no numbers.")]
    public async Task<string> Summary(
        [Description("Kubernetes namespace.")] string @namespace,
        [Description("Kubernetes Service name.")] string service,
        CancellationToken cancellationToken)
    {
        var state = host.Repository.ReadState();
        var view = await metrics.SummaryAsync(state.Objects, @namespace, service, null, cancellationToken).ConfigureAwait(false);
        view = view with { UnreadableFiles = UnreadableFileView.Of(state.Unreadable) };
        return ReadableJson.Serialize(view, McpJsonContext.Default.MetricsSummaryView);
    }

    /// <summary>Whether Prometheus is configured and reachable.</summary>
    [McpServerResource(UriTemplate = StatusUri, Name = "metrics_prometheus_status", Title = "Prometheus status", MimeType = "application/json")]
    [Description("Is Prometheus configured, is it reachable right now, its version, and the last error any query got.")]
    public async Task<string> Status(CancellationToken cancellationToken)
    {
        var view = await metrics.StatusAsync(cancellationToken).ConfigureAwait(false);
        return ReadableJson.Serialize(view, McpJsonContext.Default.PrometheusStatusView);
    }

    /// <summary>Anomalies on every route in the repository now.</summary>
    [McpServerResource(UriTemplate = DetectedUri, Name = "anomalies_detected", Title = "Traffic anomalies detected now", MimeType = "application/json")]
    [Description("Every route in the repository checked now, as traefik_check_anomalies does with its defaults (2 sigma, 5m window, 1h baseline): error ratio, p99 latency and request rate of each backend against its own baseline, and each canary or mirror against stable. Each finding says the values, the threshold and the PromQL.")]
    public async Task<string> Detected(CancellationToken cancellationToken)
    {
        var state = host.Repository.ReadState();
        var view = await metrics.DetectAsync(state.Objects, cancellationToken).ConfigureAwait(false);
        view = view with { UnreadableFiles = UnreadableFileView.Of(state.Unreadable) };
        return ReadableJson.Serialize(view, McpJsonContext.Default.AnomalyReportView);
    }

    /// <summary>Anomalous periods over the last hours in one namespace.</summary>
    [McpServerResource(UriTemplate = HistoryUri, Name = "anomalies_history", Title = "Traffic anomaly history", MimeType = "application/json")]
    [Description("Anomalous periods of the last 6 hours for the routes of a namespace, computed from Prometheus' history (every 5 minute window judged against the hour before it); nothing is stored locally.")]
    public async Task<string> History(
        [Description("Kubernetes namespace.")] string @namespace,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(@namespace))
        {
            throw new McpException("The namespace in traefik://anomalies/history/{namespace} is empty.");
        }

        var state = host.Repository.ReadState();
        var view = await metrics.HistoryAsync(state.Objects, @namespace, cancellationToken).ConfigureAwait(false);
        view = view with { UnreadableFiles = UnreadableFileView.Of(state.Unreadable) };
        return ReadableJson.Serialize(view, McpJsonContext.Default.AnomalyHistoryView);
    }
}
