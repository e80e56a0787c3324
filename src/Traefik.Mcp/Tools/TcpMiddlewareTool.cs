using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Validation;
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

    private static readonly Func<string, string> Rename = ParameterPaths.Map(
        ("name", "middleware_name"),
        ("spec.ipAllowList.sourceRange", SourceRangesParameter),
        ("spec.inFlightConn.amount", "amount"));

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
        return runner.RunAsync(Name, arguments, delivery, () =>
        {
            var act = ToolArguments.Action(action, Name, "create", "delete");
            var fingerprint = ToolRunner.Fingerprint(Name, arguments);
            if (act == "delete")
            {
                return TrafficIntent.Create($"Delete MiddlewareTCP {middleware_name}", fingerprint, @namespace, middleware_name, ParameterPaths.Renamed(s => TcpMiddlewares.Delete(s, @namespace, middleware_name), Rename));
            }

            var ranges = ArgumentValues.StringList(source_ranges, SourceRangesParameter);
            MiddlewareTcpSpec spec;
            switch (middleware_type)
            {
                case "ip_allowlist" or "ipAllowList":
                    if (amount is not null)
                    {
                        throw new ManifestException("amount", "applies to middleware_type=in_flight_conn, not ip_allowlist; remove it (or create a second middleware).");
                    }

                    spec = new MiddlewareTcpSpec { IpAllowList = new TcpIpAllowListSpec { SourceRange = ranges ?? throw new ManifestException(SourceRangesParameter, "is required for middleware_type=ip_allowlist: a JSON list of IPs and CIDR ranges, e.g. [\"10.0.0.0/8\"].") } };
                    break;
                case "in_flight_conn" or "inflight_conn" or "inFlightConn":
                    if (ranges is not null)
                    {
                        throw new ManifestException(SourceRangesParameter, "applies to middleware_type=ip_allowlist, not in_flight_conn; remove it (or create a second middleware).");
                    }

                    spec = new MiddlewareTcpSpec { InFlightConn = new TcpInFlightConnSpec { Amount = amount ?? throw new ManifestException("amount", "is required for middleware_type=in_flight_conn: the most simultaneous connections from one client IP, e.g. 10.") } };
                    break;
                default:
                    throw new ManifestException("middleware_type", $"'{middleware_type}' is not a TCP middleware type: use ip_allowlist or in_flight_conn (the two MiddlewareTCP types of Traefik v3).");
            }

            return TrafficIntent.Create($"Set MiddlewareTCP {middleware_name}", fingerprint, @namespace, middleware_name, ParameterPaths.Renamed(s => TcpMiddlewares.Upsert(s, @namespace, middleware_name, spec), Rename));
        }, cancellationToken);
    }
}
