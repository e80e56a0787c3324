using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Model;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_configure_tcp_middleware: TCP middlewares (MiddlewareTCP): an IP allow list or a connection limit.</summary>
[McpServerToolType]
public sealed class TcpMiddlewareTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_configure_tcp_middleware";

    /// <summary>The parameter that takes a list or, for compatibility, a string holding a JSON array.</summary>
    internal const string SourceRangesParameter = "source_ranges";

    /// <summary>
    /// The input schema with the type of <c>source_ranges</c> spelled out: the parameter is bound as raw JSON
    /// (to accept a list or a string), which on its own would publish no type at all.
    /// </summary>
    public static JsonElement RefineSchema(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        if (node["properties"]?[SourceRangesParameter] is JsonObject property)
        {
            property["type"] = new JsonArray("array", "string", "null");
            property["items"] = new JsonObject { ["type"] = "string" };
        }

        return JsonSerializer.SerializeToElement(node, McpJsonContext.Default.JsonNode);
    }

    /// <summary>Creates (or replaces) or deletes a MiddlewareTCP and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Configure TCP Middleware", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Create (or replace) or delete MiddlewareTCP {middleware_name}: ip_allowlist accepts connections only from source_ranges (IPs and CIDR ranges); in_flight_conn limits simultaneous connections per client IP to amount. Attach it to a TCP route with traefik_manage_tcp_routing middlewares. delete is refused while a route still uses it. Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("MiddlewareTCP name.")] string middleware_name,
        [Description("create (or replace) or delete.")] string action = "create",
        [Description("ip_allowlist (default) or in_flight_conn.")] string middleware_type = "ip_allowlist",
        [Description("Kubernetes namespace.")] string @namespace = "default",
        [Description("ip_allowlist: allowed IPs and CIDR ranges as a JSON list, e.g. [\"10.0.0.0/8\", \"192.168.1.7\"]. A string holding a JSON array (or comma-separated values) is accepted too.")] JsonElement? source_ranges = null,
        [Description("in_flight_conn: the most simultaneous connections from one client IP (1 or more).")] long? amount = null,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, call =>
        {
            var act = call.Action(action, "create", "delete");
            if (act == "delete")
            {
                return call.Change($"Delete MiddlewareTCP {middleware_name}", @namespace, middleware_name, DeleteMap, s => TcpMiddlewares.Delete(s, @namespace, middleware_name));
            }

            var (map, other, otherType) = middleware_type switch
            {
                "ip_allowlist" or "ipAllowList" => (IpAllowListMap, "amount", "in_flight_conn"),
                "in_flight_conn" or "inflight_conn" or "inFlightConn" => (InFlightConnMap, SourceRangesParameter, "ip_allowlist"),
                _ => throw new ManifestException("middleware_type", $"'{middleware_type}' is not a TCP middleware type: use ip_allowlist or in_flight_conn (the two MiddlewareTCP types of Traefik v3)."),
            };
            if (call.Given.Contains(other))
            {
                throw new ManifestException(other, $"applies to middleware_type={otherType}, not {(otherType == "ip_allowlist" ? "in_flight_conn" : "ip_allowlist")}; remove it (or create a second middleware).");
            }

            return call.Change<TcpMiddlewareIntent, ObjectKey>($"Set MiddlewareTCP {middleware_name}", @namespace, middleware_name, map, (s, intent) => TcpMiddlewares.Upsert(s, @namespace, middleware_name, intent));
        }, cancellationToken);
    }

    private static readonly ParameterMap DeleteMap = ParameterMap.Of().Naming(("middleware_name", "name"));

    /// <summary>Parameters ↔ <see cref="TcpMiddlewareIntent"/> for an IP allow list.</summary>
    private static readonly ParameterMap IpAllowListMap = DeleteMap.With(new ParameterRow(SourceRangesParameter, "spec.ipAllowList.sourceRange")
    {
        Convert = value => ArgumentValues.StringList(value, SourceRangesParameter),
        Required = "is required for middleware_type=ip_allowlist: a JSON list of IPs and CIDR ranges, e.g. [\"10.0.0.0/8\"].",
    });

    /// <summary>Parameters ↔ <see cref="TcpMiddlewareIntent"/> for a connection limit.</summary>
    private static readonly ParameterMap InFlightConnMap = DeleteMap.With(new ParameterRow("amount", "spec.inFlightConn.amount")
    {
        Required = "is required for middleware_type=in_flight_conn: the most simultaneous connections from one client IP, e.g. 10.",
    });
}
