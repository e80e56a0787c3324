using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Proposals;
using Traefik.Mcp.Tools.Arguments;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_tcp_routing: TCP routes (IngressRouteTCP) to Kubernetes Services.</summary>
[McpServerToolType]
public sealed partial class TcpRoutingTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_tcp_routing";

    private static readonly Func<string, string> Plain = ParameterPaths.Map(
        ("name", "route_name"),
        ("entryPoints", "entry_points"),
        ("sniHost", "sni_match"),
        ("tlsSecretName", "tls_secret_name"),
        ("tlsCertResolver", "cert_resolver"));

    private static readonly (string, string)[] Words =
        [("tlsPassthrough", "tls_passthrough"), ("tlsSecretName", "tls_secret_name"), ("tlsCertResolver", "cert_resolver"), ("sniHost", "sni_match"), ("entryPoints", "entry_points")];

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
        return runner.RunAsync(Name, arguments, delivery, () =>
        {
            var act = ToolArguments.Action(action, Name, "create", "delete");
            var fingerprint = ToolRunner.Fingerprint(Name, arguments);
            var single = services is null or { Length: 0 };
            string Rename(string path)
            {
                var m = ServicePath().Match(path);
                if (!m.Success)
                {
                    return Plain(path);
                }

                return single
                    ? (m.Groups[2].Value is "" ? "service_name" : $"service_{m.Groups[2].Value}") + m.Groups[3].Value
                    : path;
            }

            if (act == "delete")
            {
                return TrafficIntent.Create($"Delete TCP route {route_name}", fingerprint, @namespace, route_name, ParameterPaths.Renamed(s => TcpRoutes.Delete(s, @namespace, route_name), Rename, Words));
            }

            var problems = new ArgumentProblems();
            var spec = new TcpRouteSpec
            {
                Name = route_name,
                Namespace = @namespace,
                EntryPoints = [.. entry_points ?? []],
                SniHost = sni_match ?? "*",
                Services = Backends(service_name, service_port, service_port_name, services, problems),
                TlsPassthrough = tls_passthrough,
                TlsSecretName = tls_secret_name,
                TlsCertResolver = cert_resolver,
                Middlewares = ToolArguments.List(middlewares),
            };
            return TrafficIntent.Create($"Set TCP route {route_name}", fingerprint, @namespace, route_name, ParameterPaths.Renamed(s => problems.Together(() => TcpRoutes.Upsert(s, spec), $"The TCP route {route_name} is not valid.", "services"), Rename, Words));
        }, cancellationToken);
    }

    /// <summary>The backends; what is missing is added to <paramref name="problems"/> and reported with the library's problems.</summary>
    private static ImmutableList<TcpBackend> Backends(string? serviceName, int? servicePort, string? servicePortName, ServiceArgument[]? services, ArgumentProblems problems)
    {
        var result = ImmutableList.CreateBuilder<TcpBackend>();
        if (services is { Length: > 0 })
        {
            if (serviceName is not null || servicePort is not null || servicePortName is not null)
            {
                problems.Add("services", "give either services or service_name/service_port, not both.");
            }

            for (var i = 0; i < services.Length; i++)
            {
                var s = services[i];
                if (s?.Name is null)
                {
                    problems.Add($"services[{i}].name", "is required: the Kubernetes Service name.");
                }

                if (s?.Port is null && s?.PortName is null)
                {
                    problems.Add($"services[{i}].port", "is required: the Service port number (or port_name).");
                }

                if (s?.Name is { } name && ToolArguments.OptionalPort(s.Port, s.PortName) is { } port)
                {
                    result.Add(new TcpBackend { Name = name, Port = port, Weight = s.Weight });
                }
            }
        }
        else
        {
            if (serviceName is null)
            {
                problems.Add("service_name", "is required for action=create: the Kubernetes Service connections go to (or give services).");
            }

            if (servicePort is null && servicePortName is null)
            {
                problems.Add("service_port", "is required for action=create: the Service port number, e.g. 5432 (or service_port_name).");
            }

            if (serviceName is not null && ToolArguments.OptionalPort(servicePort, servicePortName) is { } port)
            {
                result.Add(new TcpBackend { Name = serviceName, Port = port });
            }
        }

        return result.ToImmutable();
    }

    [GeneratedRegex(@"^services\[0\](\.(name|port|weight))?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePath();
}
