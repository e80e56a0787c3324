using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_route_middlewares: attaches middlewares to, or detaches them from, an IngressRoute's rules.</summary>
[McpServerToolType]
public sealed class RouteMiddlewaresTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_route_middlewares";

    /// <summary>The only Traefik version this server writes.</summary>
    public const string SupportedVersion = "v3";

    /// <summary>Attaches or detaches middlewares and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage Route Middlewares", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Attach middlewares to, or detach them from, the rules of IngressRoute {route_name} (every rule, or only rule route_index). Attaching appends in the order given, skips middlewares a rule already has, and refuses a middleware that does not exist (Traefik would disable the router). Detaching a middleware a rule does not have is not an error. Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("attach or detach.")] string action,
        [Description("IngressRoute name.")] string route_name,
        [Description("Middlewares in the order they should apply: name (the route's namespace), namespace/name or name@provider.")] string[] middleware_names,
        [Description("Kubernetes namespace of the IngressRoute.")] string @namespace = "default",
        [Description("Only this rule (0-based index into spec.routes); omit for every rule.")] int? route_index = null,
        [Description("Traefik version of the manifests; only v3 (traefik.io/v1alpha1) is supported.")] string traefik_version = SupportedVersion,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, () =>
        {
            var act = ToolArguments.Action(action, Name, "attach", "detach");
            if (traefik_version != SupportedVersion)
            {
                throw new ManifestException("traefik_version", $"'{traefik_version}' is not supported: this server writes Traefik v3 manifests (traefik.io/v1alpha1) only and does not produce v2 (traefik.containo.us) output. Use v3.");
            }

            var rename = ParameterPaths.Map(("routeName", "route_name"), ("ruleIndex", "route_index"), ("middlewares", "middleware_names"));
            var names = middleware_names ?? [];
            var fingerprint = ToolRunner.Fingerprint(Name, arguments);
            var list = string.Join(", ", names);
            return act == "attach"
                ? TrafficIntent.Create($"Attach {list} to {route_name}", fingerprint, @namespace, route_name, ParameterPaths.Renamed(s => RouteMiddlewares.Attach(s, @namespace, route_name, names, route_index), rename))
                : TrafficIntent.Create($"Detach {list} from {route_name}", fingerprint, @namespace, route_name, ParameterPaths.Renamed(s => RouteMiddlewares.Detach(s, @namespace, route_name, names, route_index), rename));
        }, cancellationToken);
    }
}
