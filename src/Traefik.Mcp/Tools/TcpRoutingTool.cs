using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Tools.Arguments;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_tcp_routing: TCP routes (IngressRouteTCP) to Kubernetes Services.</summary>
[McpServerToolType]
public sealed partial class TcpRoutingTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_tcp_routing";

    /// <summary>Creates (or replaces) or deletes a TCP route and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage TCP Routing", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Create (or replace) or delete IngressRouteTCP {route_name}: one rule HostSNI(`{sni_match}`) on the given TCP entry points that balances connections over Kubernetes Services (service_name/service_port, or services with weights). A host name in sni_match needs TLS (tls_passthrough, tls_secret_name or cert_resolver), because clients send SNI only in a TLS handshake; * takes every connection. create replaces the whole spec, so TLS left out is removed. Middlewares are MiddlewareTCP names (see traefik_configure_tcp_middleware) and must exist. Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("create (or replace) or delete.")] string action,
        [Description("IngressRouteTCP name.")] string route_name,
        [Description("Kubernetes namespace of the route and its Services.")] string @namespace = "default",
        [Description("Kubernetes Service name (create), used exactly as given; or give services.")] string? service_name = null,
        [Description("Service port number (create with service_name).")] int? service_port = null,
        [Description("Service port name, instead of a number.")] string? service_port_name = null,
        [Description("Several Kubernetes Services balanced by weight: [{name, port, weight}], instead of service_name/service_port.")] ServiceArgument[]? services = null,
        [Description("TCP entry points declared in Traefik's static configuration, e.g. [\"postgres\"] (required for create: without them the route would take every entry point).")] string[]? entry_points = null,
        [Description("Host name to match in the TLS SNI, or * (default) for every connection.")] string? sni_match = null,
        [Description("Pass TLS through to the backend, which terminates it (Traefik reads only the SNI).")] bool tls_passthrough = false,
        [Description("Terminate TLS in Traefik with the certificate in this Secret (type kubernetes.io/tls, same namespace).")] string? tls_secret_name = null,
        [Description("Terminate TLS in Traefik with a certificate from this ACME resolver, instead of a Secret.")] string? cert_resolver = null,
        [Description("MiddlewareTCP names in order: name, namespace/name or name@provider. Each must exist (except name@provider).")] string[]? middlewares = null,
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
                return call.Change($"Delete TCP route {route_name}", @namespace, route_name, Map, s => TcpRoutes.Delete(s, @namespace, route_name));
            }

            if (call.Given.Contains("services") && SingleService.Any(call.Given.Contains))
            {
                throw new ManifestException("services", "give either services or service_name/service_port, not both.");
            }

            return call.Change<TcpRouteIntent, TcpRouteOutcome>($"Set TCP route {route_name}", @namespace, route_name, Map, (s, intent) => TcpRoutes.Upsert(s, @namespace, route_name, intent));
        }, cancellationToken);
    }

    private static readonly string[] SingleService = ["service_name", "service_port", "service_port_name"];

    /// <summary>Parameters ↔ <see cref="TcpRouteIntent"/>: one Service (<c>service_name</c>, <c>service_port</c>) or a list of them.</summary>
    private static readonly ParameterMap Map = ParameterMap.Of(
            ("service_name", "services[0].name"),
            ("service_port", "services[0].port"),
            ("service_port_name", "services[0].port"),
            ("entry_points", "entryPoints"),
            ("sni_match", "sniHost"),
            ("tls_passthrough", "tlsPassthrough"),
            ("tls_secret_name", "tlsSecretName"),
            ("cert_resolver", "tlsCertResolver"),
            ("middlewares", "middlewares"))
        .Naming(("service_name", "services"))
        .With(new ParameterRow("services", "services") { Fields = [("port_name", "port")] })
        .Naming(("route_name", "routeName"), ("route_name", "name"));
}
