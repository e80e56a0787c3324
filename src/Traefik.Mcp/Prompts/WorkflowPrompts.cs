using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Traefik.Mcp.Prompts;

/// <summary>
/// Step-by-step plans for the seed workflows, naming the tool calls to make. Each returns its text, which the
/// SDK sends as one user message; a string (rather than ChatMessage) keeps the return schema the SDK derives
/// at start-up trivial, which is most of the NativeAOT server's start-up time otherwise.
/// </summary>
[McpServerPromptType]
public sealed class WorkflowPrompts
{
    /// <summary>Weighted canary rollout.</summary>
    [McpServerPrompt(Name = "weighted_canary_rollout", Title = "Weighted canary rollout")]
    [Description("Plan a progressive canary rollout through reviewed pull requests: create the weighted route at 100/0, shift 95/5, check the distribution, complete at 0/100.")]
    public static string WeightedCanaryRollout(
        [Description("Route name.")] string route_name,
        [Description("Namespace.")] string @namespace,
        [Description("Host name.")] string hostname,
        [Description("Stable Kubernetes Service.")] string stable_service,
        [Description("Canary Kubernetes Service.")] string canary_service) =>
        $"""
            Roll out {canary_service} behind route {route_name} in namespace {@namespace} ({hostname}) as a weighted canary. Every step returns a proposed diff: show it to me, then deliver it with traefik_deliver_proposal (delivery=pull_request) once I approve.
            1. traefik_manage_weighted_routing action=create route_name={route_name} namespace={@namespace} hostname={hostname} stable_service={stable_service} canary_service={canary_service} stable_weight=100 canary_weight=0.
            2. Read traefik://traffic/routes/list and confirm {route_name}-wrr lists both backends (100% / 0%).
            3. traefik_manage_weighted_routing action=update route_name={route_name} namespace={@namespace} stable_weight=95 canary_weight=5.
            4. Read traefik://traffic/{@namespace}/{route_name}/distribution and check the split (and the observed split if Prometheus is configured); run traefik_check_anomalies if it is available.
            5. When healthy: action=update stable_weight=0 canary_weight=100.
            6. Clean up later with action=delete (Services and shared middlewares are never deleted).
            """;

    /// <summary>Shadow launch.</summary>
    [McpServerPrompt(Name = "shadow_launch", Title = "Shadow (dark) launch")]
    [Description("Plan a shadow launch: mirror a percentage of live traffic to a new version without affecting users, ramp it, and tear it down.")]
    public static string ShadowLaunch(
        [Description("Route name.")] string route_name,
        [Description("Namespace.")] string @namespace,
        [Description("Service that answers users.")] string main_service,
        [Description("Service that receives the copies.")] string mirror_service,
        [Description("Initial percentage to mirror.")] int mirror_percent = 20) =>
        $"""
            Shadow-launch {mirror_service} behind route {route_name} in {@namespace}. Shadow traffic executes side effects for real (writes, e-mails): confirm {mirror_service} is read-only or idempotent, or uses an isolated database.
            1. traefik_manage_traffic_mirroring action=enable route_name={route_name} namespace={@namespace} main_service={main_service} mirror_service={mirror_service} mirror_percent={mirror_percent} attach_to_ingress=false. Report the warnings and the mirror status (it waits on an ingress change).
            2. Only with my explicit sign-off: enable again with attach_to_ingress=true. This ends the live weighted split for real users (all responses then come from {main_service}); use keep_weighted_split=true to keep the split and mirror from {route_name}-wrr instead.
            3. Check traefik://traffic/routes/list, traefik://traffic/{@namespace}/{route_name}/distribution (traffic_split.type should be mirror) and traefik://traffic/ingressroutes/list.
            4. Check anomalies (traefik://anomalies/detected) before ramping.
            5. Ramp: action=update mirror_percent=50.
            6. Tear down: action=disable restore_ingress_to_wrr=true (repoints the route to {route_name}-wrr, then deletes {route_name}-mirror).
            """;

    /// <summary>Protect a route with a rate limit and a circuit breaker.</summary>
    [McpServerPrompt(Name = "protect_route", Title = "Protect a route (rate limit + circuit breaker)")]
    [Description("Plan a rate limit and a circuit breaker for a route and attach them.")]
    public static string ProtectRoute(
        [Description("Route name.")] string route_name,
        [Description("Namespace.")] string @namespace,
        [Description("Average requests per second.")] int average = 100,
        [Description("Burst.")] int burst = 200) =>
        $"""
            Protect route {route_name} in {@namespace}. Show me each proposed diff before delivering.
            1. traefik_manage_middleware action=create middleware_type=rate_limit middleware_name={route_name}-rate-limit namespace={@namespace} average={average} burst={burst} period=1s.
            2. traefik_manage_middleware action=create middleware_type=circuit_breaker middleware_name={route_name}-cb namespace={@namespace} trigger_type=error-rate threshold=0.3 response_code=429 (429 tells proxy rejections apart from backend 503s).
            3. traefik_manage_route_middlewares action=attach route_name={route_name} namespace={@namespace} middleware_names=["{route_name}-rate-limit", "{route_name}-cb"] (order matters: rate limit first).
            4. Read traefik://traffic/{@namespace}/{route_name}/distribution to confirm both are attached, and traefik://metrics/{@namespace}/<service>/summary for health if available.
            """;

    /// <summary>NGINX-style path prefix migration.</summary>
    [McpServerPrompt(Name = "path_prefix_migration", Title = "NGINX-style path prefix migration")]
    [Description("Plan a strip-prefix middleware and attach it, as an NGINX rewrite would.")]
    public static string PathPrefixMigration(
        [Description("Route name.")] string route_name,
        [Description("Namespace.")] string @namespace,
        [Description("Prefix to strip, e.g. /api.")] string prefix) =>
        $"""
            Migrate the NGINX rewrite of {prefix} for route {route_name} in {@namespace}.
            1. traefik_manage_middleware action=create middleware_type=strip_prefix middleware_name={route_name}-strip namespace={@namespace} prefixes=["{prefix}"].
            2. traefik_manage_route_middlewares action=attach route_name={route_name} namespace={@namespace} middleware_names=["{route_name}-strip"].
            3. Read traefik://traffic/{@namespace}/{route_name}/distribution to check the middleware order.
            """;
}
