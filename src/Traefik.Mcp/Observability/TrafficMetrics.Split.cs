using Traefik.Manifests.Model;
using Traefik.Manifests.Observability;

namespace Traefik.Mcp.Observability;

public sealed partial class TrafficMetrics
{
    /// <summary>The observed split of route <paramref name="route"/> next to its desired weights, with drift flags.</summary>
    public async Task<ObservedSplitView> ObservedSplitAsync(ManifestSet objects, string @namespace, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        if (_settings.PrometheusUrl is null)
        {
            return new ObservedSplitView { Configured = false, Available = false, Reason = NotConfigured };
        }

        var series = TrafficSeries.ForRoute(objects, @namespace, route);
        if (series is null || !series.Backends.Any())
        {
            return new ObservedSplitView { Configured = true, Available = false, Reason = $"Route {@namespace}/{route} has no Kubernetes Service behind it in the repository, so there is no split to observe.", Notes = series?.Notes };
        }

        var span = ParseWindow(null);
        var w = PromDuration.Format(span);
        var query = PromQl.Requests(PromQl.Matcher(series.Backends.Select(b => b.Label).Distinct(StringComparer.Ordinal).ToList()), w);
        var now = Now();
        IReadOnlyList<PrometheusSeries> result;
        try
        {
            result = await QueryAsync(query, now, cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (PrometheusException e)
        {
            return new ObservedSplitView { Configured = true, Available = false, Reason = Failed(e), Query = query };
        }

        var requests = result.GroupBy(s => s.Label("service"), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => Finite(s.Value)), StringComparer.Ordinal);
        var groups = new List<ObservedGroupView>();
        foreach (var group in series.Groups)
        {
            var serving = group.Backends.Where(b => b.Role == BackendRole.Serves).ToList();
            var drift = SplitDrift.Evaluate(serving.Select(b => (b.DesiredPercent ?? 0, requests.GetValueOrDefault(b.Label))).ToList());
            var served = serving.Sum(b => requests.GetValueOrDefault(b.Label));
            var backends = serving.Select((b, i) => new ObservedBackendView
            {
                Service = b.Service,
                Label = b.Label,
                Role = Wire(b.Role),
                DesiredPercent = b.DesiredPercent,
                Requests = Math.Round(drift[i].Requests, 3),
                ObservedPercent = drift[i].ObservedPercent is { } o ? Math.Round(o, 2) : null,
                DifferencePoints = drift[i].DifferencePoints is { } d ? Math.Round(d, 2) : null,
                AllowedPoints = Math.Round(drift[i].AllowedPoints, 2),
                Drifting = drift[i].Drifting,
            }).ToList();
            backends.AddRange(group.Backends.Where(b => b.Role == BackendRole.Mirror).Select(b => new ObservedBackendView
            {
                Service = b.Service,
                Label = b.Label,
                Role = Wire(b.Role),
                Requests = Math.Round(requests.GetValueOrDefault(b.Label), 3),
                MirrorPercent = b.MirrorPercent,
                ObservedMirrorPercent = served > 0 ? Math.Round(requests.GetValueOrDefault(b.Label) * 100 / served, 2) : null,
            }));
            groups.Add(new ObservedGroupView
            {
                SplitBy = group.Key,
                Requests = Math.Round(served, 3),
                EnoughTraffic = served >= SplitDrift.DefaultMinRequests,
                Backends = backends,
            });
        }

        return new ObservedSplitView
        {
            Configured = true,
            Available = true,
            Window = w,
            EvaluatedAt = now,
            Drift = groups.Any(g => g.Backends.Any(b => b.Drifting == true)),
            TolerancePoints = SplitDrift.DefaultTolerancePoints,
            MinRequests = SplitDrift.DefaultMinRequests,
            Groups = groups,
            Query = query,
            Notes = series.Notes.Count == 0 ? null : series.Notes,
        };
    }
}
