using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Proposals;

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
        [Description("Turn TLS on.")] bool tls_enabled = false,
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
        return runner.RunAsync(Name, arguments, delivery, () =>
        {
            var act = ToolArguments.Action(action, Name, "create", "update", "delete", "ensure_backend");
            var fingerprint = ToolRunner.Fingerprint(Name, arguments);
            return act switch
            {
                "create" => TrafficIntent.Create($"Create weighted route {route_name}", fingerprint, @namespace, route_name, ParameterPaths.Renamed(s => WeightedRoutes.Create(s, CreateSpec()), Rename)),
                "update" => TrafficIntent.Create(
                    $"Set weights of {route_name}" + (stable_weight is not null && canary_weight is not null ? $" to {stable_weight}/{canary_weight}" : string.Empty),
                    fingerprint,
                    @namespace,
                    route_name,
                    ParameterPaths.Renamed(s => WeightedRoutes.UpdateWeights(s, @namespace, route_name, Weights(s)), Rename)),
                "ensure_backend" => TrafficIntent.Create($"Ensure weighted backend {route_name}-wrr", fingerprint, @namespace, route_name, ParameterPaths.Renamed(
                    s => WeightedRoutes.EnsureBackend(s, @namespace, route_name, Backends("ensure_backend")),
                    Rename)),
                _ => TrafficIntent.Create($"Delete weighted route {route_name}", fingerprint, @namespace, route_name, ParameterPaths.Renamed(
                    s =>
                    {
                        var result = WeightedRoutes.Delete(s, @namespace, route_name);
                        return clean_all
                            ? result with { Warnings = result.Warnings.Add("clean_all was ignored: Kubernetes Services and middlewares other routes may share are never deleted by this tool.") }
                            : result;
                    },
                    Rename)),
            };
        }, cancellationToken);

        System.Collections.Immutable.ImmutableList<WeightedBackend> Backends(string forAction)
        {
            var backends = new List<WeightedBackend>
            {
                new() { Service = ToolArguments.Required(stable_service, "stable_service", forAction), Port = ToolArguments.Port(stable_port, stable_port_name, 80), Weight = stable_weight ?? 100 },
            };
            if (canary_service is not null)
            {
                backends.Add(new WeightedBackend { Service = canary_service, Port = ToolArguments.Port(canary_port, canary_port_name, 80), Weight = canary_weight ?? 0 });
            }
            else if (canary_weight is > 0)
            {
                throw new ManifestException("canary_service", "is required when canary_weight is above 0.");
            }

            return [.. backends];
        }

        WeightedRouteSpec CreateSpec()
        {
            var backends = Backends("create");
            return new WeightedRouteSpec
            {
                Name = route_name,
                Namespace = @namespace,
                Match = new RouteMatch
                {
                    Host = ToolArguments.Required(hostname, "hostname", "create"),
                    Path = path_prefix,
                    PathMatchType = ParsePathMatch(path_match_type),
                    HeaderName = header_name,
                    HeaderValue = header_value,
                    CookieName = cookie_name,
                    CookieValueRegex = cookie_regex,
                },
                Backends = backends,
                EntryPoints = ToolArguments.List(entry_points),
                Tls = tls_enabled || tls_secret_name is not null || cert_resolver is not null
                    ? new TlsSettings { SecretName = tls_secret_name, CertResolver = cert_resolver, Options = tls_options }
                    : null,
                Middlewares = ToolArguments.List(middlewares),
                Priority = priority,
            };
        }

        List<BackendWeight> Weights(ManifestSet current)
        {
            if (stable_weight is null && canary_weight is null)
            {
                throw new ManifestException("stable_weight", "give stable_weight and/or canary_weight for action=update.");
            }

            var existing = current.Find<TraefikService>(TraefikApi.TraefikServiceKind, @namespace, WeightedRoutes.TraefikServiceName(route_name))?.Spec.Weighted?.Services ?? [];
            var weights = new List<BackendWeight>();
            if (stable_weight is { } sw)
            {
                var name = stable_service ?? existing.FirstOrDefault()?.Name
                    ?? throw new ManifestException("route_name", $"the weighted route {@namespace}/{route_name} does not exist: TraefikService {WeightedRoutes.TraefikServiceName(route_name)} was not found. Create the route first.");
                weights.Add(new BackendWeight { Service = name, Weight = sw, Port = ToolArguments.OptionalPort(stable_port, stable_port_name) });
            }

            if (canary_weight is { } cw)
            {
                var name = canary_service ?? (existing.Count > 1 ? existing[1].Name : null);
                if (name is null)
                {
                    if (cw > 0)
                    {
                        throw new ManifestException("canary_service", $"{route_name} has a single backend; give canary_service to add a canary with weight {cw}.");
                    }
                }
                else
                {
                    weights.Add(new BackendWeight { Service = name, Weight = cw, Port = ToolArguments.OptionalPort(canary_port, canary_port_name) });
                }
            }

            return weights;
        }
    }

    /// <summary>Library field paths in the tool's parameter names.</summary>
    private static readonly Func<string, string> Rename = ParameterPaths.Map(
        ("name", "route_name"),
        ("routeName", "route_name"),
        ("match.host", "hostname"),
        ("match.path", "path_prefix"),
        ("match.pathMatchType", "path_match_type"),
        ("match.headerName", "header_name"),
        ("match.headerValue", "header_value"),
        ("match.cookieName", "cookie_name"),
        ("match.cookieValueRegex", "cookie_regex"),
        ("entryPoints", "entry_points"),
        ("tls.secretName", "tls_secret_name"),
        ("tls.certResolver", "cert_resolver"),
        ("tls.options", "tls_options"),
        ("backends[0].service", "stable_service"),
        ("backends[0].port", "stable_port"),
        ("backends[0].weight", "stable_weight"),
        ("backends[1].service", "canary_service"),
        ("backends[1].port", "canary_port"),
        ("backends[1].weight", "canary_weight"),
        ("backends", "stable_weight"),
        ("weights", "stable_weight"));

    internal static PathMatchType ParsePathMatch(string? value) => value switch
    {
        null or "PathPrefix" => PathMatchType.PathPrefix,
        "Path" => PathMatchType.Path,
        "PathRegexp" => PathMatchType.PathRegexp,
        _ => throw new ManifestException("path_match_type", $"must be PathPrefix, Path or PathRegexp, not '{value}'."),
    };
}
