using System.Text.Json.Nodes;

namespace Traefik.Mcp.Resources;

/// <summary>Where a resource's data was read from.</summary>
public sealed record SourceView
{
    /// <summary>The repository state read: the delivery basis, base branch and commit.</summary>
    public required string Basis { get; init; }

    /// <summary>The base branch.</summary>
    public required string BaseBranch { get; init; }

    /// <summary>The commit read, if any.</summary>
    public string? Commit { get; init; }

    /// <summary>True when the state was read from a pending proposal branch.</summary>
    public required bool PendingBranch { get; init; }

    /// <summary>Problems found reading the repository, as sentences: files that could not be read, objects defined twice.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Files under the manifest root that could not be read, with the line and reason (absent when there are none): what they define is missing here.</summary>
    public IReadOnlyList<UnreadableFileView>? UnreadableFiles { get; init; }
}

/// <summary>A proposal branch ahead of base (not merged yet).</summary>
public sealed record PendingView
{
    /// <summary>The branch.</summary>
    public required string Branch { get; init; }

    /// <summary>Commits ahead of base.</summary>
    public required int AheadBy { get; init; }

    /// <summary>The namespace of the object it changes.</summary>
    public required string Namespace { get; init; }

    /// <summary>The route or object it changes.</summary>
    public required string Target { get; init; }
}

/// <summary>traefik://traffic/routes/list.</summary>
public sealed record RoutesListView
{
    /// <summary>Always all-namespaces.</summary>
    public required string Scope { get; init; }

    /// <summary>Number of TraefikServices.</summary>
    public required int Count { get; init; }

    /// <summary>Every TraefikService.</summary>
    public required IReadOnlyList<TraefikServiceView> Services { get; init; }

    /// <summary>Pending proposal branches.</summary>
    public required IReadOnlyList<PendingView> PendingProposals { get; init; }

    /// <summary>Where this was read from.</summary>
    public required SourceView Source { get; init; }
}

/// <summary>A TraefikService.</summary>
public sealed record TraefikServiceView
{
    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>weighted, mirror or other.</summary>
    public required string Type { get; init; }

    /// <summary>The weighted backends.</summary>
    public IReadOnlyList<BackendView>? Backends { get; init; }

    /// <summary>The mirror's main service (answers users).</summary>
    public MainView? Main { get; init; }

    /// <summary>The mirrors.</summary>
    public IReadOnlyList<MirrorView>? Mirrors { get; init; }

    /// <summary>The file in the repository.</summary>
    public string? File { get; init; }

    /// <summary>The pending proposal branch that changes this service, if any.</summary>
    public PendingView? PendingProposal { get; init; }
}

/// <summary>A weighted backend.</summary>
public sealed record BackendView
{
    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>Service or TraefikService.</summary>
    public required string Kind { get; init; }

    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Port.</summary>
    public string? Port { get; init; }

    /// <summary>Weight.</summary>
    public required int Weight { get; init; }

    /// <summary>Share of traffic in percent.</summary>
    public required decimal Percent { get; init; }
}

/// <summary>The main service of a mirror.</summary>
public sealed record MainView
{
    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>Service or TraefikService.</summary>
    public required string Kind { get; init; }

    /// <summary>Port.</summary>
    public string? Port { get; init; }
}

/// <summary>A mirror.</summary>
public sealed record MirrorView
{
    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>Port.</summary>
    public string? Port { get; init; }

    /// <summary>Percent of requests copied.</summary>
    public required int MirrorPercent { get; init; }
}

/// <summary>traefik://traffic/{namespace}/{route_name}/distribution.</summary>
public sealed record DistributionView
{
    /// <summary>The route.</summary>
    public required string RouteName { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The IngressRoute.</summary>
    public required IngressRouteView IngressRoute { get; init; }

    /// <summary>How traffic is split.</summary>
    public required TrafficSplitView TrafficSplit { get; init; }

    /// <summary>The weighted split behind a mirror (users' split when the mirror's main is {route}-wrr), if any.</summary>
    public IReadOnlyList<BackendView>? WeightedSplit { get; init; }

    /// <summary>Each router of the route resolved to the Kubernetes Services that answer users (the effective routing model).</summary>
    public required IReadOnlyList<RouterModelView> Routers { get; init; }

    /// <summary>Observed traffic from Prometheus next to the desired weights, or why there is none.</summary>
    public required Observability.ObservedSplitView Observed { get; init; }

    /// <summary>The pending proposal branch for this route, if any.</summary>
    public PendingView? PendingProposal { get; init; }

    /// <summary>Where this was read from.</summary>
    public required SourceView Source { get; init; }
}

/// <summary>The traffic split of a route.</summary>
public sealed record TrafficSplitView
{
    /// <summary>weighted, mirror or direct (rules point straight at Services).</summary>
    public required string Type { get; init; }

    /// <summary>The TraefikService the rules point at.</summary>
    public string? TraefikService { get; init; }

    /// <summary>For a mirror: the main sink that answers users.</summary>
    public MainView? Main { get; init; }

    /// <summary>Weighted backends (weighted); null for direct routes, whose split is per rule (see <see cref="Rules"/>).</summary>
    public IReadOnlyList<BackendView>? Backends { get; init; }

    /// <summary>Mirrors (mirror).</summary>
    public IReadOnlyList<MirrorView>? Mirrors { get; init; }

    /// <summary>For a mirror: active or waiting_on_ingress.</summary>
    public string? MirrorStatus { get; init; }

    /// <summary>Direct and other routes: each rule's own split (rules route by match, so there is no split across rules).</summary>
    public IReadOnlyList<RuleSplitView>? Rules { get; init; }

    /// <summary>Progressive delivery controllers that own the weights of a TraefikService this route uses.</summary>
    public IReadOnlyList<ControllerView>? ManagedBy { get; init; }

    /// <summary>What this means for users, in words.</summary>
    public required string Explanation { get; init; }
}

/// <summary>traefik://traffic/ingressroutes/list.</summary>
public sealed record IngressRoutesListView
{
    /// <summary>Always all-namespaces.</summary>
    public required string Scope { get; init; }

    /// <summary>Number of IngressRoutes.</summary>
    public required int Count { get; init; }

    /// <summary>Every IngressRoute.</summary>
    public required IReadOnlyList<IngressRouteView> IngressRoutes { get; init; }

    /// <summary>Where this was read from.</summary>
    public required SourceView Source { get; init; }
}

/// <summary>An IngressRoute.</summary>
public sealed record IngressRouteView
{
    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>weighted, mirrored, simple or other.</summary>
    public required string Kind { get; init; }

    /// <summary>Entry points.</summary>
    public required IReadOnlyList<string> EntryPoints { get; init; }

    /// <summary>TLS on?</summary>
    public required bool TlsEnabled { get; init; }

    /// <summary>TLS secret, if any.</summary>
    public string? TlsSecretName { get; init; }

    /// <summary>The rules.</summary>
    public required IReadOnlyList<RuleView> Routes { get; init; }

    /// <summary>Middlewares attached to any rule, with their specs.</summary>
    public IReadOnlyList<MiddlewareView>? Middlewares { get; init; }

    /// <summary>The file in the repository.</summary>
    public string? File { get; init; }
}

/// <summary>A rule.</summary>
public sealed record RuleView
{
    /// <summary>The match rule.</summary>
    public required string Match { get; init; }

    /// <summary>The priority.</summary>
    public long? Priority { get; init; }

    /// <summary>Where traffic goes (the live targets in the desired state).</summary>
    public required IReadOnlyList<TargetView> Targets { get; init; }

    /// <summary>Middlewares in order.</summary>
    public required IReadOnlyList<string> Middlewares { get; init; }
}

/// <summary>A rule target.</summary>
public sealed record TargetView
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Service or TraefikService.</summary>
    public required string Kind { get; init; }

    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Port.</summary>
    public string? Port { get; init; }

    /// <summary>Weight.</summary>
    public int? Weight { get; init; }
}

/// <summary>An attached middleware.</summary>
public sealed record MiddlewareView
{
    /// <summary>Reference as written.</summary>
    public required string Name { get; init; }

    /// <summary>The middleware type (e.g. rateLimit), or null when it is not in the repository.</summary>
    public string? Type { get; init; }

    /// <summary>Its spec, when in the repository.</summary>
    public JsonObject? Spec { get; init; }

    /// <summary>Why there is no spec (cross-provider or missing).</summary>
    public string? Note { get; init; }
}
