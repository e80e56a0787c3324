using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// Finds every reference to a Middleware: route middlewares of IngressRoutes, service-level
/// middlewares (wherever a service object appears in an IngressRoute, TraefikService or Middleware),
/// chain members, and <c>&lt;namespace&gt;-&lt;name&gt;@kubernetescrd</c> cross-provider names.
/// </summary>
internal static class MiddlewareUsage
{
    public static ImmutableList<MiddlewareReferrer> Find(ManifestSet objects, string @namespace, string name)
    {
        var found = ImmutableList.CreateBuilder<MiddlewareReferrer>();
        foreach (var value in objects)
        {
            if (!TraefikApi.IsTraefikApiVersion(value.ApiVersion)
                || value.Kind is not (TraefikApi.IngressRouteKind or TraefikApi.TraefikServiceKind or TraefikApi.MiddlewareKind))
            {
                continue;
            }

            if (value is Middleware && value.Namespace == @namespace && value.Name == name)
            {
                continue;
            }

            if (ManifestYaml.ToJson(value)["spec"] is JsonObject spec)
            {
                Walk(spec, "spec", value.Namespace, @namespace, name, value.Key, found);
            }
        }

        return found.ToImmutable();
    }

    private static void Walk(JsonNode? node, string path, string ownerNamespace, string targetNamespace, string targetName, ObjectKey owner, ImmutableList<MiddlewareReferrer>.Builder found)
    {
        switch (node)
        {
            case JsonObject obj:
                var localNamespace = Text(obj["namespace"]);
                foreach (var (key, child) in obj)
                {
                    var childPath = $"{path}.{key}";
                    if (key == "middlewares" && child is JsonArray references)
                    {
                        for (var i = 0; i < references.Count; i++)
                        {
                            if (Matches(references[i], ownerNamespace, localNamespace, targetNamespace, targetName))
                            {
                                found.Add(new MiddlewareReferrer(owner, $"{childPath}[{i}]"));
                            }
                        }
                    }
                    else
                    {
                        Walk(child, childPath, ownerNamespace, targetNamespace, targetName, owner, found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", ownerNamespace, targetNamespace, targetName, owner, found);
                }

                break;
        }
    }

    private static bool Matches(JsonNode? node, string ownerNamespace, string? serviceNamespace, string targetNamespace, string targetName)
    {
        if (node is not JsonObject obj || Text(obj["name"]) is not { } name)
        {
            return false;
        }

        var reference = new MiddlewareReference { Name = name, Namespace = Text(obj["namespace"]) is { Length: > 0 } ns ? ns : null };
        if (MiddlewareReferences.IsCrossProvider(reference))
        {
            // The CRD provider registers a Middleware as <namespace>-<name>@kubernetescrd.
            return name == $"{targetNamespace}-{targetName}@kubernetescrd";
        }

        if (name != targetName)
        {
            return false;
        }

        // Without a namespace a reference means the referencing object's namespace; a service-level
        // middleware could also be read in the service's namespace, so both count (never miss a user).
        return MiddlewareReferences.ResolvedNamespace(reference, ownerNamespace) == targetNamespace
            || (reference.Namespace is null && serviceNamespace == targetNamespace);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
