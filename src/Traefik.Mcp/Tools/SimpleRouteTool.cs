using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Proposals;
using Traefik.Mcp.Tools.Arguments;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_simple_route: an IngressRoute whose rules point straight at Kubernetes Services.</summary>
[McpServerToolType]
public sealed partial class SimpleRouteTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_simple_route";

    /// <summary>Creates (or replaces) or deletes a simple route and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage Simple Route", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Create or delete a simple IngressRoute {route_name} whose rules point directly at Kubernetes Services (no TraefikService, no weighted split). create with an existing route_name replaces the route's whole spec (rules, entry points, TLS), so an update has no traffic gap and nothing stale survives; sticky sessions and transports set on its Services are kept. A weighted route's IngressRoute is refused: use traefik_manage_weighted_routing. Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("create (or replace) or delete.")] string action,
        [Description("IngressRoute name.")] string route_name,
        [Description("Kubernetes namespace.")] string @namespace = "default",
        [Description("The rules (create): each {match, service_name, service_port, service_weight?, middlewares?, priority?}, or {match, services: [{name, port, weight}]} for several Services.")] SimpleRouteRule[]? routes = null,
        [Description("Entry points (default web, or websecure with TLS; https means websecure, http means web). With TLS, web is refused: HTTPS clients never arrive on the plain-HTTP entry point.")] string[]? entry_points = null,
        [Description("Turn TLS on.")] bool tls_enabled = false,
        [Description("Secret (type kubernetes.io/tls, same namespace) with the certificate.")] string? tls_secret_name = null,
        [Description("ACME certificate resolver, instead of a Secret.")] string? cert_resolver = null,
        [Description("TLSOption reference: name or namespace/name.")] string? tls_options = null,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, () =>
        {
            var act = ToolArguments.Action(action, Name, "create", "delete");
            var fingerprint = ToolRunner.Fingerprint(Name, arguments);
            var rename = Rename(routes);
            if (act == "delete")
            {
                return TrafficIntent.Create($"Delete simple route {route_name}", fingerprint, @namespace, route_name, ParameterPaths.Renamed(s => SimpleRoutes.Delete(s, @namespace, route_name), rename));
            }

            var spec = new SimpleRouteSpec
            {
                Name = route_name,
                Namespace = @namespace,
                Rules = Rules(routes),
                EntryPoints = ToolArguments.List(entry_points),
                Tls = tls_enabled || tls_secret_name is not null || cert_resolver is not null || tls_options is not null
                    ? new TlsSettings { SecretName = tls_secret_name, CertResolver = cert_resolver, Options = tls_options }
                    : null,
            };
            var count = spec.Rules.Count;
            return TrafficIntent.Create(
                $"Set simple route {route_name} ({count} rule{(count == 1 ? string.Empty : "s")})",
                fingerprint,
                @namespace,
                route_name,
                ParameterPaths.Renamed(s => SimpleRoutes.Upsert(s, spec), rename));
        }, cancellationToken);
    }

    /// <summary>
    /// The rules as the library takes them. A missing match or Service is left for the library to
    /// report (with every other problem of the route); only contradictions are refused here.
    /// </summary>
    private static ImmutableList<SimpleRule> Rules(SimpleRouteRule[]? routes)
    {
        if (routes is null || routes.Length == 0)
        {
            throw new ManifestException("routes", "action=create requires at least one rule, e.g. [{\"match\": \"Host(`app.example.com`)\", \"service_name\": \"app\", \"service_port\": 80}].");
        }

        var problems = new ArgumentProblems();
        var rules = ImmutableList.CreateBuilder<SimpleRule>();
        for (var i = 0; i < routes.Length; i++)
        {
            var route = routes[i] ?? new SimpleRouteRule();
            var services = ImmutableList.CreateBuilder<SimpleService>();
            if (route.Services is { Count: > 0 } list)
            {
                if (route.ServiceName is not null || route.ServicePort is not null || route.ServicePortName is not null || route.ServiceWeight is not null)
                {
                    problems.Add($"routes[{i}].services", "give either services or service_name/service_port/service_weight, not both.");
                }

                services.AddRange(list.Select(s => new SimpleService { Name = s?.Name ?? string.Empty, Port = ToolArguments.Port(s?.Port, s?.PortName, 80), Weight = s?.Weight }));
            }
            else if (route.ServiceName is not null)
            {
                services.Add(new SimpleService { Name = route.ServiceName, Port = ToolArguments.Port(route.ServicePort, route.ServicePortName, 80), Weight = route.ServiceWeight });
            }

            rules.Add(new SimpleRule
            {
                Rule = route.Match,
                Services = services.ToImmutable(),
                Middlewares = route.Middlewares is null ? null : [.. route.Middlewares],
                Priority = route.Priority,
            });
        }

        problems.ThrowIfAny("The routes are not valid.");
        return rules.ToImmutable();
    }

    /// <summary>Library paths (<c>rules[0].services[0].port</c>) to this tool's parameters (<c>routes[0].service_port</c>).</summary>
    private static Func<string, string> Rename(SimpleRouteRule[]? routes)
    {
        var plain = ParameterPaths.Map(
            ("routeName", "route_name"),
            ("name", "route_name"),
            ("entryPoints", "entry_points"),
            ("tls.secretName", "tls_secret_name"),
            ("tls.certResolver", "cert_resolver"),
            ("tls.options", "tls_options"),
            ("rules", "routes"));
        return path =>
        {
            var m = ServicePath().Match(path);
            if (!m.Success)
            {
                var list = ServiceList().Match(path);
                if (list.Success && int.Parse(list.Groups[1].Value, CultureInfo.InvariantCulture) is var index && index < (routes?.Length ?? 0) && routes![index] is not { Services.Count: > 0 })
                {
                    return $"routes[{index}].service_name";
                }

                return plain(path);
            }

            var rule = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var single = routes is not null && rule < routes.Length && routes[rule] is { Services: null or { Count: 0 } };
            var field = m.Groups[3].Value;
            var name = single
                ? $"routes[{rule}].service_{field}"
                : $"routes[{rule}].services[{m.Groups[2].Value}].{field}";
            return name + m.Groups[4].Value;
        };
    }

    [GeneratedRegex(@"^rules\[(\d+)\]\.services$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceList();

    [GeneratedRegex(@"^rules\[(\d+)\]\.services\[(\d+)\]\.(name|port|weight|namespace)(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePath();
}
