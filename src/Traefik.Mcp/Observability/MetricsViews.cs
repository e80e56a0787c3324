namespace Traefik.Mcp.Observability;

/// <summary>Whether figures could be read from Prometheus, and if not, why. When not available, a view carries no numbers.</summary>
public sealed record PrometheusAvailability
{
    /// <summary>True when a Prometheus URL is configured.</summary>
    public required bool Configured { get; init; }

    /// <summary>True when Prometheus answered every query this view needed.</summary>
    public required bool Available { get; init; }

    /// <summary>The configured URL.</summary>
    public string? Url { get; init; }

    /// <summary>Why there are no figures, in words a person can act on.</summary>
    public string? Reason { get; init; }
}

/// <summary><c>traefik://metrics/prometheus/status</c>.</summary>
public sealed record PrometheusStatusView
{
    /// <summary>True when a Prometheus URL is configured.</summary>
    public required bool Configured { get; init; }

    /// <summary>The configured URL.</summary>
    public string? Url { get; init; }

    /// <summary>True when <c>/-/ready</c> and the build info answered just now.</summary>
    public required bool Available { get; init; }

    /// <summary>Prometheus' version, when it answered.</summary>
    public string? Version { get; init; }

    /// <summary>Why it is not available.</summary>
    public string? Reason { get; init; }

    /// <summary>How requests authenticate: none, bearer or basic.</summary>
    public string? Authentication { get; init; }

    /// <summary>Seconds one request may take.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>The last error any Prometheus request of this server got, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>When that error happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>When a request last succeeded.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }
}

/// <summary><c>traefik://metrics/{namespace}/{service}/summary</c>.</summary>
public sealed record MetricsSummaryView
{
    /// <summary>The Kubernetes Service.</summary>
    public required string Service { get; init; }

    /// <summary>Its namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The window the figures cover, as a Prometheus duration.</summary>
    public required string Window { get; init; }

    /// <summary>The instant the window ends.</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>Whether Prometheus could be read.</summary>
    public required PrometheusAvailability Prometheus { get; init; }

    /// <summary>The Traefik <c>service</c> label values the figures are summed over.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>How the labels were found: from the routes in the repository, or by name when no route reaches the Service.</summary>
    public required string LabelSource { get; init; }

    /// <summary>Requests per second over the window.</summary>
    public double? RequestRate { get; init; }

    /// <summary>Requests answered in the window.</summary>
    public double? Requests { get; init; }

    /// <summary>Share of responses per status class, in percent.</summary>
    public StatusShares? Responses { get; init; }

    /// <summary>Latency percentiles from the duration histogram.</summary>
    public LatencySummary? Latency { get; init; }

    /// <summary>The PromQL used.</summary>
    public required IReadOnlyList<string> Queries { get; init; }

    /// <summary>What the figures mean or why some are missing.</summary>
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>Files under the manifest root that could not be read (absent when there are none): routes and services they define are missing here.</summary>
    public IReadOnlyList<Resources.UnreadableFileView>? UnreadableFiles { get; init; }
}

/// <summary>Share of responses per status class, in percent of all responses in the window.</summary>
public sealed record StatusShares
{
    /// <summary>2xx (and 1xx) responses.</summary>
    public required double Success2xx { get; init; }

    /// <summary>3xx responses.</summary>
    public required double Redirect3xx { get; init; }

    /// <summary>4xx responses.</summary>
    public required double ClientError4xx { get; init; }

    /// <summary>5xx responses.</summary>
    public required double ServerError5xx { get; init; }
}

/// <summary>Latency percentiles in seconds, estimated by Prometheus from the histogram buckets; null when there were no requests.</summary>
public sealed record LatencySummary
{
    /// <summary>Median.</summary>
    public double? P50Seconds { get; init; }

    /// <summary>95th percentile.</summary>
    public double? P95Seconds { get; init; }

    /// <summary>99th percentile.</summary>
    public double? P99Seconds { get; init; }
}

/// <summary>The observed split next to the desired weights, in the distribution resource.</summary>
public sealed record ObservedSplitView
{
    /// <summary>True when the figures come from Prometheus.</summary>
    public required bool Available { get; init; }

    /// <summary>Why there are no figures.</summary>
    public string? Reason { get; init; }

    /// <summary>True when a Prometheus URL is configured.</summary>
    public required bool Configured { get; init; }

    /// <summary>The window counted, as a Prometheus duration.</summary>
    public string? Window { get; init; }

    /// <summary>The instant the window ends.</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>True when any backend's observed share differs from its desired share by more than allowed.</summary>
    public bool? Drift { get; init; }

    /// <summary>Allowed difference, in percentage points (more when chance at this traffic allows more).</summary>
    public double? TolerancePoints { get; init; }

    /// <summary>Requests a group must have answered before drift is judged.</summary>
    public double? MinRequests { get; init; }

    /// <summary>One entry per load balancer the route's rules point at.</summary>
    public IReadOnlyList<ObservedGroupView>? Groups { get; init; }

    /// <summary>The PromQL used.</summary>
    public string? Query { get; init; }

    /// <summary>Parts of the route whose traffic cannot be measured, and why.</summary>
    public IReadOnlyList<string>? Notes { get; init; }
}

/// <summary>The backends sharing one router's requests.</summary>
public sealed record ObservedGroupView
{
    /// <summary>The router or TraefikService that splits the requests.</summary>
    public required string SplitBy { get; init; }

    /// <summary>Requests the serving backends answered in the window.</summary>
    public required double Requests { get; init; }

    /// <summary>True when enough requests were seen to judge drift.</summary>
    public required bool EnoughTraffic { get; init; }

    /// <summary>Each backend.</summary>
    public required IReadOnlyList<ObservedBackendView> Backends { get; init; }
}

/// <summary>One backend's desired and observed share.</summary>
public sealed record ObservedBackendView
{
    /// <summary>The Kubernetes Service.</summary>
    public required string Service { get; init; }

    /// <summary>Its Traefik <c>service</c> label.</summary>
    public required string Label { get; init; }

    /// <summary><c>serves</c> (answers users) or <c>mirror</c> (gets copies).</summary>
    public required string Role { get; init; }

    /// <summary>Share the weights ask for (serving backends).</summary>
    public decimal? DesiredPercent { get; init; }

    /// <summary>Requests it answered in the window.</summary>
    public required double Requests { get; init; }

    /// <summary>Observed share of its group's requests (serving backends); null without traffic.</summary>
    public double? ObservedPercent { get; init; }

    /// <summary>Observed minus desired, in percentage points.</summary>
    public double? DifferencePoints { get; init; }

    /// <summary>How far apart they may be before it counts as drift.</summary>
    public double? AllowedPoints { get; init; }

    /// <summary>True when the observed share has drifted from the desired one.</summary>
    public bool? Drifting { get; init; }

    /// <summary>Percent of the main service's requests the manifests copy to this mirror.</summary>
    public int? MirrorPercent { get; init; }

    /// <summary>Mirrored requests as a percentage of the group's served requests.</summary>
    public double? ObservedMirrorPercent { get; init; }
}

/// <summary>The result of an anomaly check: <c>traefik_check_anomalies</c> and <c>traefik://anomalies/detected</c>.</summary>
public sealed record AnomalyReportView
{
    /// <summary><c>route</c> or <c>all-routes</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The route checked (route scope).</summary>
    public string? RouteName { get; init; }

    /// <summary>Its namespace (route scope).</summary>
    public string? Namespace { get; init; }

    /// <summary><c>anomalies_found</c>, <c>normal</c>, or <c>unavailable</c> (no figures: see prometheus.reason).</summary>
    public required string Status { get; init; }

    /// <summary>How many findings.</summary>
    public required int AnomalyCount { get; init; }

    /// <summary>The threshold in standard deviations.</summary>
    public required double Sigma { get; init; }

    /// <summary>The window judged (the last one), as a Prometheus duration.</summary>
    public required string Window { get; init; }

    /// <summary>The period before the window that forms the baseline.</summary>
    public required string Baseline { get; init; }

    /// <summary>The instant the window ends.</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>Whether Prometheus could be read.</summary>
    public required PrometheusAvailability Prometheus { get; init; }

    /// <summary>Every anomaly, in words a person can act on.</summary>
    public required IReadOnlyList<FindingView> Findings { get; init; }

    /// <summary>Every route checked with every figure.</summary>
    public required IReadOnlyList<RouteCheckView> Routes { get; init; }

    /// <summary>How the check works.</summary>
    public required string Method { get; init; }

    /// <summary>Files under the manifest root that could not be read (absent when there are none): routes and services they define are missing here.</summary>
    public IReadOnlyList<Resources.UnreadableFileView>? UnreadableFiles { get; init; }
}

/// <summary>One anomaly.</summary>
public sealed record FindingView
{
    /// <summary><c>critical</c> (errors) or <c>warning</c> (latency, request rate).</summary>
    public required string Severity { get; init; }

    /// <summary>The route's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The route.</summary>
    public required string RouteName { get; init; }

    /// <summary>The Kubernetes Service.</summary>
    public required string Service { get; init; }

    /// <summary><c>request_rate</c>, <c>error_ratio</c> or <c>latency_p99</c>.</summary>
    public required string Metric { get; init; }

    /// <summary><c>baseline</c> (against its own history) or <c>versus_stable</c> (against the stable backend now).</summary>
    public required string Check { get; init; }

    /// <summary>The value found.</summary>
    public required double Value { get; init; }

    /// <summary>The threshold it crossed.</summary>
    public required double Threshold { get; init; }

    /// <summary>What was found and what it means.</summary>
    public required string Message { get; init; }

    /// <summary>The PromQL behind the value.</summary>
    public required string Promql { get; init; }
}

/// <summary>One route's figures.</summary>
public sealed record RouteCheckView
{
    /// <summary>The route's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The route.</summary>
    public required string RouteName { get; init; }

    /// <summary>Number of findings on this route.</summary>
    public required int AnomalyCount { get; init; }

    /// <summary>Every backend.</summary>
    public required IReadOnlyList<BackendCheckView> Backends { get; init; }

    /// <summary>Canary or mirror against the stable backend.</summary>
    public required IReadOnlyList<ComparisonView> Comparisons { get; init; }

    /// <summary>Parts of the route whose traffic cannot be measured, and why.</summary>
    public IReadOnlyList<string>? Notes { get; init; }
}

/// <summary>One backend's figures in the window and how each compares with its baseline.</summary>
public sealed record BackendCheckView
{
    /// <summary>The Kubernetes Service.</summary>
    public required string Service { get; init; }

    /// <summary>Its Traefik <c>service</c> label.</summary>
    public required string Label { get; init; }

    /// <summary><c>serves</c> (answers users) or <c>mirror</c> (gets copies).</summary>
    public required string Role { get; init; }

    /// <summary>True for the backend others are compared with.</summary>
    public required bool Primary { get; init; }

    /// <summary>Share the weights ask for.</summary>
    public decimal? DesiredPercent { get; init; }

    /// <summary>Requests in the window.</summary>
    public required double Requests { get; init; }

    /// <summary>One verdict per figure.</summary>
    public required IReadOnlyList<CheckView> Checks { get; init; }
}

/// <summary>A figure judged against its baseline.</summary>
public sealed record CheckView
{
    /// <summary><c>request_rate</c>, <c>error_ratio</c> or <c>latency_p99</c>.</summary>
    public required string Metric { get; init; }

    /// <summary><c>normal</c>, <c>anomaly</c>, <c>no_data</c>, <c>too_little_traffic</c> or <c>insufficient_baseline</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The value in the window.</summary>
    public double? Value { get; init; }

    /// <summary>Baseline mean.</summary>
    public double? Mean { get; init; }

    /// <summary>Baseline standard deviation.</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>Values above this are anomalies.</summary>
    public double? UpperThreshold { get; init; }

    /// <summary>Values below this are anomalies (request rate only).</summary>
    public double? LowerThreshold { get; init; }

    /// <summary>Distance from the mean in units.</summary>
    public double? Score { get; init; }

    /// <summary>Baseline points with data.</summary>
    public required int BaselinePoints { get; init; }
}

/// <summary>A canary or mirror compared with the stable backend in the same window.</summary>
public sealed record ComparisonView
{
    /// <summary><c>request_rate</c>, <c>error_ratio</c> or <c>latency_p99</c>.</summary>
    public required string Metric { get; init; }

    /// <summary><c>normal</c>, <c>anomaly</c>, <c>no_data</c>, <c>too_little_traffic</c> or <c>insufficient_baseline</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The canary or mirror.</summary>
    public required string Candidate { get; init; }

    /// <summary>The stable backend.</summary>
    public required string Stable { get; init; }

    /// <summary>The candidate's value.</summary>
    public double? CandidateValue { get; init; }

    /// <summary>The stable backend's value.</summary>
    public double? StableValue { get; init; }

    /// <summary>The candidate value above which it is an anomaly.</summary>
    public double? Threshold { get; init; }
}

/// <summary><c>traefik://anomalies/history/{namespace}</c>.</summary>
public sealed record AnomalyHistoryView
{
    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Start of the period searched.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>End of the period searched.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Length of each judged window.</summary>
    public required string Window { get; init; }

    /// <summary>The baseline before each window.</summary>
    public required string Baseline { get; init; }

    /// <summary>The threshold in standard deviations.</summary>
    public required double Sigma { get; init; }

    /// <summary>Whether Prometheus could be read.</summary>
    public required PrometheusAvailability Prometheus { get; init; }

    /// <summary>Routes in the namespace that were checked.</summary>
    public required IReadOnlyList<string> Routes { get; init; }

    /// <summary>Periods during which a figure was anomalous, newest first.</summary>
    public required IReadOnlyList<HistoryEntryView> Anomalies { get; init; }

    /// <summary>How the history is computed.</summary>
    public required string Method { get; init; }

    /// <summary>Files under the manifest root that could not be read (absent when there are none): routes and services they define are missing here.</summary>
    public IReadOnlyList<Resources.UnreadableFileView>? UnreadableFiles { get; init; }
}

/// <summary>A period of consecutive anomalous windows.</summary>
public sealed record HistoryEntryView
{
    /// <summary>The route.</summary>
    public required string RouteName { get; init; }

    /// <summary>The Kubernetes Service.</summary>
    public required string Service { get; init; }

    /// <summary><c>request_rate</c>, <c>error_ratio</c> or <c>latency_p99</c>.</summary>
    public required string Metric { get; init; }

    /// <summary><c>baseline</c> or <c>versus_stable</c>.</summary>
    public required string Check { get; init; }

    /// <summary>End of the first anomalous window.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End of the last anomalous window.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>When the value was furthest from normal.</summary>
    public required DateTimeOffset PeakAt { get; init; }

    /// <summary>The value then.</summary>
    public required double PeakValue { get; init; }

    /// <summary>The threshold then.</summary>
    public required double Threshold { get; init; }

    /// <summary>What happened.</summary>
    public required string Message { get; init; }

    /// <summary>The PromQL behind the values.</summary>
    public required string Promql { get; init; }
}
