using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Yaml;

namespace Traefik.Manifests.Schemas;

/// <summary>
/// Validates objects against the <c>openAPIV3Schema</c> of Kubernetes CustomResourceDefinitions, the
/// way the API server would: types, required fields, enums, patterns, bounds, int-or-string values,
/// unknown fields (which the API server would silently drop), and the CEL rules of the Traefik CRDs
/// coded by hand. The official Traefik v3.7.9 CRDs are embedded.
/// </summary>
public sealed class CrdSchema
{
    private const string EmbeddedV3 = "Traefik.Manifests.Schemas.crds-v3.7.9.yaml";

    private static readonly Lazy<CrdSchema> V3 = new(() => Load(ReadEmbedded(EmbeddedV3)));

    private readonly Dictionary<(string ApiVersion, string Kind), JsonObject> _schemas;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private CrdSchema(Dictionary<(string ApiVersion, string Kind), JsonObject> schemas) => _schemas = schemas;

    /// <summary>The official Traefik v3.7.9 CRDs (group <c>traefik.io</c>, version <c>v1alpha1</c>).</summary>
    public static CrdSchema TraefikV3 => V3.Value;

    /// <summary>The kinds this schema covers, as (apiVersion, kind).</summary>
    public IReadOnlyCollection<(string ApiVersion, string Kind)> Kinds => _schemas.Keys;

    /// <summary>Loads every CustomResourceDefinition in a YAML stream.</summary>
    /// <exception cref="ManifestException">The text holds no CustomResourceDefinition.</exception>
    public static CrdSchema Load(string crdYaml)
    {
        var schemas = new Dictionary<(string, string), JsonObject>();
        List<YamlDocumentNode> documents;
        try
        {
            documents = YamlReader.ReadAll(crdYaml);
        }
        catch (YamlReadException e)
        {
            throw new ManifestException("The CRD text is not valid YAML.", [new ManifestProblem($"line {e.Start.Line}, column {e.Start.Column}", e.Message)]);
        }

        foreach (var doc in documents)
        {
            if (doc.Root is not JsonObject crd || crd["kind"]?.ToString() != "CustomResourceDefinition")
            {
                continue;
            }

            var group = crd["spec"]?["group"]?.ToString();
            var kind = crd["spec"]?["names"]?["kind"]?.ToString();
            if (group is null || kind is null || crd["spec"]?["versions"] is not JsonArray versions)
            {
                continue;
            }

            foreach (var version in versions)
            {
                if (version?["name"]?.ToString() is { } name && version["schema"]?["openAPIV3Schema"] is JsonObject schema)
                {
                    schemas[($"{group}/{name}", kind)] = schema;
                }
            }
        }

        if (schemas.Count == 0)
        {
            throw new ManifestException("The text holds no CustomResourceDefinition with an openAPIV3Schema.");
        }

        return new CrdSchema(schemas);
    }

    /// <summary>True when this schema has a definition for the apiVersion and kind.</summary>
    public bool Covers(string apiVersion, string kind) => _schemas.ContainsKey((apiVersion, kind));

    /// <summary>
    /// Validates an object. Kinds this schema does not cover (a core Service, a Deployment) give no problems.
    /// </summary>
    public IReadOnlyList<ManifestProblem> Validate(KubernetesObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Validate(ManifestYaml.ToJson(value));
    }

    /// <summary>Validates an object in its JSON form.</summary>
    public IReadOnlyList<ManifestProblem> Validate(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var apiVersion = json["apiVersion"]?.ToString() ?? string.Empty;
        var kind = json["kind"]?.ToString() ?? string.Empty;
        if (!_schemas.TryGetValue((apiVersion, kind), out var schema))
        {
            return [];
        }

        var problems = new Problems();
        Walk(json, schema, string.Empty, problems);
        CheckMetadata(json["metadata"] as JsonObject, problems);
        CelRules(kind, json, problems);
        return problems.Items;
    }

    private void Walk(JsonNode? node, JsonObject schema, string path, Problems problems)
    {
        if (node is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                problems.Add(path, "must not be null.");
            }

            return;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            if (IsInteger(node))
            {
                return;
            }

            if (node.GetValueKind() != JsonValueKind.String)
            {
                problems.Add(path, "must be an integer or a string.");
                return;
            }

            CheckString(node.GetValue<string>(), schema, path, problems);
            return;
        }

        var type = schema["type"]?.ToString();
        switch (type)
        {
            case "object":
                if (node is not JsonObject obj)
                {
                    problems.Add(path, $"must be an object, not {Describe(node)}.");
                    return;
                }

                WalkObject(obj, schema, path, problems);
                return;
            case "array":
                if (node is not JsonArray arr)
                {
                    problems.Add(path, $"must be a list, not {Describe(node)}.");
                    return;
                }

                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < arr.Count; i++)
                    {
                        Walk(arr[i], items, $"{path}[{i}]", problems);
                    }
                }

                CheckCount(arr.Count, schema, path, problems);
                return;
            case "string":
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    problems.Add(path, $"must be a string, not {Describe(node)}.");
                    return;
                }

                CheckString(node.GetValue<string>(), schema, path, problems);
                return;
            case "integer":
                if (!IsInteger(node))
                {
                    problems.Add(path, $"must be an integer, not {Describe(node)}.");
                    return;
                }

                CheckNumber(ToDouble(node), schema, path, problems);
                CheckFormat(node, schema, path, problems);
                return;
            case "number":
                if (node.GetValueKind() != JsonValueKind.Number)
                {
                    problems.Add(path, $"must be a number, not {Describe(node)}.");
                    return;
                }

                CheckNumber(ToDouble(node), schema, path, problems);
                return;
            case "boolean":
                if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add(path, $"must be true or false, not {Describe(node)}.");
                }

                return;
            default:
                return;
        }
    }

    private void WalkObject(JsonObject obj, JsonObject schema, string path, Problems problems)
    {
        if (path == "metadata")
        {
            // Object metadata is validated by the API server itself, not by the CRD schema.
            return;
        }

        if (schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true && schema["properties"] is null)
        {
            return;
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required)
            {
                var key = name!.ToString();
                if (!obj.ContainsKey(key))
                {
                    problems.Add(Join(path, key), "is required.");
                }
            }
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (key, value) in obj)
        {
            if (properties?[key] is JsonObject propertySchema)
            {
                Walk(value, propertySchema, Join(path, key), problems);
            }
            else if (additional is not null)
            {
                Walk(value, additional, Join(path, key), problems);
            }
            else if (!preserve && !(path.Length == 0 && key is "status"))
            {
                problems.Add(Join(path, key), "is not a field of this kind in the CRD schema; Kubernetes would drop it.");
            }
        }
    }

    private void CheckString(string value, JsonObject schema, string path, Problems problems)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => a?.ToString() == value))
        {
            problems.Add(path, $"{Check.Show(value)} is not one of {string.Join(", ", allowed.Select(a => a?.ToString()))}.");
        }

        if (schema["pattern"]?.ToString() is { } pattern)
        {
            var regex = _patterns.GetOrAdd(pattern, p => new Regex(GoAnchors(p), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            if (!regex.IsMatch(value))
            {
                problems.Add(path, $"{Check.Show(value)} does not match the pattern {pattern}.");
            }
        }

        if (schema["maxLength"] is JsonValue max && value.Length > max.GetValue<long>())
        {
            problems.Add(path, $"must be at most {max} characters.");
        }
    }

    /// <summary>Go's <c>$</c> is the end of the text; .NET's also matches before a final newline.</summary>
    private static string GoAnchors(string pattern) =>
        pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal) ? pattern[..^1] + "\\z" : pattern;

    private static void CheckNumber(double value, JsonObject schema, string path, Problems problems)
    {
        if (schema["minimum"] is JsonValue min && value < ToDouble(min))
        {
            problems.Add(path, $"must be at least {min.ToJsonString()}.");
        }

        if (schema["maximum"] is JsonValue max && value > ToDouble(max))
        {
            problems.Add(path, $"must be at most {max.ToJsonString()}.");
        }
    }

    private static void CheckFormat(JsonNode node, JsonObject schema, string path, Problems problems)
    {
        if (schema["format"]?.ToString() == "int32" && node is JsonValue v && v.TryGetValue<long>(out var l) && (l < int.MinValue || l > int.MaxValue))
        {
            problems.Add(path, "must fit in a 32-bit integer.");
        }
    }

    private static void CheckCount(int count, JsonObject schema, string path, Problems problems)
    {
        if (schema["minItems"] is JsonValue min && count < min.GetValue<long>())
        {
            problems.Add(path, $"must have at least {min} items.");
        }

        if (schema["maxItems"] is JsonValue max && count > max.GetValue<long>())
        {
            problems.Add(path, $"must have at most {max} items.");
        }
    }

    private static void CheckMetadata(JsonObject? metadata, Problems problems)
    {
        if (metadata is null)
        {
            return;
        }

        problems.Check("metadata.name", Check.Subdomain(metadata["name"]?.ToString(), "object name"));
        if (metadata["namespace"] is JsonNode ns)
        {
            problems.Check("metadata.namespace", Check.Label(ns.ToString(), "namespace"));
        }

        if (metadata["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                problems.Check($"metadata.labels.{key}", Check.LabelValueText(value?.ToString()));
            }
        }
    }

    /// <summary>The three CEL rules of the Traefik v3.7.9 CRDs, which a JSON-schema walk cannot run.</summary>
    private static void CelRules(string kind, JsonObject json, Problems problems)
    {
        switch (kind)
        {
            case TraefikApi.MiddlewareKind:
                if (json["spec"]?["addPrefix"]?["prefix"] is JsonValue prefix && prefix.GetValueKind() == JsonValueKind.String
                    && !prefix.GetValue<string>().StartsWith('/'))
                {
                    problems.Add("spec.addPrefix.prefix", "must start with a '/'.");
                }

                break;
            case TraefikApi.ServersTransportKind:
                RootCas(json["spec"]?["rootCAs"] as JsonArray, "spec.rootCAs", problems);
                break;
            case "ServersTransportTCP":
                RootCas(json["spec"]?["tls"]?["rootCAs"] as JsonArray, "spec.tls.rootCAs", problems);
                break;
        }
    }

    private static void RootCas(JsonArray? rootCas, string path, Problems problems)
    {
        if (rootCas is null)
        {
            return;
        }

        for (var i = 0; i < rootCas.Count; i++)
        {
            if (rootCas[i] is JsonObject ca && ca.ContainsKey("secret") && ca.ContainsKey("configMap"))
            {
                problems.Add($"{path}[{i}]", "RootCA cannot have both Secret and ConfigMap defined.");
            }
        }
    }

    private static bool IsInteger(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && (v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _)
            || (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out _)));

    private static double ToDouble(JsonNode node)
    {
        var v = (JsonValue)node;
        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }

        return double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {Check.Show(node.GetValue<string>())}",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
            _ => node.ToJsonString(),
        },
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string ReadEmbedded(string name)
    {
        using var stream = typeof(CrdSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
