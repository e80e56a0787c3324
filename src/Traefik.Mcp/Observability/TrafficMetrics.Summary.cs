using Traefik.Manifests.Model;
using Traefik.Manifests.Observability;

namespace Traefik.Mcp.Observability;

public sealed partial class TrafficMetrics
{
    /// <summary><c>traefik://metrics/{namespace}/{service}/summary</c> for Kubernetes Service <paramref name="service"/>.</summary>
    public async Task<MetricsSummaryView> SummaryAsync(ManifestSet objects, string @namespace, string service, string? window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var span = ParseWindow(window);
        var w = PromDuration.Format(span);
        var backends = TrafficSeries.ForService(objects, @namespace, service);
        var labels = backends.Select(b => b.Label).Distinct(StringComparer.Ordinal).ToList();
        var fromRoutes = labels.Count > 0;
        var matcher = fromRoutes ? PromQl.Matcher(labels) : PromQl.PrefixMatcher(ServiceLabels.Normalize($"{@namespace}-{service}"));
        var byCode = PromQl.RequestsByCode(matcher, w);
        var quantiles = new[] { 0.5, 0.95, 0.99 }.Select(q => PromQl.Quantile(q, matcher, w).Replace("sum by (service, le)", "sum by (le)", StringComparison.Ordinal)).ToList();
        var summary = new MetricsSummaryView
        {
            Service = service,
            Namespace = @namespace,
            Window = w,
            Prometheus = Availability(null),
            Labels = fromRoutes ? labels : [matcher["service=~".Length..]],
            LabelSource = fromRoutes
                ? "routes in the repository (Traefik names a Service behind a TraefikService <namespace>-<service>-<port>@kubernetescrd, and a rule's only Service after the rule's router)"
                : "no route in the repository reaches this Service, so every Traefik service named <namespace>-<service>-<port>@kubernetescrd is matched",
            Queries = [byCode, .. quantiles],
        };

        var now = Now();
        try
        {
            var codesTask = QueryAsync(byCode, now, cancellationToken);
            var quantileTasks = quantiles.Select(q => QueryAsync(q, now, cancellationToken)).ToList();
            var codes = await codesTask.ConfigureAwait(false);
            var latencies = new List<double>();
            foreach (var task in quantileTasks)
            {
                var result = await task.ConfigureAwait(false);
                latencies.Add(result.Count == 0 ? double.NaN : result[0].Value);
            }

            Succeeded();
            var total = codes.Sum(s => Finite(s.Value));
            if (codes.Count == 0)
            {
                return summary with
                {
                    EvaluatedAt = now,
                    Notes = [$"Prometheus has no {PromQl.RequestsMetric} series for these labels in the {w} before {now:u}: Traefik has not reported traffic for this Service (no requests, or Traefik's metrics.prometheus.addServicesLabels is off, or Prometheus does not scrape Traefik)."],
                };
            }

            double Share(Func<string, bool> code) => total > 0 ? Math.Round(codes.Where(s => code(s.Label("code"))).Sum(s => Finite(s.Value)) * 100 / total, 3) : 0;
            return summary with
            {
                EvaluatedAt = now,
                Requests = Math.Round(total, 3),
                RequestRate = Math.Round(total / span.TotalSeconds, 4),
                Responses = total > 0
                    ? new StatusShares
                    {
                        Success2xx = Share(c => c.StartsWith('2') || c.StartsWith('1')),
                        Redirect3xx = Share(c => c.StartsWith('3')),
                        ClientError4xx = Share(c => c.StartsWith('4')),
                        ServerError5xx = Share(c => c.StartsWith('5')),
                    }
                    : null,
                Latency = total > 0
                    ? new LatencySummary { P50Seconds = Number(latencies[0]), P95Seconds = Number(latencies[1]), P99Seconds = Number(latencies[2]) }
                    : null,
                Notes = total > 0
                    ? ["request_rate is requests in the window divided by its length; response shares are percentages of those requests; latencies are Prometheus' histogram_quantile estimates from Traefik's duration buckets (coarse: the default buckets are 0.1, 0.3, 1.2 and 5 s)."]
                    : [$"No requests in the {w} before {now:u}: there is no latency or status breakdown to show."],
            };
        }
        catch (PrometheusException e)
        {
            return summary with { Prometheus = Availability(Failed(e)) };
        }
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static double? Number(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;
}
