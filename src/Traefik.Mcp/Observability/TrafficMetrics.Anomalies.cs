using System.Globalization;
using Traefik.Manifests.Model;
using Traefik.Manifests.Observability;

namespace Traefik.Mcp.Observability;

public sealed partial class TrafficMetrics
{
    private const string Method =
        "Each backend's request rate, 5xx ratio and p99 latency in the last window are compared with the mean and standard deviation of the same figure over the baseline windows before it (the unit of distance never below a floor: 1 percentage point of errors, 10% of the mean rate or latency), and flagged beyond sigma units; error ratio and latency only upwards, the rate both ways. Every canary and mirror is also compared with the stable backend in the same window, which needs no history. Windows with fewer than 20 requests are not judged.";

    /// <summary><c>traefik_check_anomalies</c>: one route, now.</summary>
    public async Task<AnomalyReportView> CheckRouteAsync(ManifestSet objects, string @namespace, string route, double sigma, string? window, string? baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var series = TrafficSeries.ForRoute(objects, @namespace, route)
            ?? throw new ArgumentException($"IngressRoute {@namespace}/{route} is not in the repository. List routes with traefik://traffic/ingressroutes/list.");
        return await CheckAsync([series], "route", @namespace, route, sigma, window, baseline, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>traefik://anomalies/detected</c>: every route in the repository, now, with the defaults.</summary>
    public Task<AnomalyReportView> DetectAsync(ManifestSet objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return CheckAsync(TrafficSeries.ForRoutes(objects), "all-routes", null, null, AnomalyOptions.Default.Sigma, null, null, cancellationToken);
    }

    /// <summary>Validates sigma, window and baseline; the message says what to fix.</summary>
    internal static (TimeSpan Window, TimeSpan Baseline) CheckParameters(double sigma, string? window, string? baseline)
    {
        if (!double.IsFinite(sigma) || sigma < 0.5 || sigma > 10)
        {
            throw new ArgumentException($"sigma must be a number between 0.5 and 10 (default 2), not {sigma.ToString(CultureInfo.InvariantCulture)}.");
        }

        var w = ParseWindow(window);
        var b = PromDuration.Parse(baseline ?? DefaultBaseline, "baseline", TimeSpan.FromMinutes(4), TimeSpan.FromDays(2));
        if (b.Ticks % w.Ticks != 0 || b / w < AnomalyOptions.Default.MinBaselinePoints || b / w > 1000)
        {
            throw new ArgumentException($"baseline must be a whole multiple of window, between {AnomalyOptions.Default.MinBaselinePoints} and 1000 windows long (window {PromDuration.Format(w)}, baseline {PromDuration.Format(b)}).");
        }

        return (w, b);
    }

    private async Task<AnomalyReportView> CheckAsync(IReadOnlyList<RouteSeries> routes, string scope, string? @namespace, string? route, double sigma, string? window, string? baseline, CancellationToken cancellationToken)
    {
        var (span, baselineSpan) = CheckParameters(sigma, window, baseline);
        var w = PromDuration.Format(span);
        var report = new AnomalyReportView
        {
            Scope = scope,
            RouteName = route,
            Namespace = @namespace,
            Status = "unavailable",
            AnomalyCount = 0,
            Sigma = sigma,
            Window = w,
            Baseline = PromDuration.Format(baselineSpan),
            Prometheus = Availability(null),
            Findings = [],
            Routes = [],
            Method = Method,
        };
        var options = AnomalyOptions.Default with { Sigma = sigma };
        var points = (int)(baselineSpan / span);
        var now = Now();
        Dictionary<string, BackendHistory> history;
        try
        {
            history = await HistoryOfAsync(routes, span, now - (span * points), now, cancellationToken).ConfigureAwait(false);
        }
        catch (PrometheusException e)
        {
            return report with { Prometheus = Availability(Failed(e)) };
        }

        var checks = routes.Where(r => r.Backends.Any()).Select(r => Judge(r, history, points, points, options, w)).ToList();
        var findings = checks.SelectMany(c => c.Findings).ToList();
        return report with
        {
            Status = findings.Count > 0 ? "anomalies_found" : "normal",
            AnomalyCount = findings.Count,
            EvaluatedAt = now,
            Findings = findings,
            Routes = checks.Select(c => c.View).ToList(),
        };
    }

    /// <summary><c>traefik://anomalies/history/{namespace}</c>: anomalous periods of the last hours, computed from Prometheus' history.</summary>
    public async Task<AnomalyHistoryView> HistoryAsync(ManifestSet objects, string @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var span = ParseWindow(null);
        var baselineSpan = PromDuration.Parse(DefaultBaseline, "baseline", span, TimeSpan.FromDays(1));
        var routes = TrafficSeries.ForRoutes(objects).Where(r => r.Namespace == @namespace && r.Backends.Any()).ToList();
        var view = new AnomalyHistoryView
        {
            Namespace = @namespace,
            Window = PromDuration.Format(span),
            Baseline = PromDuration.Format(baselineSpan),
            Sigma = AnomalyOptions.Default.Sigma,
            Prometheus = Availability(null),
            Routes = routes.Select(r => r.Route).ToList(),
            Anomalies = [],
            Method = "Every window of the period is judged as traefik_check_anomalies judges the last one, against the baseline windows just before it; consecutive anomalous windows form one entry. " + Method,
        };
        var now = Now();
        var baselinePoints = (int)(baselineSpan / span);
        var judged = (int)(HistoryPeriod / span);
        var start = now - (span * (baselinePoints + judged - 1));
        Dictionary<string, BackendHistory> history;
        try
        {
            history = routes.Count == 0 ? [] : await HistoryOfAsync(routes, span, start, now, cancellationToken).ConfigureAwait(false);
        }
        catch (PrometheusException e)
        {
            return view with { Prometheus = Availability(Failed(e)) };
        }

        var entries = new List<HistoryEntryView>();
        foreach (var r in routes)
        {
            var perPoint = Enumerable.Range(baselinePoints, judged)
                .Select(i => Judge(r, history, i, baselinePoints, AnomalyOptions.Default, view.Window))
                .ToList();
            var times = Enumerable.Range(baselinePoints, judged).Select(i => start + (span * i)).ToList();
            foreach (var key in perPoint.SelectMany(p => p.Findings).Select(f => (f.Service, f.Metric, f.Check)).Distinct())
            {
                var flags = perPoint.Select(p => p.Findings.FirstOrDefault(f => (f.Service, f.Metric, f.Check) == key)).ToList();
                for (var i = 0; i < flags.Count; i++)
                {
                    if (flags[i] is null)
                    {
                        continue;
                    }

                    var first = i;
                    var peak = i;
                    while (i + 1 < flags.Count && flags[i + 1] is not null)
                    {
                        i++;
                        if (Math.Abs(flags[i]!.Value - flags[i]!.Threshold) > Math.Abs(flags[peak]!.Value - flags[peak]!.Threshold))
                        {
                            peak = i;
                        }
                    }

                    var worst = flags[peak]!;
                    entries.Add(new HistoryEntryView
                    {
                        RouteName = r.Route,
                        Service = key.Service,
                        Metric = key.Metric,
                        Check = key.Check,
                        Start = times[first],
                        End = times[i],
                        PeakAt = times[peak],
                        PeakValue = worst.Value,
                        Threshold = worst.Threshold,
                        Message = $"From {times[first]:u} to {times[i]:u} ({i - first + 1} window(s) of {view.Window}): {worst.Message}",
                        Promql = worst.Promql,
                    });
                }
            }
        }

        return view with
        {
            From = start + (span * baselinePoints) - span,
            To = now,
            Anomalies = entries.OrderByDescending(e => e.End).ThenBy(e => e.RouteName, StringComparer.Ordinal).ThenBy(e => e.Service, StringComparer.Ordinal).ToList(),
        };
    }

    private async Task<Dictionary<string, BackendHistory>> HistoryOfAsync(IReadOnlyList<RouteSeries> routes, TimeSpan step, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var labels = routes.SelectMany(r => r.Backends).Select(b => b.Label).Distinct(StringComparer.Ordinal).ToList();
        var matcher = PromQl.Matcher(labels);
        var w = PromDuration.Format(step);
        var requestsTask = RangeAsync(PromQl.Requests(matcher, w), start, end, step, cancellationToken);
        var errorsTask = RangeAsync(PromQl.ServerErrors(matcher, w), start, end, step, cancellationToken);
        var latencyTask = RangeAsync(PromQl.Quantile(0.99, matcher, w), start, end, step, cancellationToken);
        var requests = await requestsTask.ConfigureAwait(false);
        var errors = await errorsTask.ConfigureAwait(false);
        var latency = await latencyTask.ConfigureAwait(false);
        Succeeded();
        var count = (int)((end - start) / step) + 1;
        var result = new Dictionary<string, BackendHistory>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            result[label] = new BackendHistory(
                Align(requests, label, start, step, count, double.NaN),
                Align(errors, label, start, step, count, 0),
                Align(latency, label, start, step, count, double.NaN));
        }

        return result;
    }

    private static double[] Align(IReadOnlyList<PrometheusSeries> series, string label, DateTimeOffset start, TimeSpan step, int count, double missing)
    {
        var values = Enumerable.Repeat(missing, count).ToArray();
        foreach (var s in series.Where(s => s.Label("service") == label))
        {
            foreach (var p in s.Points)
            {
                var index = (int)Math.Round((p.Time - start) / step);
                if (index >= 0 && index < count)
                {
                    values[index] = double.IsNaN(p.Value) ? missing : p.Value;
                }
            }
        }

        return values;
    }

    private static (RouteCheckView View, List<FindingView> Findings) Judge(RouteSeries route, Dictionary<string, BackendHistory> history, int at, int baselinePoints, AnomalyOptions options, string w)
    {
        var seconds = PromDuration.Parse(w, "window", TimeSpan.Zero, TimeSpan.MaxValue).TotalSeconds;
        var findings = new List<FindingView>();
        var backends = new List<BackendCheckView>();
        var comparisons = new List<ComparisonView>();
        var from = Math.Max(0, at - baselinePoints);

        foreach (var b in route.Backends)
        {
            var h = history[b.Label];
            var requests = Finite(h.Requests[at]);
            double ErrorRatio(int i) => h.Requests[i] > 0 ? h.Errors[i] / h.Requests[i] : double.NaN;
            var verdicts = new[]
            {
                SigmaCheck.Evaluate(TrafficMetric.RequestRate, h.Requests[from..at].Select(r => r / seconds).ToList(), h.Requests[at] / seconds, requests, options),
                SigmaCheck.Evaluate(TrafficMetric.ErrorRatio, Enumerable.Range(from, at - from).Select(ErrorRatio).ToList(), ErrorRatio(at), requests, options),
                SigmaCheck.Evaluate(TrafficMetric.LatencyP99, Enumerable.Range(from, at - from).Select(i => h.Requests[i] > 0 ? h.P99[i] : double.NaN).ToList(), requests > 0 ? h.P99[at] : double.NaN, requests, options),
            };
            backends.Add(new BackendCheckView
            {
                Service = b.Service,
                Label = b.Label,
                Role = Wire(b.Role),
                Primary = b.IsPrimary,
                DesiredPercent = b.DesiredPercent,
                Requests = Math.Round(requests, 3),
                Checks = verdicts.Select(v => new CheckView
                {
                    Metric = Wire(v.Metric),
                    Status = Wire(v.Status),
                    Value = Round(v.Value),
                    Mean = Round(v.Mean),
                    StandardDeviation = Round(v.StandardDeviation),
                    UpperThreshold = Round(v.UpperThreshold),
                    LowerThreshold = Round(v.LowerThreshold),
                    Score = Round(v.Score),
                    BaselinePoints = v.BaselinePoints,
                }).ToList(),
            });
            foreach (var v in verdicts.Where(v => v.Status == VerdictStatus.Anomaly))
            {
                findings.Add(Finding(route, b, v.Metric, "baseline", v.Value, v.Below ? v.LowerThreshold : v.UpperThreshold, BaselineMessage(b, v, w, options.Sigma), PromQl.ForBackend(v.Metric, b.Label, w)));
            }
        }

        foreach (var group in route.Groups)
        {
            var stable = group.Backends.FirstOrDefault(b => b.IsPrimary);
            if (stable is null)
            {
                continue;
            }

            var s = history[stable.Label];
            foreach (var candidate in group.Backends.Where(b => !b.IsPrimary && b.Label != stable.Label))
            {
                var c = history[candidate.Label];
                var verdicts = new[]
                {
                    CanaryComparison.ErrorRatios(c.Errors[at], c.Requests[at], s.Errors[at], s.Requests[at], options),
                    CanaryComparison.LatencyP99(c.P99[at], c.Requests[at], s.P99[at], s.Requests[at], options),
                };
                foreach (var v in verdicts)
                {
                    comparisons.Add(new ComparisonView
                    {
                        Metric = Wire(v.Metric),
                        Status = Wire(v.Status),
                        Candidate = candidate.Service,
                        Stable = stable.Service,
                        CandidateValue = Round(v.Canary),
                        StableValue = Round(v.Stable),
                        Threshold = Round(v.Threshold),
                    });
                    if (v.Status == VerdictStatus.Anomaly)
                    {
                        findings.Add(Finding(route, candidate, v.Metric, "versus_stable", v.Canary, v.Threshold, ComparisonMessage(candidate, stable, v, w), PromQl.ForBackend(v.Metric, candidate.Label, w) + "   vs   " + PromQl.ForBackend(v.Metric, stable.Label, w)));
                    }
                }
            }
        }

        var view = new RouteCheckView
        {
            Namespace = route.Namespace,
            RouteName = route.Route,
            AnomalyCount = findings.Count,
            Backends = backends,
            Comparisons = comparisons,
            Notes = route.Notes.Count == 0 ? null : route.Notes,
        };
        return (view, findings);
    }

    private static FindingView Finding(RouteSeries route, SeriesBackend backend, TrafficMetric metric, string check, double? value, double? threshold, string message, string promql) => new()
    {
        Severity = metric == TrafficMetric.ErrorRatio ? "critical" : "warning",
        Namespace = route.Namespace,
        RouteName = route.Route,
        Service = backend.Service,
        Metric = Wire(metric),
        Check = check,
        Value = Round(value) ?? 0,
        Threshold = Round(threshold) ?? 0,
        Message = message,
        Promql = promql,
    };

    private static string BaselineMessage(SeriesBackend b, SigmaVerdict v, string w, double sigma)
    {
        var who = b.Role == BackendRole.Mirror ? $"mirror {b.Service}" : b.Service;
        var k = sigma.ToString("0.##", CultureInfo.InvariantCulture);
        return v.Metric switch
        {
            TrafficMetric.ErrorRatio =>
                $"{who}: 5xx ratio {Percent(v.Value ?? 0)} in the last {w} is above its usual {Percent(v.Mean ?? 0)} (± {Percent(v.StandardDeviation ?? 0)}; threshold {Percent(v.UpperThreshold ?? 0)} at {k} sigma). " +
                (b.Role == BackendRole.Mirror ? "Its responses are discarded, so users are not affected, but this version fails requests it receives." : "Users are getting errors from it: look at its pods and recent changes; if it is a canary, set its weight to 0 with traefik_manage_weighted_routing."),
            TrafficMetric.LatencyP99 =>
                $"{who}: p99 latency {Seconds(v.Value ?? 0)} in the last {w} is above its usual {Seconds(v.Mean ?? 0)} (threshold {Seconds(v.UpperThreshold ?? 0)} at {k} sigma). Slow responses: check its pods' load and its dependencies.",
            _ when v.Below =>
                $"{who}: request rate {Rate(v.Value ?? 0)} in the last {w} dropped below its usual {Rate(v.Mean ?? 0)} (threshold {Rate(v.LowerThreshold ?? 0)} at {k} sigma). Fewer requests reach it: was a weight or route changed, or are clients failing before they get here?",
            _ =>
                $"{who}: request rate {Rate(v.Value ?? 0)} in the last {w} is above its usual {Rate(v.Mean ?? 0)} (threshold {Rate(v.UpperThreshold ?? 0)} at {k} sigma). A surge of traffic: check the capacity behind it.",
        };
    }

    private static string ComparisonMessage(SeriesBackend candidate, SeriesBackend stable, ComparisonVerdict v, string w)
    {
        var who = candidate.Role == BackendRole.Mirror ? $"mirror {candidate.Service}" : $"canary {candidate.Service}";
        var consequence = candidate.Role == BackendRole.Mirror
            ? "Its responses are discarded, so users are not affected; do not promote it until this is explained."
            : "Users routed to it are affected: consider setting its weight to 0 with traefik_manage_weighted_routing.";
        return v.Metric == TrafficMetric.ErrorRatio
            ? $"{who}: 5xx ratio {Percent(v.Canary ?? 0)} against {Percent(v.Stable ?? 0)} on {stable.Service} in the same {w} (threshold {Percent(v.Threshold ?? 0)}). {consequence}"
            : $"{who}: p99 latency {Seconds(v.Canary ?? 0)} against {Seconds(v.Stable ?? 0)} on {stable.Service} in the same {w} (threshold {Seconds(v.Threshold ?? 0)}). {consequence}";
    }

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 6) : null;

    /// <summary>
    /// One backend's figures per window. A window where Prometheus has no request series is NaN (no
    /// data, as before the backend existed), not zero, so the first windows of a new backend are not
    /// mistaken for a surge; a series that exists and counted nothing is a real zero.
    /// </summary>
    private sealed record BackendHistory(double[] Requests, double[] Errors, double[] P99);
}
