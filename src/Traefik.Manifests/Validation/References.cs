using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Validation;

/// <summary>
/// Finds the references between objects — routes to TraefikServices and Middlewares, TraefikServices
/// to TraefikServices, services to ServersTransports, chains to their members — and the ones that
/// resolve to nothing. Cross-provider references (<c>name@provider</c>) are not followed.
/// </summary>
public static class References
{
    /// <summary>Every reference an object makes to another Traefik object.</summary>
    public static IEnumerable<ReferenceUse> Of(KubernetesObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TraefikApi.IsTraefikApiVersion(value.ApiVersion))
        {
            return [];
        }

        var uses = new List<ReferenceUse>();
        var json = ManifestYaml.ToJson(value);
        var spec = json["spec"] as JsonObject;
        switch (value.Kind)
        {
            case TraefikApi.IngressRouteKind:
                ForEach(spec?["routes"], "spec.routes", (rule, path) =>
                {
                    ForEach(rule["services"], path + ".services", (svc, p) => LoadBalancer(value, svc, p, uses));
                    ForEach(rule["middlewares"], path + ".middlewares", (mw, p) => Named(value, TraefikApi.MiddlewareKind, mw, p, uses));
                });
                break;
            case TraefikApi.TraefikServiceKind:
                ForEach(spec?["weighted"]?["services"], "spec.weighted.services", (svc, p) => LoadBalancer(value, svc, p, uses));
                if (spec?["mirroring"] is JsonObject mirroring)
                {
                    LoadBalancer(value, mirroring, "spec.mirroring", uses);
                    ForEach(mirroring["mirrors"], "spec.mirroring.mirrors", (svc, p) => LoadBalancer(value, svc, p, uses));
                }

                ForEach(spec?["highestRandomWeight"]?["services"], "spec.highestRandomWeight.services", (svc, p) => LoadBalancer(value, svc, p, uses));
                if (spec?["failover"] is JsonObject failover)
                {
                    foreach (var member in new[] { "service", "fallback" })
                    {
                        if (failover[member] is JsonObject lb)
                        {
                            LoadBalancer(value, lb, "spec.failover." + member, uses);
                        }
                    }
                }

                break;
            case TraefikApi.MiddlewareKind:
                ForEach(spec?["chain"]?["middlewares"], "spec.chain.middlewares", (mw, p) => Named(value, TraefikApi.MiddlewareKind, mw, p, uses));
                if (spec?["errors"]?["service"] is JsonObject errorService)
                {
                    LoadBalancer(value, errorService, "spec.errors.service", uses);
                }

                break;
            case TraefikApi.IngressRouteTcpKind:
                ForEach(spec?["routes"], "spec.routes", (rule, path) =>
                    ForEach(rule["middlewares"], path + ".middlewares", (mw, p) => Named(value, TraefikApi.MiddlewareTcpKind, mw, p, uses)));
                break;
        }

        return uses;
    }

    /// <summary>Every reference, in any object of the set, to the object with <paramref name="target"/>.</summary>
    public static IEnumerable<ReferenceUse> UsesOf(ManifestSet objects, ObjectKey target)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return objects.Where(o => o.Key != target).SelectMany(Of).Where(u => u.Target == target);
    }

    /// <summary>
    /// References that resolve to no object in the set: a route to a missing TraefikService, a missing
    /// Middleware or ServersTransport. Each would make Traefik drop the router or service.
    /// </summary>
    public static IReadOnlyList<ManifestProblem> Dangling(ManifestSet objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var problems = new List<ManifestProblem>();
        foreach (var use in objects.SelectMany(Of))
        {
            if (!objects.Contains(use.Target))
            {
                problems.Add(new ManifestProblem(
                    $"{use.From} {use.Path}",
                    $"refers to {use.Target.Kind} {use.Target.Namespace}/{use.Target.Name}, which does not exist; Traefik would drop this {(use.From.Kind == TraefikApi.IngressRouteKind ? "router" : "service")}."));
            }
        }

        return problems;
    }

    private static void LoadBalancer(KubernetesObject owner, JsonObject lb, string path, List<ReferenceUse> uses)
    {
        var name = Text(lb["name"]);
        var ns = Text(lb["namespace"]) ?? owner.Namespace;
        if (name is not null && Text(lb["kind"]) == TraefikApi.TraefikServiceKind && !name.Contains('@', StringComparison.Ordinal))
        {
            uses.Add(new ReferenceUse(owner.Key, path, new ObjectKey(TraefikApi.TraefikServiceKind, ns, name)));
        }

        if (Text(lb["serversTransport"]) is { } transport && !transport.Contains('@', StringComparison.Ordinal))
        {
            // Traefik resolves a plain transport name in the namespace of the Service that uses it.
            uses.Add(new ReferenceUse(owner.Key, path + ".serversTransport", new ObjectKey(TraefikApi.ServersTransportKind, ns, transport)));
        }

        ForEach(lb["middlewares"], path + ".middlewares", (mw, p) => Named(owner, TraefikApi.MiddlewareKind, mw, p, uses));
    }

    private static void Named(KubernetesObject owner, string kind, JsonObject reference, string path, List<ReferenceUse> uses)
    {
        if (Text(reference["name"]) is { } name && !name.Contains('@', StringComparison.Ordinal))
        {
            uses.Add(new ReferenceUse(owner.Key, path, new ObjectKey(kind, Text(reference["namespace"]) ?? owner.Namespace, name)));
        }
    }

    private static void ForEach(JsonNode? list, string path, Action<JsonObject, string> action)
    {
        if (list is not JsonArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                action(item, $"{path}[{i}]");
            }
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

/// <summary>One reference from an object to another.</summary>
/// <param name="From">The object holding the reference.</param>
/// <param name="Path">Where in that object, for example <c>spec.routes[0].services[0]</c>.</param>
/// <param name="Target">The object referred to.</param>
public sealed record ReferenceUse(ObjectKey From, string Path, ObjectKey Target);
