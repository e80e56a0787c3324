using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;

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
                Walk(spec, "spec", value.Namespace, null, @namespace, name, value.Key, found);
            }
        }

        return found.ToImmutable();
    }

    private static void Walk(JsonNode? node, string path, string ownerNamespace, string? enclosingNamespace, string targetNamespace, string targetName, ObjectKey owner, ImmutableList<MiddlewareReferrer>.Builder found)
    {
        switch (node)
        {
            case JsonObject obj:
                var localNamespace = obj["namespace"] is JsonValue ns && ns.GetValueKind() == JsonValueKind.String ? ns.GetValue<string>() : null;
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
                        Walk(child, childPath, ownerNamespace, localNamespace ?? enclosingNamespace, targetNamespace, targetName, owner, found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", ownerNamespace, enclosingNamespace, targetNamespace, targetName, owner, found);
                }

                break;
        }
    }

    private static bool Matches(JsonNode? reference, string ownerNamespace, string? serviceNamespace, string targetNamespace, string targetName)
    {
        if (reference is not JsonObject obj || obj["name"] is not JsonValue nameNode || nameNode.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        var name = nameNode.GetValue<string>();
        if (name.Contains('@', StringComparison.Ordinal))
        {
            return name == $"{targetNamespace}-{targetName}@kubernetescrd";
        }

        if (name != targetName)
        {
            return false;
        }

        if (obj["namespace"] is JsonValue ns && ns.GetValueKind() == JsonValueKind.String && ns.GetValue<string>().Length > 0)
        {
            return ns.GetValue<string>() == targetNamespace;
        }

        // Without a namespace a reference means the referencing object's namespace; for a service-level
        // middleware Traefik may read it as the service's namespace, so both count (never miss a user).
        return ownerNamespace == targetNamespace || serviceNamespace == targetNamespace;
    }
}
