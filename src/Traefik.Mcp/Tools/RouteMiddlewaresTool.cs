using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Routing;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_route_middlewares: attaches middlewares to, or detaches them from, an IngressRoute's rules.</summary>
[McpServerToolType]
public sealed class RouteMiddlewaresTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_route_middlewares";

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
        [Description("Traefik version of the manifests; only v3 (traefik.io/v1alpha1) is supported.")] string traefik_version = ToolArguments.SupportedVersion,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, call =>
        {
            var act = call.Action(action, "attach", "detach");
            ToolArguments.TraefikVersion(traefik_version);
            var list = string.Join(", ", middleware_names ?? []);
            return act == "attach"
                ? call.Change<RouteMiddlewaresIntent, RouteMiddlewaresOutcome>($"Attach {list} to {route_name}", @namespace, route_name, Map, (s, intent) => RouteMiddlewares.Attach(s, @namespace, route_name, intent))
                : call.Change<RouteMiddlewaresIntent, RouteMiddlewaresOutcome>($"Detach {list} from {route_name}", @namespace, route_name, Map, (s, intent) => RouteMiddlewares.Detach(s, @namespace, route_name, intent));
        }, cancellationToken);
    }

    /// <summary>Parameters ↔ <see cref="RouteMiddlewaresIntent"/>.</summary>
    private static readonly ParameterMap Map = ParameterMap.Of(
            ("middleware_names", "middlewares"),
            ("route_index", "ruleIndex"))
        .Naming(("route_name", "routeName"));
}
