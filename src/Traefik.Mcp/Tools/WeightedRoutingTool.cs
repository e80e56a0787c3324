using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_weighted_routing: canary routes (IngressRoute {route} → TraefikService {route}-wrr).</summary>
[McpServerToolType]
public sealed class WeightedRoutingTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_weighted_routing";

    /// <summary>Creates, re-weights or deletes a weighted route and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage Weighted Routing", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Create, update (shift weights) or delete a weighted canary route: IngressRoute {route_name} whose rule points at the weighted TraefikService {route_name}-wrr, which splits traffic between Kubernetes Services named exactly as given. Returns a proposed diff of the GitOps repository (or delivers it as a worktree change, branch commit or pull request); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("create (or replace), update (weights), delete, or ensure_backend (create or replace only the {route_name}-wrr TraefikService).")] string action,
        [Description("Route name: the IngressRoute is {route_name}, the TraefikService {route_name}-wrr.")] string route_name,
        [Description("Kubernetes namespace.")] string @namespace = "default",
        [Description("Host name to match (create).")] string? hostname = null,
        [Description("Stable Kubernetes Service name, used exactly as given (create; on update it selects the backend).")] string? stable_service = null,
        [Description("Canary Kubernetes Service name, used exactly as given; omit for a single-backend route.")] string? canary_service = null,
        [Description("Stable weight (0 or more; weights are relative).")] int? stable_weight = null,
        [Description("Canary weight (0 or more).")] int? canary_weight = null,
        [Description("Stable Service port number (default 80).")] int? stable_port = null,
        [Description("Canary Service port number (default 80).")] int? canary_port = null,
        [Description("Stable Service port name, instead of a number.")] string? stable_port_name = null,
        [Description("Canary Service port name, instead of a number.")] string? canary_port_name = null,
        [Description("Entry points (default web, or websecure with TLS; https means websecure, http means web). With TLS, web is refused: HTTPS clients never arrive on the plain-HTTP entry point.")] string[]? entry_points = null,
        [Description("Path to match, e.g. /api.")] string? path_prefix = null,
        [Description("PathPrefix (default), Path or PathRegexp (path_prefix is then a regular expression).")] string? path_match_type = null,
        [Description("Turn TLS on (tls_secret_name, cert_resolver or tls_options turn it on too).")] bool tls_enabled = false,
        [Description("Secret (type kubernetes.io/tls) with the certificate.")] string? tls_secret_name = null,
        [Description("ACME certificate resolver, instead of a Secret.")] string? cert_resolver = null,
        [Description("TLSOption reference: name or namespace/name.")] string? tls_options = null,
        [Description("Middlewares in order: name, namespace/name or name@provider. Each must exist (except name@provider).")] string[]? middlewares = null,
        [Description("Header that must be present (Header matcher).")] string? header_name = null,
        [Description("Exact header value (default true).")] string? header_value = null,
        [Description("Cookie that must be present (takes a cookie-boundary-anchored HeaderRegexp on Cookie).")] string? cookie_name = null,
        [Description("Regular expression for the cookie value (default: true).")] string? cookie_regex = null,
        [Description("Router priority.")] long? priority = null,
        [Description("Accepted for compatibility and ignored: Services and shared middlewares are never deleted.")] bool clean_all = false,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, call =>
        {
            var act = call.Action(action, "create", "update", "delete", "ensure_backend");
            if (act is "create" or "ensure_backend" && canary_service is null && canary_weight is > 0)
            {
                throw new ManifestException("canary_service", "is required when canary_weight is above 0.");
            }

            return act switch
            {
                "create" => call.Change<WeightedRouteIntent, WeightedRouteOutcome>($"Create weighted route {route_name}", @namespace, route_name, CreateMap, (s, intent) => WeightedRoutes.Upsert(s, @namespace, route_name, intent)),
                "update" => call.Change<WeightsIntent, WeightedRouteOutcome>(
                    $"Set weights of {route_name}" + (stable_weight is not null && canary_weight is not null ? $" to {stable_weight}/{canary_weight}" : string.Empty),
                    @namespace,
                    route_name,
                    UpdateMap,
                    (s, intent) => WeightedRoutes.UpdateWeights(s, @namespace, route_name, intent)),
                "ensure_backend" => call.Change<WeightedBackendsIntent, WeightedRouteOutcome>($"Ensure weighted backend {route_name}-wrr", @namespace, route_name, EnsureBackendMap, (s, intent) => WeightedRoutes.EnsureBackend(s, @namespace, route_name, intent)),
                _ => call.Change($"Delete weighted route {route_name}", @namespace, route_name, DeleteMap, s =>
                {
                    var result = WeightedRoutes.Delete(s, @namespace, route_name);
                    return clean_all
                        ? result with { Warnings = result.Warnings.Add("clean_all was ignored: Kubernetes Services and middlewares other routes may share are never deleted by this tool.") }
                        : result;
                }),
            };
        }, cancellationToken);
    }

    private static readonly ParameterMap DeleteMap = ParameterMap.Of().Naming(("route_name", "routeName"), ("route_name", "name"));

    /// <summary>Parameters ↔ the backends of <see cref="WeightedRouteIntent"/> and <see cref="WeightedBackendsIntent"/>: the stable one first, then the canary.</summary>
    private static ParameterMap Backends(string action) => DeleteMap
        .With(new ParameterRow("stable_service", "backends[0].service") { Required = $"is required for action={action}." })
        .With(new ParameterRow("stable_port", "backends[0].port"))
        .With(new ParameterRow("stable_port_name", "backends[0].port"))
        .With(new ParameterRow("stable_weight", "backends[0].weight") { Default = 100 })
        .With(new ParameterRow("canary_service", "backends[1].service"))
        .With(new ParameterRow("canary_port", "backends[1].port") { Needs = "canary_service" })
        .With(new ParameterRow("canary_port_name", "backends[1].port") { Needs = "canary_service" })
        .With(new ParameterRow("canary_weight", "backends[1].weight") { Needs = "canary_service", Default = 0 })
        .Naming(("stable_weight", "backends"));

    /// <summary>Parameters ↔ <see cref="WeightedBackendsIntent"/> (action=ensure_backend).</summary>
    private static readonly ParameterMap EnsureBackendMap = Backends("ensure_backend");

    /// <summary>Parameters ↔ <see cref="WeightedRouteIntent"/> (action=create).</summary>
    private static readonly ParameterMap CreateMap = Backends("create")
        .With(new ParameterRow("hostname", "match.host") { Required = "is required for action=create." })
        .With(new ParameterRow("path_prefix", "match.path"))
        .With(new ParameterRow("path_match_type", "match.pathMatchType") { Convert = value => PathMatch(value.GetValue<string>()) })
        .With(new ParameterRow("header_name", "match.headerName"))
        .With(new ParameterRow("header_value", "match.headerValue"))
        .With(new ParameterRow("cookie_name", "match.cookieName"))
        .With(new ParameterRow("cookie_regex", "match.cookieValueRegex"))
        .With(new ParameterRow("entry_points", "entryPoints"))
        .With(new ParameterRow("tls_enabled", "tls") { Convert = value => value.GetValue<bool>() ? new JsonObject() : null })
        .With(new ParameterRow("tls_secret_name", "tls.secretName"))
        .With(new ParameterRow("cert_resolver", "tls.certResolver"))
        .With(new ParameterRow("tls_options", "tls.options"))
        .With(new ParameterRow("middlewares", "middlewares"))
        .With(new ParameterRow("priority", "priority"));

    /// <summary>
    /// Parameters ↔ <see cref="WeightsIntent"/> (action=update): a weight by role; its Service and port only name or
    /// add the backend whose weight changes, so they count only with that weight.
    /// </summary>
    private static readonly ParameterMap UpdateMap = DeleteMap
        .With(new ParameterRow("stable_weight", "stable.weight"))
        .With(new ParameterRow("stable_service", "stable.service") { Needs = "stable_weight" })
        .With(new ParameterRow("stable_port", "stable.port") { Needs = "stable_weight" })
        .With(new ParameterRow("stable_port_name", "stable.port") { Needs = "stable_weight" })
        .With(new ParameterRow("canary_weight", "canary.weight"))
        .With(new ParameterRow("canary_service", "canary.service") { Needs = "canary_weight" })
        .With(new ParameterRow("canary_port", "canary.port") { Needs = "canary_weight" })
        .With(new ParameterRow("canary_port_name", "canary.port") { Needs = "canary_weight" })
        .Naming(("stable_weight", "weights"));

    private static JsonNode PathMatch(string? value) => JsonValue.Create(ParsePathMatch(value).ToString());

    private static PathMatchType ParsePathMatch(string? value) => value switch
    {
        null or "PathPrefix" => PathMatchType.PathPrefix,
        "Path" => PathMatchType.Path,
        "PathRegexp" => PathMatchType.PathRegexp,
        _ => throw new ManifestException("path_match_type", $"must be PathPrefix, Path or PathRegexp, not '{value}'."),
    };
}
