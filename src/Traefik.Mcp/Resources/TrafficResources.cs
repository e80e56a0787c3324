using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.State;
using Traefik.Manifests;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Reading;
using Traefik.Manifests.Routing;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;
using Traefik.Mcp.Observability;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Resources;

/// <summary>Read-only views of the desired state in the GitOps repository. Nothing is invented: every figure is read from the manifests.</summary>
[McpServerResourceType]
public sealed class TrafficResources(RepositoryHost host, TrafficMetrics metrics)
{
    /// <summary>URI of the TraefikService list.</summary>
    public const string RoutesListUri = "traefik://traffic/routes/list";

    /// <summary>URI template of a route's distribution.</summary>
    public const string DistributionUri = "traefik://traffic/{namespace}/{route_name}/distribution";

    /// <summary>URI of the IngressRoute list.</summary>
    public const string IngressRoutesUri = "traefik://traffic/ingressroutes/list";

    /// <summary>Every TraefikService (weighted and mirror) across namespaces.</summary>
    [McpServerResource(UriTemplate = RoutesListUri, Name = "traffic_routes_list", Title = "Traefik services (weighted and mirror)", MimeType = "application/json")]
    [Description("Every TraefikService in the GitOps repository across namespaces: weighted ones with each backend's port, weight and percentage; mirrors with their main service and the percentage copied to each mirror. Pending (unmerged) proposal branches are flagged.")]
    public string RoutesList()
    {
        var state = WithPendingProposals(host.Repository.ReadState());
        var services = state.Objects.OfType<TraefikService>().Select(ts => ServiceView(ts, state)).ToList();
        return ReadableJson.Serialize(
            new RoutesListView
            {
                Scope = "all-namespaces",
                Count = services.Count,
                Services = services,
                PendingProposals = state.PendingProposals.Select(Pending).ToList(),
                Source = Source(state),
            },
            McpJsonContext.Default.RoutesListView);
    }

    /// <summary>One route: match, TLS, middlewares, and how its traffic is split.</summary>
    [McpServerResource(UriTemplate = DistributionUri, Name = "traffic_distribution", Title = "Route traffic distribution", MimeType = "application/json")]
    [Description("A route's match, entry points, TLS, attached middlewares with their specs, which TraefikService its rules point at ({route}-wrr or {route}-mirror), the split (traffic_split.type weighted, mirror or direct, and the main sink of a mirror), and the observed split when Prometheus is configured.")]
    public async Task<string> Distribution(
        [Description("Kubernetes namespace.")] string @namespace,
        [Description("Route (IngressRoute) name.")] string route_name,
        CancellationToken cancellationToken)
    {
        var state = host.Repository.ReadState(null, @namespace, route_name);
        var route = RouteReader.Route(state.Objects, @namespace, route_name)
            ?? throw new McpException($"IngressRoute {@namespace}/{route_name} is not in the repository ({state.Basis.BaseBranch}). List routes with {IngressRoutesUri}.");
        var ingress = IngressView(route, state);
        var routers = RoutingModel.RoutersOf(state.Objects, new ObjectKey(TraefikApi.IngressRouteKind, @namespace, route_name));
        var split = Split(route, routers, state.Objects);
        return ReadableJson.Serialize(
            new DistributionView
            {
                RouteName = route_name,
                Namespace = @namespace,
                IngressRoute = ingress,
                TrafficSplit = split,
                WeightedSplit = route.Kind == RouteKind.Mirrored ? route.WeightedSplit?.Select(b => Backend(b, state.Objects, route.Namespace)).ToList() : null,
                Routers = [.. routers.Select(r => new RouterModelView { Router = r.Id, Match = r.Match, Effective = ProposalPresenter.State(r)!, Notes = r.Notes })],
                Observed = await metrics.ObservedSplitAsync(host.Repository.ReadState().Objects, @namespace, route_name, cancellationToken).ConfigureAwait(false),
                PendingProposal = state.PendingProposals.Where(p => p.Namespace == @namespace && p.Target == route_name).Select(Pending).FirstOrDefault(),
                Source = Source(state),
            },
            McpJsonContext.Default.DistributionView);
    }

    /// <summary>Every IngressRoute with its rules' live targets.</summary>
    [McpServerResource(UriTemplate = IngressRoutesUri, Name = "traffic_ingressroutes_list", Title = "IngressRoutes and their targets", MimeType = "application/json")]
    [Description("Every IngressRoute in the GitOps repository with each rule's match, targets (Services or TraefikServices — which tells whether a route is on its weighted -wrr or its -mirror), middlewares, entry points and TLS.")]
    public string IngressRoutes()
    {
        var state = WithPendingProposals(host.Repository.ReadState());
        var routes = RouteReader.Routes(state.Objects).Select(r => IngressView(r, state)).ToList();
        return ReadableJson.Serialize(
            new IngressRoutesListView { Scope = "all-namespaces", Count = routes.Count, IngressRoutes = routes, Source = Source(state) },
            McpJsonContext.Default.IngressRoutesListView);
    }

    /// <summary>
    /// The state readers see: the base, with every object a pending (unmerged) proposal branch changes
    /// taken from that branch, as the next plan for that object would see it.
    /// </summary>
    private DesiredState WithPendingProposals(DesiredState state)
    {
        var objects = state.Objects;
        var locations = state.Locations;
        foreach (var pending in state.PendingProposals)
        {
            var branch = host.Repository.ReadState(null, pending.Namespace, pending.Target);
            foreach (var key in branch.Objects.Keys.Union(state.Objects.Keys))
            {
                branch.Objects.TryGet(key, out var after);
                state.Objects.TryGet(key, out var before);
                if (after is null && before is not null)
                {
                    objects = objects.Remove(key);
                }
                else if (after is not null && (before is null || ManifestYaml.Render(before) != ManifestYaml.Render(after)))
                {
                    objects = objects.Set(after);
                    if (branch.Locations.TryGetValue(key, out var where))
                    {
                        locations = locations.SetItem(key, where);
                    }
                }
            }
        }

        return state with { Objects = objects, Locations = locations };
    }

    /// <summary>Completion values for the distribution template's arguments.</summary>
    internal static IEnumerable<string> Complete(ManifestSet objects, string argument, string prefix, IReadOnlyDictionary<string, string>? context)
    {
        var routes = objects.OfType<IngressRoute>();
        return argument switch
        {
            "namespace" => routes.Select(r => r.Namespace).Distinct(StringComparer.Ordinal).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)),
            "route_name" => routes
                .Where(r => context is null || !context.TryGetValue("namespace", out var ns) || ns == r.Namespace)
                .Select(r => r.Name)
                .Distinct(StringComparer.Ordinal)
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)),
            _ => [],
        };
    }

    private static TraefikServiceView ServiceView(TraefikService ts, DesiredState state)
    {
        var route = ts.Name.EndsWith("-wrr", StringComparison.Ordinal) ? ts.Name[..^4] : ts.Name.EndsWith("-mirror", StringComparison.Ordinal) ? ts.Name[..^7] : ts.Name;
        var pending = state.PendingProposals.FirstOrDefault(p => p.Namespace == ts.Namespace && (p.Target == route || p.Target == ts.Name));
        var file = state.Locate(ts.Key)?.Path;
        if (ts.Spec.Weighted?.Services is { } services)
        {
            return new TraefikServiceView
            {
                Name = ts.Name,
                Namespace = ts.Namespace,
                Type = "weighted",
                Backends = WeightedRoutes.Shares(services, ts.Namespace).Select((b, i) => Backend(b, services[i])).ToList(),
                File = file,
                PendingProposal = pending is null ? null : Pending(pending),
            };
        }

        if (ts.Spec.Mirroring is { } m)
        {
            return new TraefikServiceView
            {
                Name = ts.Name,
                Namespace = ts.Namespace,
                Type = "mirror",
                Main = MainOf(m),
                Mirrors = (m.Mirrors ?? []).Select(x => new MirrorView { Service = x.Name, Port = x.Port?.ToString(), MirrorPercent = x.Percent ?? 0 }).ToList(),
                File = file,
                PendingProposal = pending is null ? null : Pending(pending),
            };
        }

        return new TraefikServiceView { Name = ts.Name, Namespace = ts.Namespace, Type = "other", File = file, PendingProposal = pending is null ? null : Pending(pending) };
    }

    private static TrafficSplitView Split(RouteDescription route, IReadOnlyList<EffectiveRouter> routers, ManifestSet objects)
    {
        var ns = route.Namespace;
        var controllers = routers.SelectMany(r => r.Closure).Where(k => k.Kind == TraefikApi.TraefikServiceKind).Distinct()
            .SelectMany(k => TrafficControllers.Of(objects, k))
            .Select(c => new ControllerView
            {
                Controller = c.Product,
                Kind = c.Object.Kind,
                Namespace = c.Object.Namespace,
                Name = c.Object.Name,
                Field = c.Field,
                TraefikService = $"{c.TraefikService.Namespace}/{c.TraefikService.Name}",
            })
            .ToList();
        var managed = controllers.Count == 0
            ? string.Empty
            : " The weights of " + string.Join(" and ", controllers.Select(c => $"{c.TraefikService} are set by {c.Controller} ({c.Kind} {c.Namespace}/{c.Name})"))
              + ": change them through the controller, not in Git (this server refuses weight changes there).";
        var managedBy = controllers.Count == 0 ? null : controllers;
        if (route.Kind == RouteKind.Mirrored && route.Mirror is { } mirror)
        {
            var m = objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, ns, mirror.MirrorTraefikService)?.Spec.Mirroring;
            var main = m is null ? null : MainOf(m);
            var copies = string.Join(", ", mirror.Mirrors.Select(x => $"{x.Percent}% to {x.Service}"));
            return new TrafficSplitView
            {
                Type = "mirror",
                TraefikService = mirror.MirrorTraefikService,
                Main = main,
                Mirrors = mirror.Mirrors.Select(x => new MirrorView { Service = x.Service, Port = x.Port, MirrorPercent = x.Percent }).ToList(),
                MirrorStatus = SnakeStatus(mirror.Status),
                ManagedBy = managedBy,
                Explanation = (main?.Kind == TraefikApi.TraefikServiceKind
                    ? $"Shadow mode keeping the weighted split: users are served by {main.Service} (the weighted split), and copies of requests go {copies}; mirror responses are discarded."
                    : $"Shadow mode: every user response comes from {main?.Service} (the main sink); copies of requests go {copies} and their responses are discarded. There is no live weighted split for users.") + managed,
            };
        }

        if (route.Kind == RouteKind.Weighted)
        {
            var backends = route.WeightedSplit?.Select(b => Backend(b, objects, ns)).ToList() ?? [];
            return new TrafficSplitView
            {
                Type = "weighted",
                TraefikService = route.TraefikService,
                Backends = backends,
                ManagedBy = managedBy,
                Explanation = "Weighted canary: each user request goes to one backend by weight — " + string.Join(", ", backends.Select(b => $"{b.Service} {b.Percent}%")) + "." +
                    (route.Mirror is { } waiting ? $" A mirror ({waiting.MirrorTraefikService}) exists but the route does not point at it, so it receives nothing." : string.Empty) + managed,
            };
        }

        var rules = route.Rules.Select((rule, i) => new RuleSplitView
        {
            Router = RoutingModel.RouterId(new ObjectKey(TraefikApi.IngressRouteKind, ns, route.Name), i),
            Match = rule.Match,
            Type = rule.Targets.All(t => t.Kind == TraefikApi.ServiceKind) ? "direct" : "traefik_service",
            Backends = RuleBackends(rule, i < routers.Count ? routers[i] : null),
        }).ToList();
        return new TrafficSplitView
        {
            Type = route.Kind == RouteKind.Simple ? "direct" : "other",
            TraefikService = route.TraefikService,
            Rules = rules,
            ManagedBy = managedBy,
            Explanation = (route.Kind == RouteKind.Simple
                ? "Direct: each rule points straight at Kubernetes Services. A request goes to the rule whose match it satisfies (rules do not share traffic by weight); within a rule with several Services, it goes to one by weight."
                : "The rules point at TraefikServices this route does not own, or at a mix of targets; each rule's split is resolved to the Services that answer.") + managed,
        };
    }

    /// <summary>A rule's backends with their share of the requests the rule matches: its own Services by weight (a single one gets everything), or, through TraefikServices, the effective model's shares.</summary>
    private static List<RuleBackendView> RuleBackends(RuleDescription rule, EffectiveRouter? router)
    {
        if (rule.Targets.All(t => t.Kind == TraefikApi.ServiceKind))
        {
            var single = rule.Targets.Count == 1;
            var total = rule.Targets.Sum(t => (long)Math.Max(0, t.Weight ?? 1));
            return [.. rule.Targets.Select(t => new RuleBackendView
            {
                Service = t.Name,
                Namespace = t.Namespace,
                Port = t.Port,
                Weight = t.Weight ?? 1,
                Percent = single ? 100m : total == 0 ? 0 : Math.Round(Math.Max(0, t.Weight ?? 1) * 100m / total, 2),
            })];
        }

        return [.. (router?.Backends ?? []).Select(b => new RuleBackendView { Service = b.Service, Namespace = b.Namespace, Port = b.Port, Percent = b.Share })];
    }

    private static IngressRouteView IngressView(RouteDescription route, DesiredState state)
    {
        var names = route.Rules.SelectMany(r => r.Middlewares).Distinct(StringComparer.Ordinal).ToList();
        return new IngressRouteView
        {
            Name = route.Name,
            Namespace = route.Namespace,
            Kind = route.Kind.ToString().ToLowerInvariant(),
            EntryPoints = route.EntryPoints,
            TlsEnabled = route.Tls,
            TlsSecretName = route.TlsSecretName,
            Routes = route.Rules.Select(r => new RuleView
            {
                Match = r.Match,
                Priority = r.Priority,
                Targets = r.Targets.Select(t => new TargetView { Name = t.Name, Kind = t.Kind, Namespace = t.Namespace, Port = t.Port, Weight = t.Weight }).ToList(),
                Middlewares = r.Middlewares,
            }).ToList(),
            Middlewares = names.Count == 0 ? null : names.Select(n => Middleware(n, route.Namespace, state.Objects)).ToList(),
            File = state.Locate(new ObjectKey(TraefikApi.IngressRouteKind, route.Namespace, route.Name))?.Path,
        };
    }

    private static MiddlewareView Middleware(string reference, string routeNamespace, ManifestSet objects)
    {
        var parsed = MiddlewareReferences.FromText(reference);
        if (MiddlewareReferences.IsCrossProvider(parsed))
        {
            return new MiddlewareView { Name = reference, Note = "Cross-provider reference: defined outside this repository." };
        }

        var ns = MiddlewareReferences.ResolvedNamespace(parsed, routeNamespace);
        var name = parsed.Name;
        var mw = objects.Find<Middleware>(TraefikApi.MiddlewareKind, ns, name);
        return mw is null
            ? new MiddlewareView { Name = reference, Note = $"Middleware {ns}/{name} is not in the repository; Traefik disables a router whose middleware is missing." }
            : new MiddlewareView { Name = reference, Type = mw.Spec.Type, Spec = ManifestYaml.ToJson(mw)["spec"]?.DeepClone() as JsonObject };
    }

    private static BackendView Backend(BackendShare share, ServiceReference reference) => new()
    {
        Service = share.Service,
        Kind = reference.Kind ?? TraefikApi.ServiceKind,
        Namespace = share.Namespace,
        Port = share.Port,
        Weight = share.Weight,
        Percent = share.Percent,
    };

    private static BackendView Backend(BackendShare share, ManifestSet objects, string ns)
    {
        var isTs = objects.Contains(new ObjectKey(TraefikApi.TraefikServiceKind, share.Namespace, share.Service)) && share.Port is null;
        return new BackendView { Service = share.Service, Kind = isTs ? TraefikApi.TraefikServiceKind : TraefikApi.ServiceKind, Namespace = share.Namespace ?? ns, Port = share.Port, Weight = share.Weight, Percent = share.Percent };
    }

    private static MainView MainOf(MirroringSpec m) => new() { Service = m.Name, Kind = m.Kind ?? TraefikApi.ServiceKind, Port = m.Port?.ToString() };

    private static string SnakeStatus(MirrorStatus status) => status switch
    {
        MirrorStatus.Active => "active",
        MirrorStatus.WaitingOnIngress => "waiting_on_ingress",
        _ => "removed",
    };

    private static PendingView Pending(PendingProposal p) => new() { Branch = p.Branch, AheadBy = p.AheadBy, Namespace = p.Namespace, Target = p.Target };

    private static SourceView Source(DesiredState state) => new()
    {
        Basis = SettingsLoader.Name(state.Basis.Mode),
        BaseBranch = state.Basis.BaseBranch,
        Commit = state.Basis.Commit ?? state.Basis.BaseCommit,
        PendingBranch = state.Basis.IsPendingBranch,
        Problems = state.Problems,
        UnreadableFiles = UnreadableFileView.Of(state.Unreadable),
    };
}
