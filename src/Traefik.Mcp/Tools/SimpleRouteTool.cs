using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;
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
        [Description("Turn TLS on (tls_secret_name, cert_resolver or tls_options turn it on too).")] bool tls_enabled = false,
        [Description("Secret (type kubernetes.io/tls, same namespace) with the certificate.")] string? tls_secret_name = null,
        [Description("ACME certificate resolver, instead of a Secret.")] string? cert_resolver = null,
        [Description("TLSOption reference: name or namespace/name.")] string? tls_options = null,
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
                return call.Change($"Delete simple route {route_name}", @namespace, route_name, Map, s => SimpleRoutes.Delete(s, @namespace, route_name));
            }

            var count = routes?.Length ?? 0;
            return call.Change<SimpleRouteIntent, SimpleRouteOutcome>(
                $"Set simple route {route_name} ({count} rule{(count == 1 ? string.Empty : "s")})",
                @namespace,
                route_name,
                Map,
                (s, intent) => SimpleRoutes.Upsert(s, @namespace, route_name, intent));
        }, cancellationToken);
    }

    /// <summary>Parameters ↔ <see cref="SimpleRouteIntent"/>.</summary>
    private static readonly ParameterMap Map = ParameterMap.Of()
        .With(new ParameterRow("routes", "rules") { Convert = Rules, Inside = InsideRoutes, Required = RoutesRequired })
        .With(new ParameterRow("entry_points", "entryPoints"))
        .With(new ParameterRow("tls_enabled", "tls") { Convert = value => value.GetValue<bool>() ? new JsonObject() : null })
        .With(new ParameterRow("tls_secret_name", "tls.secretName"))
        .With(new ParameterRow("cert_resolver", "tls.certResolver"))
        .With(new ParameterRow("tls_options", "tls.options"))
        .Naming(("route_name", "routeName"), ("route_name", "name"));

    private const string RoutesRequired = "action=create requires at least one rule, e.g. [{\"match\": \"Host(`app.example.com`)\", \"service_name\": \"app\", \"service_port\": 80}].";

    /// <summary>
    /// The rules in the intent's shape: each rule's one Service (<c>service_name</c>, <c>service_port</c>…) or list of
    /// <c>services</c> becomes its <c>services</c>. A missing match or Service is left for the library to report (with
    /// every other problem of the route); only contradictions are refused here.
    /// </summary>
    private static JsonNode? Rules(JsonNode value)
    {
        if (value is not JsonArray { Count: > 0 } routes)
        {
            throw new ManifestException("routes", RoutesRequired);
        }

        var problems = new ArgumentProblems();
        var rules = new JsonArray();
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i] as JsonObject ?? [];
            var services = new JsonArray();
            if (route["services"] is JsonArray { Count: > 0 } list)
            {
                if (SingleServiceFields.Any(f => route[f] is not null))
                {
                    problems.Add($"routes[{i}].services", "give either services or service_name/service_port/service_weight, not both.");
                }

                foreach (var service in list)
                {
                    services.Add((JsonNode)Service(service?["name"], service?["port"], service?["port_name"], service?["weight"]));
                }
            }
            else if (route["service_name"] is not null)
            {
                services.Add((JsonNode)Service(route["service_name"], route["service_port"], route["service_port_name"], route["service_weight"]));
            }

            rules.Add((JsonNode)new JsonObject
            {
                ["rule"] = route["match"]?.DeepClone(),
                ["services"] = services,
                ["middlewares"] = route["middlewares"]?.DeepClone(),
                ["priority"] = route["priority"]?.DeepClone(),
            });
        }

        problems.ThrowIfAny("The routes are not valid.");
        return rules;
    }

    private static readonly string[] SingleServiceFields = ["service_name", "service_port", "service_port_name", "service_weight"];

    private static JsonObject Service(JsonNode? name, JsonNode? port, JsonNode? portName, JsonNode? weight)
    {
        var service = new JsonObject { ["name"] = name?.DeepClone() ?? string.Empty };
        if ((portName ?? port) is { } p)
        {
            service["port"] = p.DeepClone();
        }

        if (weight is not null)
        {
            service["weight"] = weight.DeepClone();
        }

        return service;
    }

    /// <summary>
    /// A path inside the rules (<c>[0].services[0].port</c>) as the caller wrote the rule: <c>[0].service_port</c> for a
    /// rule with one Service, <c>[0].services[0].port</c> for a list, <c>[0].match</c> for the rule's text.
    /// </summary>
    private static string InsideRoutes(string rest, JsonElement? routes)
    {
        var m = ServicePath().Match(rest);
        var list = ServiceList().Match(rest);
        var index = m.Success ? m.Groups[1].Value : list.Success ? list.Groups[1].Value : null;
        var single = index is not null && !HasServiceList(routes, int.Parse(index, CultureInfo.InvariantCulture));
        if (m.Success)
        {
            var field = m.Groups[3].Value;
            return (single ? $"[{index}].service_{field}" : $"[{index}].services[{m.Groups[2].Value}].{field}") + m.Groups[4].Value;
        }

        if (list.Success && single)
        {
            return $"[{index}].service_name";
        }

        return RulePath().Replace(rest, "].match");
    }

    private static bool HasServiceList(JsonElement? routes, int index) =>
        routes is { ValueKind: JsonValueKind.Array } array && index < array.GetArrayLength()
        && array[index] is { ValueKind: JsonValueKind.Object } route
        && route.TryGetProperty("services", out var services) && services.ValueKind == JsonValueKind.Array && services.GetArrayLength() > 0;

    [GeneratedRegex(@"^\[(\d+)\]\.services$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceList();

    [GeneratedRegex(@"^\[(\d+)\]\.services\[(\d+)\]\.(name|port|weight|namespace)(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePath();

    [GeneratedRegex(@"\]\.rule\b", RegexOptions.CultureInvariant)]
    private static partial Regex RulePath();
}
