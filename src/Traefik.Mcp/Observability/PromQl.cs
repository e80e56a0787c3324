using System.Globalization;
using System.Text;

namespace Traefik.Mcp.Observability;

/// <summary>
/// The PromQL this server sends. Label values are escaped twice: as RE2 literals inside the <c>=~</c>
/// matcher, then as a PromQL string, so a name can never change the shape of a query.
/// </summary>
internal static class PromQl
{
    public const string RequestsMetric = "traefik_service_requests_total";
    public const string DurationBucketsMetric = "traefik_service_request_duration_seconds_bucket";

    /// <summary>Above this many labels a query matches every CRD service and the results are filtered here.</summary>
    private const int MaxLabelsInMatcher = 200;

    /// <summary>The <c>service</c> matcher for exactly these labels.</summary>
    public static string Matcher(IReadOnlyCollection<string> labels) =>
        labels.Count is > 0 and <= MaxLabelsInMatcher
            ? "service=~\"" + string.Join("|", labels.Order(StringComparer.Ordinal).Select(RegexLiteral)) + "\""
            : "service=~\".+@kubernetescrd\"";

    /// <summary>A <c>service</c> matcher for every port of a Service that no route in the repository reaches.</summary>
    public static string PrefixMatcher(string normalizedPrefix) => "service=~\"" + RegexLiteral(normalizedPrefix) + "-[^@]+@kubernetescrd\"";

    /// <summary>Requests per service and status code counted in each window.</summary>
    public static string RequestsByCode(string matcher, string window) =>
        $"sum by (service, code) (increase({RequestsMetric}{{{matcher}}}[{window}]))";

    /// <summary>Requests per service counted in each window.</summary>
    public static string Requests(string matcher, string window) =>
        $"sum by (service) (increase({RequestsMetric}{{{matcher}}}[{window}]))";

    /// <summary>5xx responses per service counted in each window.</summary>
    public static string ServerErrors(string matcher, string window) =>
        $"sum by (service) (increase({RequestsMetric}{{{matcher},code=~\"5..\"}}[{window}]))";

    /// <summary>A latency quantile per service from the duration histogram.</summary>
    public static string Quantile(double q, string matcher, string window) =>
        $"histogram_quantile({q.ToString(CultureInfo.InvariantCulture)}, sum by (service, le) (rate({DurationBucketsMetric}{{{matcher}}}[{window}])))";

    /// <summary>The query for one figure of one backend, for people to paste into Prometheus.</summary>
    public static string ForBackend(Traefik.Manifests.Observability.TrafficMetric metric, string label, string window)
    {
        var matcher = "service=\"" + StringLiteral(label) + "\"";
        return metric switch
        {
            Traefik.Manifests.Observability.TrafficMetric.ErrorRatio =>
                $"sum(increase({RequestsMetric}{{{matcher},code=~\"5..\"}}[{window}])) / sum(increase({RequestsMetric}{{{matcher}}}[{window}]))",
            Traefik.Manifests.Observability.TrafficMetric.LatencyP99 =>
                $"histogram_quantile(0.99, sum by (le) (rate({DurationBucketsMetric}{{{matcher}}}[{window}])))",
            _ => $"sum(rate({RequestsMetric}{{{matcher}}}[{window}]))",
        };
    }

    /// <summary>Escapes RE2 metacharacters, then the result for a double-quoted PromQL string.</summary>
    public static string RegexLiteral(string value)
    {
        var re = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                re.Append('\\');
            }

            re.Append(c);
        }

        return StringLiteral(re.ToString());
    }

    /// <summary>Escapes a value for a double-quoted PromQL string.</summary>
    public static string StringLiteral(string value)
    {
        var s = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': s.Append(@"\\"); break;
                case '"': s.Append("\\\""); break;
                case '\n': s.Append(@"\n"); break;
                default: s.Append(c); break;
            }
        }

        return s.ToString();
    }
}

/// <summary>A Prometheus duration this server accepts for windows and baselines: a whole number of seconds, minutes or hours.</summary>
internal static class PromDuration
{
    /// <summary>Parses <c>30s</c>, <c>5m</c> or <c>2h</c> within the limits; the message says what to fix.</summary>
    public static TimeSpan Parse(string value, string parameter, TimeSpan min, TimeSpan max)
    {
        TimeSpan? parsed = null;
        if (value.Length >= 2 && int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            parsed = value[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                _ => null,
            };
        }

        return parsed is { } t && t >= min && t <= max
            ? t
            : throw new ArgumentException($"{parameter} must be a duration like 5m or 1h between {Format(min)} and {Format(max)}, not '{value}'.");
    }

    /// <summary>The shortest way to write a duration in Prometheus syntax.</summary>
    public static string Format(TimeSpan t) =>
        t.TotalSeconds % 3600 == 0 ? $"{t.TotalHours:0}h" : t.TotalSeconds % 60 == 0 ? $"{t.TotalMinutes:0}m" : $"{t.TotalSeconds:0}s";
}
