using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tcp;

namespace Traefik.Manifests.Impact;

/// <summary>Compact JSON with sorted object keys, so equal values give equal text; and the options of a service reference.</summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ImmutableSortedDictionary<string, string> NoOptions = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Fields of a service reference that say which backend it is, not how it is served.</summary>
    private static readonly HashSet<string> Identity = new(StringComparer.Ordinal) { "name", "namespace", "kind", "port", "weight" };

    public static string Write(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The options of an HTTP service reference (mirroring and mirror fields excluded).</summary>
    public static ImmutableSortedDictionary<string, string> Options(ServiceReference reference) =>
        reference is { Sticky: null, Strategy: null, Scheme: null, PassHostHeader: null, ServersTransport: null, NativeLB: null, NodePortLB: null, UnmodelledFields: null or { Count: 0 } }
            ? NoOptions
            : Options(JsonSerializer.SerializeToNode(reference, ManifestJsonContext.Default.ServiceReference) as JsonObject);

    /// <summary>The options of a TCP service reference.</summary>
    public static ImmutableSortedDictionary<string, string> Options(TcpServiceReference reference) =>
        reference is { Tls: null, ProxyProtocol: null, ServersTransport: null, NativeLB: null, NodePortLB: null, TerminationDelay: null, UnmodelledFields: null or { Count: 0 } }
            ? NoOptions
            : Options(JsonSerializer.SerializeToNode(reference, ManifestJsonContext.Default.TcpServiceReference) as JsonObject);

    /// <summary>A value as it reads in a sentence: a string without its quotes, anything else as JSON.</summary>
    public static string Show(string json) =>
        json.Length >= 2 && json[0] == '"' && json[^1] == '"' && JsonNode.Parse(json) is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : json;

    private static ImmutableSortedDictionary<string, string> Options(JsonObject? json)
    {
        if (json is null)
        {
            return NoOptions;
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in json)
        {
            if (!Identity.Contains(key) && value is not null)
            {
                builder[key] = Write(value);
            }
        }

        return builder.Count == 0 ? NoOptions : builder.ToImmutable();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
