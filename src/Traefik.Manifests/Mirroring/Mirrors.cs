using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Mirroring;

/// <summary>
/// Shadow launches: create, ramp and remove a route's mirror, and (on request) repoint the route at
/// it. A mirror an IngressRoute still points at is never deleted: that would send live traffic nowhere.
/// </summary>
public static class Mirrors
{
    /// <summary>
    /// Creates the mirror, or replaces its spec when it exists; optionally attaches it to the ingress. The route must
    /// exist (IngressRoute <c>{route}</c> or TraefikService <c>{route}-wrr</c>). The main service must be one of the
    /// route's current backends unless <see cref="MirrorIntent.AllowNewMainService"/> is set, and its reference copies
    /// that backend's port, namespace and options, so users keep the transport, stickiness and everything else they
    /// were served with; with <see cref="MirrorIntent.KeepWeightedSplit"/> the main service is <c>{route}-wrr</c> itself.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The route's namespace.</param>
    /// <param name="routeName">The route name; the mirror is <c>{routeName}-mirror</c>.</param>
    /// <param name="intent">The main service, the mirror and the percentage.</param>
    /// <exception cref="ManifestException">
    /// The intent is not valid, the route does not exist, the main service is not one of its backends, or
    /// <c>{route}-mirror</c> exists with another apiVersion.
    /// </exception>
    public static OperationResult<MirrorOutcome> Enable(ManifestSet current, string @namespace, string routeName, MirrorIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var percent = intent.Percent ?? MirroringDefaults.Percent;
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems, "routeName");
        RouteRules.Namespace(@namespace, problems);
        var mainName = intent.MainService ?? routeName + MirroringDefaults.MainSuffix;
        var mirrorName = intent.MirrorService ?? routeName + MirroringDefaults.MirrorSuffix;
        if (intent.KeepWeightedSplit && intent.MainService is not null)
        {
            problems.Add("mainService", $"is set together with keepWeightedSplit; with keepWeightedSplit the main service is the route's {WeightedRoutes.TraefikServiceName(routeName)}, so leave mainService out.");
        }
        else if (!intent.KeepWeightedSplit)
        {
            problems.Check("mainService", Check.ServiceName(mainName));
            if (intent.MainPort is { } mainPort)
            {
                RouteRules.Port(mainPort, problems, "mainPort");
            }
        }

        problems.Check("mirrorService", Check.ServiceName(mirrorName));
        if (intent.MirrorPort is { } mirrorPort)
        {
            RouteRules.Port(mirrorPort, problems, "mirrorPort");
        }

        if (percent is < 1 or > 100)
        {
            problems.Add("percent", $"must be from 1 to 100 to enable mirroring (got {percent}).");
        }

        if (intent.MaxBodySize is < -1)
        {
            problems.Add("maxBodySize", "must be -1 (no limit) or a number of bytes.");
        }

        if (!intent.KeepWeightedSplit && mainName == mirrorName)
        {
            problems.Add("mirrorService", "is the main service too; mirror to a different Service.");
        }

        problems.ThrowIfAny($"Cannot enable mirroring for route {routeName}.");
        var wrrName = WeightedRoutes.TraefikServiceName(routeName);
        var mirrorTs = WeightedRoutes.MirrorServiceName(routeName);
        var wrrKey = new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, wrrName);
        var routeKey = new ObjectKey(TraefikApi.IngressRouteKind, @namespace, routeName);
        var route = current.Find<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName);
        if (route is null && !current.Contains(wrrKey))
        {
            throw new ManifestException("routeName", $"the route {@namespace}/{routeName} does not exist: there is no IngressRoute {routeName} and no TraefikService {wrrName} in {@namespace}, so a mirror would serve no one. Create the route first, or check the route name and namespace.");
        }

        if (intent.KeepWeightedSplit && !current.Contains(wrrKey))
        {
            throw new ManifestException("keepWeightedSplit", $"TraefikService {@namespace}/{wrrName} does not exist, so there is no weighted split to keep; create the weighted route first or mirror from a Service.");
        }

        var backends = RouteBackends(current, routeKey, wrrKey);
        var newMain = false;
        MirroringSpec main;
        if (intent.KeepWeightedSplit)
        {
            main = new MirroringSpec { Kind = TraefikApi.TraefikServiceKind, Name = wrrName };
        }
        else
        {
            var candidates = backends.Where(b => b.Service == mainName && (intent.MainPort is null || b.Port == intent.MainPort.Value.ToString())).ToList();
            if (candidates.Count > 0)
            {
                main = Reference(candidates.OrderByDescending(b => b.Share).First(), @namespace, ManifestJsonContext.Default.MirroringSpec, keepSticky: true);
            }
            else if (intent.AllowNewMainService)
            {
                newMain = true;
                main = new MirroringSpec { Name = mainName, Port = intent.MainPort ?? RoutingDefaults.Port };
            }
            else
            {
                var sameName = backends.Where(b => b.Service == mainName).ToList();
                throw new ManifestException(
                    sameName.Count > 0 ? "mainPort" : "mainService",
                    sameName.Count > 0
                        ? $"the route {@namespace}/{routeName} sends users to {mainName} on port {string.Join(" and ", sameName.Select(b => b.Port).Distinct())}, not {intent.MainPort}; leave mainPort out to keep the port users are served on, or set allowNewMainService to send them to the new port on purpose."
                        : $"{Check.Show(mainName)} is not one of the backends of route {@namespace}/{routeName} ({(backends.IsEmpty ? "it has none" : string.Join(", ", backends.Select(b => b.Service).Distinct()))}); as the main service it would answer every user of the route, who never reached it before. Name one of the route's backends, or set allowNewMainService to send users to a new Service on purpose.");
            }
        }

        var knownMirror = backends.Where(b => b.Service == mirrorName && (intent.MirrorPort is null || b.Port == intent.MirrorPort.Value.ToString())).OrderByDescending(b => b.Share).FirstOrDefault();
        var mirror = knownMirror is null
            ? new MirrorTarget { Name = mirrorName, Port = intent.MirrorPort ?? RoutingDefaults.Port }
            : Reference(knownMirror, @namespace, ManifestJsonContext.Default.MirrorTarget, keepSticky: false);
        var editor = new ManifestEditor(current);
        editor.CreateOrReplace<TraefikService>(TraefikApi.TraefikServiceKind, @namespace, mirrorTs, "routeName", routeName, (_, metadata) => new TraefikService
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.TraefikServiceKind,
            Metadata = metadata,
            Spec = new TraefikServiceSpec
            {
                Mirroring = main with
                {
                    Mirrors = [mirror with { Percent = percent }],
                    MirrorBody = intent.MirrorBody,
                    MaxBodySize = intent.MaxBodySize,
                },
            },
        });

        var mainWords = intent.KeepWeightedSplit ? wrrName : main.Name;
        if (intent.AttachToIngress)
        {
            Repoint(editor, @namespace, routeName, from: wrrName, to: mirrorTs, "attachToIngress");
            editor.Warn(intent.KeepWeightedSplit
                ? $"IngressRoute {routeName} now points at {mirrorTs}: users keep the weighted split of {wrrName}, and {percent}% of requests are also copied to {mirrorName}, whose responses are discarded."
                : $"Repointing IngressRoute {routeName} to {mirrorTs} ends the live weighted split: every user response now comes from {mainWords}; {mirrorName} only receives copies of {percent}% of requests and its responses are discarded.");
        }
        else if (route is not null && WeightedRoutes.PointsAt(route, wrrName))
        {
            editor.Warn($"Repointing IngressRoute {routeName} from {wrrName} to {mirrorTs} (attach to ingress) "
                + (intent.KeepWeightedSplit ? "keeps the weighted split for users while copying traffic to the mirror." : $"would end the live weighted split: every user response would come from {mainWords}."));
        }
        else if (route is not null && !WeightedRoutes.PointsAt(route, mirrorTs))
        {
            editor.Warn($"IngressRoute {routeName} does not point at {wrrName}, so attach to ingress cannot repoint it: {mirrorTs} receives nothing until a rule points at it (kind TraefikService); point it there yourself to start the shadow traffic.");
        }
        else if (route is null)
        {
            editor.Warn($"There is no IngressRoute {routeName} in the repository: {mirrorTs} receives nothing until the IngressRoute serving this route points at it (kind TraefikService) instead of {wrrName}.");
        }

        if (newMain)
        {
            editor.Warn($"{mainName} is not one of the route's backends ({string.Join(", ", backends.Select(b => b.Service).Distinct())}); as asked (allow new main service), users served through {mirrorTs} go to it.");
        }

        editor.Warn($"Shadow traffic reaches {mirrorName} for real: database writes, e-mails and other side effects happen. Mirror only read-only or idempotent services, or point the shadow at an isolated database.");
        var mirrorKey = new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, mirrorTs);
        var allowed = ChangeAllowance.RoutersReaching(mirrorKey, RouterProperty.Shares | RouterProperty.Mirrors)
            .And(ChangeAllowance.RoutersOf(routeKey, RouterProperty.Shares | RouterProperty.Mirrors));
        if (newMain)
        {
            string[] services = [$"{@namespace}/{mainName}"];
            allowed = allowed
                .And(ChangeAllowance.RoutersReaching(mirrorKey, RouterProperty.NewBackends, services))
                .And(ChangeAllowance.RoutersOf(routeKey, RouterProperty.NewBackends, services));
        }

        return editor.Result(Describe(editor.Current, @namespace, routeName), allowed);
    }

    /// <summary>
    /// The backends users of the route reach today: those of IngressRoute <c>{route}</c>'s rules, and those of
    /// <c>{route}-wrr</c> (which the route points at, or will point at again when a mirror is removed).
    /// </summary>
    private static ImmutableList<EffectiveBackend> RouteBackends(ManifestSet current, ObjectKey route, ObjectKey wrr) =>
        [.. RoutingModel.RoutersOf(current, route).SelectMany(r => r.Backends)
            .Concat(current.Contains(wrr) ? RoutingModel.BackendsOf(current, wrr) : [])
            .Where(b => !b.External && !b.Fallback)];

    /// <summary>
    /// A reference to the backend with every option it is served with, as a mirroring main service or a mirror;
    /// a mirror leaves out stickiness (its responses, cookies included, never reach a client).
    /// </summary>
    private static T Reference<T>(EffectiveBackend backend, string ownerNamespace, JsonTypeInfo<T> type, bool keepSticky)
        where T : ServiceReference
    {
        var json = new JsonObject { ["name"] = backend.Service };
        if (backend.Namespace != ownerNamespace)
        {
            json["namespace"] = backend.Namespace;
        }

        if (backend.Port is { } port)
        {
            json["port"] = long.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(port);
        }

        foreach (var (key, value) in backend.Options)
        {
            if (keepSticky || key != "sticky")
            {
                json[key] = JsonNode.Parse(value);
            }
        }

        return json.Deserialize(type) ?? throw new InvalidOperationException("A service reference read back as null.");
    }

    /// <summary>Changes the percentage copied to a mirror (0 keeps the mirror but copies nothing).</summary>
    /// <exception cref="ManifestException">The mirror does not exist, the percentage is out of range, or the named mirror is not one of its mirrors.</exception>
    public static OperationResult<MirrorOutcome> UpdatePercent(ManifestSet current, string @namespace, string routeName, MirrorPercentIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var percent = intent.Percent ?? MirroringDefaults.Percent;
        var mirrorService = intent.MirrorService;
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems, "routeName");
        RouteRules.Namespace(@namespace, problems);
        if (percent is < 0 or > 100)
        {
            problems.Add("percent", $"must be from 0 to 100 (got {percent}).");
        }

        problems.ThrowIfAny($"Cannot update mirroring for route {routeName}.");
        var mirrorTs = WeightedRoutes.MirrorServiceName(routeName);
        var existing = current.Find<TraefikService>(TraefikApi.TraefikServiceKind, @namespace, mirrorTs);
        if (existing?.Spec.Mirroring?.Mirrors is not { IsEmpty: false } mirrors)
        {
            throw new ManifestException("routeName", existing is null
                ? $"TraefikService {@namespace}/{mirrorTs} does not exist; enable mirroring first."
                : $"TraefikService {@namespace}/{mirrorTs} has no mirrors to update.");
        }

        var index = mirrorService is null ? 0 : mirrors.FindIndex(m => m.Name == mirrorService);
        if (index < 0)
        {
            throw new ManifestException("mirrorService", $"{Check.Show(mirrorService!)} is not a mirror of {mirrorTs}; its mirrors are {string.Join(", ", mirrors.Select(m => m.Name))}.");
        }

        if (mirrorService is null && mirrors.Count > 1)
        {
            throw new ManifestException("mirrorService", $"{mirrorTs} has {mirrors.Count} mirrors; name the one to change ({string.Join(", ", mirrors.Select(m => m.Name))}).");
        }

        var editor = new ManifestEditor(current);
        editor.Set(existing with
        {
            Spec = existing.Spec with { Mirroring = existing.Spec.Mirroring with { Mirrors = mirrors.SetItem(index, mirrors[index] with { Percent = percent }) } },
        });
        if (percent == 0)
        {
            editor.Warn($"With 0% nothing is mirrored, but {mirrorTs} stays in place; disable mirroring to remove it.");
        }

        return editor.Result(Describe(editor.Current, @namespace, routeName), ChangeAllowance.RoutersReaching(existing.Key, RouterProperty.Mirrors));
    }

    /// <summary>
    /// Removes the mirror. With <see cref="MirrorRemovalIntent.RestoreIngressToWrr"/> the rules pointing at it are first
    /// repointed to <c>{route}-wrr</c>; without it, a mirror still in use is not deleted.
    /// </summary>
    /// <exception cref="ManifestException">The mirror does not exist, is still referenced, or <c>{route}-wrr</c> is missing for the restore.</exception>
    public static OperationResult<MirrorOutcome> Disable(ManifestSet current, string @namespace, string routeName, MirrorRemovalIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var restoreIngressToWrr = intent.RestoreIngressToWrr;
        var problems = new Problems();
        RouteRules.RouteName(routeName, problems, "routeName");
        RouteRules.Namespace(@namespace, problems);
        problems.ThrowIfAny($"Cannot disable mirroring for route {routeName}.");
        var mirrorTs = WeightedRoutes.MirrorServiceName(routeName);
        var wrrName = WeightedRoutes.TraefikServiceName(routeName);
        var key = new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, mirrorTs);
        if (!current.Contains(key))
        {
            throw new ManifestException("routeName", $"TraefikService {@namespace}/{mirrorTs} does not exist; there is no mirroring to disable.");
        }

        var editor = new ManifestEditor(current);
        if (restoreIngressToWrr)
        {
            if (!current.Contains(new ObjectKey(TraefikApi.TraefikServiceKind, @namespace, wrrName)))
            {
                throw new ManifestException("restoreIngressToWrr", $"TraefikService {@namespace}/{wrrName} does not exist, so the ingress cannot be restored to it; create the weighted route first, or repoint the ingress yourself and disable without restoring.");
            }

            var route = editor.Find<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName);
            if (route is not null && WeightedRoutes.PointsAt(route, mirrorTs))
            {
                Repoint(editor, @namespace, routeName, from: mirrorTs, to: wrrName, "restoreIngressToWrr");
                editor.Warn($"IngressRoute {routeName} points at {wrrName} again: the weighted split serves users as before.");
            }
        }

        var users = References.UsesOf(editor.Current, key).ToList();
        if (users.Count > 0)
        {
            throw new ManifestException(
                $"Cannot delete {mirrorTs}: it still receives live traffic.",
                users.Select(u => new ManifestProblem($"{u.From} {u.Path}", $"points at {mirrorTs}; deleting it would send that traffic nowhere. Disable with restoreIngressToWrr, or repoint {u.From} first.")).ToArray());
        }

        editor.Remove(key);
        return editor.Result(
            Describe(editor.Current, @namespace, routeName),
            restoreIngressToWrr ? ChangeAllowance.RoutersReaching(key, RouterProperty.Shares | RouterProperty.NewBackends | RouterProperty.Mirrors | RouterProperty.Options) : ChangeAllowance.None);
    }

    /// <summary>Describes a route's mirror as it stands in <paramref name="objects"/>.</summary>
    public static MirrorOutcome Describe(ManifestSet objects, string @namespace, string routeName)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var mirrorTs = WeightedRoutes.MirrorServiceName(routeName);
        var mirror = objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, @namespace, mirrorTs)?.Spec.Mirroring;
        var route = objects.Find<IngressRoute>(TraefikApi.IngressRouteKind, @namespace, routeName);
        var targets = route?.Spec.Routes.Select(r => string.Join(", ", (r.Services ?? []).Select(s => s.IsTraefikService() ? $"{s.Name} (TraefikService)" : s.Name))).ToImmutableList() ?? [];
        var active = mirror is not null && objects.OfType<IngressRoute>().Any(r => r.Namespace == @namespace && WeightedRoutes.PointsAt(r, mirrorTs));
        var status = mirror is null ? MirrorStatus.Removed : active ? MirrorStatus.Active : MirrorStatus.WaitingOnIngress;
        var next = status switch
        {
            MirrorStatus.WaitingOnIngress => ImmutableList.Create(
                $"{mirrorTs} receives no traffic until IngressRoute {routeName} points at it: enable again with attach to ingress, or set the rule's service to {mirrorTs} (kind TraefikService) yourself.",
                "Watch the shadow's error rate and latency before ramping the percentage."),
            MirrorStatus.Active => ImmutableList.Create(
                "Watch the shadow's error rate and latency (anomaly check) before ramping the percentage.",
                "To end the test: disable mirroring with restore to the weighted route."),
            _ => ImmutableList<string>.Empty,
        };
        return new MirrorOutcome
        {
            Namespace = @namespace,
            RouteName = routeName,
            MirrorTraefikService = mirrorTs,
            Status = status,
            Main = mirror is null ? null : mirror.IsTraefikService() ? $"{mirror.Name} (TraefikService)" : mirror.Name,
            Mirrors = mirror?.Mirrors?.Select(m => new MirrorShare(m.Name, m.Port?.ToString(), m.Percent ?? 0)).ToImmutableList() ?? [],
            IngressTargets = targets,
            NextSteps = next,
        };
    }

    private static void Repoint(ManifestEditor editor, string ns, string routeName, string from, string to, string path)
    {
        var route = editor.Find<IngressRoute>(TraefikApi.IngressRouteKind, ns, routeName)
            ?? throw new ManifestException(path, $"IngressRoute {ns}/{routeName} does not exist, so there is no ingress to repoint.");
        if (WeightedRoutes.PointsAt(route, to) && !WeightedRoutes.PointsAt(route, from))
        {
            return;
        }

        if (!WeightedRoutes.PointsAt(route, from))
        {
            throw new ManifestException(path, $"no rule of IngressRoute {ns}/{routeName} points at TraefikService {from}, so none can be repointed to {to}; repoint the rules you want yourself.");
        }

        var rules = route.Spec.Routes.Select(rule => rule with
        {
            Services = rule.Services?.Select(s => s.IsTraefikService() && s.Name == from && (s.Namespace is null || s.Namespace == ns) ? s with { Name = to } : s).ToImmutableList(),
        }).ToImmutableList();
        editor.Set(route with { Spec = route.Spec with { Routes = rules } });
    }
}
