using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Observability;
using Traefik.Mcp.Hosting;
using Traefik.Mcp.Observability;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_check_anomalies: judges a route's live figures against their baseline and its canary against stable.</summary>
[McpServerToolType]
public sealed class CheckAnomaliesTool(RepositoryHost host, TrafficMetrics metrics)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_check_anomalies";

    /// <summary>Runs the check.</summary>
    [McpServerTool(Name = Name, Title = "Check Traffic Anomalies", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(AnomalyReportView))]
    [Description("Check a route's live traffic for anomalies in Prometheus: for each backend, the request rate, 5xx ratio and p99 latency of the last window against the mean and standard deviation of the baseline before it (flagged beyond sigma), and each canary or mirror against the stable backend in the same window. Every finding gives the values, the threshold and the PromQL. Reads only; changes nothing.")]
    public async Task<CallToolResult> Run(
        [Description("Route (IngressRoute) name.")] string route_name,
        [Description("Kubernetes namespace.")] string @namespace = "default",
        [Description("Threshold in standard deviations (0.5–10).")] double sigma = 2,
        [Description("The window judged, ending now: a duration like 5m (1m–6h).")] string window = TrafficMetrics.DefaultWindow,
        [Description("The period before the window that forms the baseline, a whole multiple of window (at least 4 windows), like 1h.")] string baseline = TrafficMetrics.DefaultBaseline,
        CancellationToken cancellationToken = default)
    {
        AnomalyReportView view;
        try
        {
            var state = host.Repository.ReadState();
            view = await metrics.CheckRouteAsync(state.Objects, @namespace, route_name, sigma, window, baseline, cancellationToken).ConfigureAwait(false);
            view = view with { UnreadableFiles = Resources.UnreadableFileView.Of(state.Unreadable) };
        }
        catch (ArgumentException e)
        {
            return ToolRunner.Error(e.Message);
        }

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = Text(view) }],
            StructuredContent = JsonSerializer.SerializeToElement(view, McpJsonContext.Default.AnomalyReportView),
        };
    }

    /// <summary>The readable report.</summary>
    internal static string Text(AnomalyReportView view)
    {
        var text = new StringBuilder();
        var subject = view.RouteName is null ? "every route" : $"{view.Namespace}/{view.RouteName}";
        foreach (var unreadable in view.UnreadableFiles ?? [])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Unreadable (what it defines is not checked): {unreadable.Path}{(unreadable.Line is { } line ? $", line {line}" : string.Empty)}: {unreadable.Reason}");
        }

        var settings = string.Create(CultureInfo.InvariantCulture, $"sigma {view.Sigma}, window {view.Window}, baseline {view.Baseline}");
        if (!view.Prometheus.Available)
        {
            text.Append(CultureInfo.InvariantCulture, $"Anomaly check for {subject}: no figures. {view.Prometheus.Reason}");
            return text.ToString();
        }

        var verdict = view.AnomalyCount == 0 ? "nothing looks off." : $"{view.AnomalyCount} anomal{(view.AnomalyCount == 1 ? "y" : "ies")}.";
        text.AppendLine(CultureInfo.InvariantCulture, $"Anomaly check for {subject} at {view.EvaluatedAt:u} ({settings}): {verdict}");
        foreach (var f in view.Findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {f.Severity.ToUpperInvariant()} {f.Message}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  PromQL: {f.Promql}");
        }

        foreach (var route in view.Routes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{route.Namespace}/{route.RouteName}:");
            foreach (var b in route.Backends)
            {
                var share = b.DesiredPercent is { } p ? string.Create(CultureInfo.InvariantCulture, $", {p}% desired") : string.Empty;
                var checks = string.Join("; ", b.Checks.Select(c => $"{Label(c.Metric)} {Value(c.Metric, c.Value)} {Status(c.Status)}"));
                text.AppendLine(CultureInfo.InvariantCulture, $"  {b.Service} ({b.Role}{share}): {b.Requests:0.##} requests; {checks}");
            }

            foreach (var note in route.Notes ?? [])
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  note: {note}");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Label(string metric) => metric switch
    {
        "error_ratio" => "5xx ratio",
        "latency_p99" => "p99",
        _ => "rate",
    };

    private static string Value(string metric, double? value) => value is not { } v
        ? "n/a"
        : metric switch
        {
            "error_ratio" => (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
            "latency_p99" => (v * 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms",
            _ => v.ToString("0.##", CultureInfo.InvariantCulture) + " req/s",
        };

    private static string Status(string status) => status switch
    {
        "normal" => "normal",
        "anomaly" => "ANOMALY",
        "no_data" => "(no data)",
        "too_little_traffic" => "(too little traffic to judge)",
        _ => "(baseline too short)",
    };
}
