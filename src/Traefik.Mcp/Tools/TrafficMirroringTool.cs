using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Mirroring;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_traffic_mirroring: shadow launches (TraefikService {route}-mirror).</summary>
[McpServerToolType]
public sealed class TrafficMirroringTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_traffic_mirroring";

    /// <summary>Enables, ramps or disables mirroring and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage Traffic Mirroring", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Shadow launch: enable, update (ramp the percentage) or disable TraefikService {route_name}-mirror, whose main service answers users while mirror_percent % of requests are copied to the mirror and its responses discarded. attach_to_ingress repoints IngressRoute {route_name} from {route_name}-wrr to the mirror (this ends the live weighted split unless keep_weighted_split is true). The result says whether the mirror is active or still waiting on an ingress change, with warnings. Disable never deletes a mirror an IngressRoute still points at: use restore_ingress_to_wrr. The route must exist, and main_service must be one of its current backends unless allow_new_main_service is true. The result's traffic_impact shows what changes for real users; a change users did not ask for is refused.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("enable, update or disable.")] string action,
        [Description("Route name: the mirror is {route_name}-mirror.")] string route_name,
        [Description("Kubernetes namespace.")] string @namespace = "default",
        [Description("Percentage of requests copied to the mirror (1-100 to enable; 0-100 to update).")] int mirror_percent = 20,
        [Description("Kubernetes Service that answers users (default {route_name}-stable). It must be one of the route's current backends (the error lists them); the mirror then serves it with the same port and options (transport, sticky sessions…) users have today.")] string? main_service = null,
        [Description("Kubernetes Service receiving the copies (default {route_name}-staging).")] string? mirror_service = null,
        [Description("Main Service port (default: the port the route uses for main_service, or 80 for a new Service).")] int? main_port = null,
        [Description("Mirror Service port (default: the port the route uses for mirror_service when it is one of its backends, else 80).")] int? mirror_port = null,
        [Description("Use {route_name}-wrr as the main service, so users keep the weighted split while traffic is mirrored.")] bool keep_weighted_split = false,
        [Description("Repoint IngressRoute {route_name} from {route_name}-wrr to the mirror (enable).")] bool attach_to_ingress = false,
        [Description("Repoint the IngressRoute back to {route_name}-wrr before deleting the mirror (disable).")] bool restore_ingress_to_wrr = false,
        [Description("Mirror request bodies (Traefik default true).")] bool? mirror_body = null,
        [Description("Allow main_service to be a Service that is not one of the route's current backends, sending every user of the route there on purpose (enable). Default false.")] bool allow_new_main_service = false,
        [Description("Requests with a larger body (bytes) are not mirrored; -1 = no limit.")] long? max_body_size = null,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, call =>
        {
            var act = call.Action(action, "enable", "update", "disable");
            return act switch
            {
                "enable" => call.Change<MirrorIntent, MirrorOutcome>($"Mirror {mirror_percent}% of {route_name} to {mirror_service ?? route_name + "-staging"}", @namespace, route_name, EnableMap, (s, intent) => Mirrors.Enable(s, @namespace, route_name, intent)),
                "update" => call.Change<MirrorPercentIntent, MirrorOutcome>($"Mirror {mirror_percent}% of {route_name}", @namespace, route_name, UpdateMap, (s, intent) => Mirrors.UpdatePercent(s, @namespace, route_name, intent)),
                _ => call.Change<MirrorRemovalIntent, MirrorOutcome>($"Disable mirroring of {route_name}", @namespace, route_name, DisableMap, (s, intent) => Mirrors.Disable(s, @namespace, route_name, intent)),
            };
        }, cancellationToken);
    }

    /// <summary>Parameters ↔ <see cref="MirrorIntent"/> (action=enable).</summary>
    private static readonly ParameterMap EnableMap = ParameterMap.Of(
            ("mirror_percent", "percent"),
            ("main_service", "mainService"),
            ("main_port", "mainPort"),
            ("mirror_service", "mirrorService"),
            ("mirror_port", "mirrorPort"),
            ("keep_weighted_split", "keepWeightedSplit"),
            ("attach_to_ingress", "attachToIngress"),
            ("mirror_body", "mirrorBody"),
            ("allow_new_main_service", "allowNewMainService"),
            ("max_body_size", "maxBodySize"))
        .Naming(("route_name", "routeName"), ("restore_ingress_to_wrr", "restoreIngressToWrr"));

    /// <summary>Parameters ↔ <see cref="MirrorPercentIntent"/> (action=update).</summary>
    private static readonly ParameterMap UpdateMap = ParameterMap.Of(
            ("mirror_percent", "percent"),
            ("mirror_service", "mirrorService"))
        .Naming(("route_name", "routeName"), ("main_service", "mainService"), ("main_port", "mainPort"), ("keep_weighted_split", "keepWeightedSplit"));

    /// <summary>Parameters ↔ <see cref="MirrorRemovalIntent"/> (action=disable).</summary>
    private static readonly ParameterMap DisableMap = ParameterMap.Of(("restore_ingress_to_wrr", "restoreIngressToWrr"))
        .Naming(("route_name", "routeName"), ("attach_to_ingress", "attachToIngress"));
}
