using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>
/// How Service references name a ServersTransport, and where in a set they do. Traefik resolves a plain
/// <c>serversTransport: name</c> in the namespace of the referenced Kubernetes Service, and a
/// <c>&lt;ns&gt;-&lt;name&gt;@kubernetescrd</c> value anywhere (with allowCrossNamespace).
/// </summary>
internal static class TransportReferences
{
    /// <summary>The provider-qualified name of a CRD transport, as the Ingress annotation needs it.</summary>
    public static string Qualified(string @namespace, string name) => Normalize(@namespace + "-" + name) + TransportDefaults.CrdProviderSuffix;

    /// <summary>Traefik's <c>provider.Normalize</c>: every run of characters other than letters and digits becomes one '-', none at the ends.</summary>
    public static string Normalize(string value)
    {
        var sb = new StringBuilder(value.Length);
        var pending = false;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pending && sb.Length > 0)
                {
                    sb.Append('-');
                }

                pending = false;
                sb.Append(c);
            }
            else
            {
                pending = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>True when a <c>serversTransport</c> value on a reference to a Service in <paramref name="serviceNamespace"/> names transport <paramref name="namespace"/>/<paramref name="name"/>.</summary>
    public static bool Names(string? value, string serviceNamespace, string @namespace, string name) =>
        value is not null
        && ((value == name && serviceNamespace == @namespace) || value == Qualified(@namespace, name));

    /// <summary>Every place in the set that uses the transport: service references (typed or not) and Service annotations.</summary>
    public static IReadOnlyList<ServiceReferenceLocation> Users(ManifestSet objects, string @namespace, string name)
    {
        var users = new List<ServiceReferenceLocation>();
        foreach (var value in objects)
        {
            if (value is CoreService service)
            {
                if (Annotation(service) is { } annotation && annotation.Value == Qualified(@namespace, name))
                {
                    users.Add(new ServiceReferenceLocation(service.Key, $"metadata.annotations[{annotation.Key}]"));
                }

                continue;
            }

            if (!HoldsHttpServiceReferences(value))
            {
                continue;
            }

            foreach (var (path, json) in JsonObjects(ManifestYaml.ToJson(value), string.Empty))
            {
                if (json["serversTransport"] is JsonValue transport && transport.GetValueKind() == JsonValueKind.String
                    && Names(transport.GetValue<string>(), NamespaceOf(json, value.Namespace), @namespace, name))
                {
                    users.Add(new ServiceReferenceLocation(value.Key, path));
                }
            }
        }

        return users;
    }

    /// <summary>
    /// References to Kubernetes Service <paramref name="namespace"/>/<paramref name="service"/> held in fields
    /// this library does not edit (highestRandomWeight, failover, a Middleware's errors service…).
    /// </summary>
    public static IReadOnlyList<ServiceReferenceLocation> UneditedReferences(ManifestSet objects, string @namespace, string service, IReadOnlySet<ServiceReferenceLocation> edited)
    {
        var found = new List<ServiceReferenceLocation>();
        foreach (var value in objects)
        {
            if (!HoldsHttpServiceReferences(value))
            {
                continue;
            }

            foreach (var (path, json) in JsonObjects(ManifestYaml.ToJson(value), string.Empty))
            {
                var location = new ServiceReferenceLocation(value.Key, path);
                if (path.Length > 0 && json.ContainsKey("port") && String(json, "name") == service
                    && String(json, "kind") is null or TraefikApi.ServiceKind
                    && NamespaceOf(json, value.Namespace) == @namespace && !edited.Contains(location))
                {
                    found.Add(location);
                }
            }
        }

        return found;
    }

    /// <summary>The transport annotation of a Service (key matched case-insensitively, as Traefik does).</summary>
    public static KeyValuePair<string, string>? Annotation(CoreService service) =>
        service.Metadata.Annotations?.FirstOrDefault(a => string.Equals(a.Key, TransportDefaults.ServiceAnnotation, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found
            ? found
            : null;

    private static bool HoldsHttpServiceReferences(KubernetesObject value) => value is IngressRoute or TraefikService or Middleware;

    private static string NamespaceOf(JsonObject reference, string ownerNamespace) =>
        String(reference, "namespace") is { Length: > 0 } ns ? ns : ownerNamespace;

    private static string? String(JsonObject json, string key) =>
        json[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Every JSON object under <c>spec</c>, with its path (the root itself has the empty path).</summary>
    private static List<(string Path, JsonObject Json)> JsonObjects(JsonNode? node, string path)
    {
        var found = new List<(string Path, JsonObject Json)>();
        Collect(node, path, found);
        return found;
    }

    private static void Collect(JsonNode? node, string path, List<(string Path, JsonObject Json)> found)
    {
        switch (node)
        {
            case JsonObject obj:
                found.Add((path, obj));
                foreach (var (key, child) in obj)
                {
                    if (path.Length == 0 && key != "spec")
                    {
                        continue;
                    }

                    Collect(child, path.Length == 0 ? key : path + "." + key, found);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], $"{path}[{i}]", found);
                }

                break;
        }
    }
}
