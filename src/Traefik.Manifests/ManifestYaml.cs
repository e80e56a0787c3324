using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Transports;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Yaml;

namespace Traefik.Manifests;

/// <summary>
/// Reads and writes manifests. Output is canonical and byte-stable: <c>apiVersion, kind, metadata,
/// spec</c> first, <c>name, namespace</c> first in metadata, every other key sorted, two-space
/// indentation, <c>match</c> single-quoted, a trailing newline, and the same bytes under any culture.
/// </summary>
public static class ManifestYaml
{
    /// <summary>The separator written between documents.</summary>
    public const string DocumentSeparator = "---\n";

    /// <summary>Renders one object as a YAML document.</summary>
    public static string Render(KubernetesObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(512);
        YamlWriter.WriteDocument(sb, ToJson(value), canonicalOrder: true);
        return sb.ToString();
    }

    /// <summary>Renders objects as a multi-document YAML stream, in the order given.</summary>
    public static string Render(IEnumerable<KubernetesObject> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sb = new StringBuilder(4096);
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                sb.Append(DocumentSeparator);
            }

            first = false;
            YamlWriter.WriteDocument(sb, ToJson(value), canonicalOrder: true);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Renders a JSON document as YAML. With <paramref name="canonicalOrder"/> false the keys keep
    /// the order they have in <paramref name="node"/> (used to edit hand-written objects in place).
    /// </summary>
    public static string RenderNode(JsonNode? node, bool canonicalOrder = true)
    {
        var sb = new StringBuilder(512);
        YamlWriter.WriteDocument(sb, node, canonicalOrder);
        return sb.ToString();
    }

    /// <summary>Parses every Kubernetes object in a YAML stream (empty documents are skipped).</summary>
    /// <exception cref="ManifestException">The text is not valid YAML, or a document is not a valid object; every problem is listed.</exception>
    public static IReadOnlyList<KubernetesObject> Parse(string yaml)
    {
        var documents = ReadDocuments(yaml);
        var problems = new Problems();
        var result = new List<KubernetesObject>(documents.Count);
        foreach (var document in documents)
        {
            if (document.Object is not null)
            {
                result.Add(document.Object);
            }
            else if (document.Problems.Count > 0)
            {
                foreach (var p in document.Problems)
                {
                    problems.Add($"document {document.Index + 1}" + (p.Path.Length > 0 ? ", " + p.Path : string.Empty), p.Message);
                }
            }
            else if (document.Json is not null)
            {
                problems.Add($"document {document.Index + 1}", "is not a Kubernetes object: apiVersion, kind and metadata.name are required.");
            }
        }

        problems.ThrowIfAny("The YAML does not hold valid Kubernetes objects.");
        return result;
    }

    /// <summary>
    /// Reads every document of a YAML stream with its position in the text, so a caller can replace
    /// one document and leave the others byte for byte. Bounded by <see cref="YamlLimits.Default"/>.
    /// </summary>
    /// <exception cref="ManifestException">The text is not valid YAML or goes over a limit (one problem: the line, column and reason). A document that does not bind to its model is returned with its <see cref="ManifestDocument.Problems"/>.</exception>
    public static IReadOnlyList<ManifestDocument> ReadDocuments(string yaml) => ReadDocuments(yaml, YamlLimits.Default);

    /// <summary>
    /// Reads every document of a YAML stream with its position in the text, within <paramref name="limits"/>:
    /// the work is linear in the text, whatever it holds.
    /// </summary>
    /// <exception cref="ManifestException">The text is not valid YAML or goes over a limit (one problem: the line, column and reason). A document that does not bind to its model is returned with its <see cref="ManifestDocument.Problems"/>.</exception>
    public static IReadOnlyList<ManifestDocument> ReadDocuments(string yaml, YamlLimits limits)
    {
        if (!TryReadDocuments(yaml, limits, out var documents, out var error))
        {
            throw new ManifestException("The text is not valid YAML.", [new ManifestProblem($"line {error.Line}, column {error.Column}", error.Reason)]);
        }

        return documents;
    }

    /// <summary>
    /// Reads every document of a YAML stream within <paramref name="limits"/>, or says why it cannot: never throws for
    /// the text's content, however malformed or hostile, and never takes more than time linear in its length.
    /// </summary>
    /// <param name="yaml">The text.</param>
    /// <param name="limits">The bounds on size, nesting and alias expansion.</param>
    /// <param name="documents">The documents read (empty when the text cannot be read).</param>
    /// <param name="error">Why the text cannot be read, with the line and column (null when it was read).</param>
    /// <returns>True when the text was read.</returns>
    public static bool TryReadDocuments(string yaml, YamlLimits limits, out IReadOnlyList<ManifestDocument> documents, [NotNullWhen(false)] out YamlError? error)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(limits);
        List<YamlDocumentNode> raw;
        try
        {
            raw = YamlReader.ReadAll(yaml, limits);
        }
        catch (YamlReadException e)
        {
            documents = [];
            error = WithinText(e.ToError(), yaml);
            return false;
        }

        var result = new List<ManifestDocument>(raw.Count);
        foreach (var doc in raw)
        {
            KubernetesObject? value = null;
            IReadOnlyList<ManifestProblem> problems = [];
            if (doc.Root is JsonObject obj && LooksLikeObject(obj))
            {
                try
                {
                    value = FromJson(obj);
                }
                catch (ManifestException e)
                {
                    problems = e.Problems;
                }
            }

            result.Add(new ManifestDocument(doc.Index, doc.Root, value, doc.Start, doc.End, doc.HasComments) { Problems = problems, Comments = doc.Comments });
        }

        documents = result;
        error = null;
        return true;
    }

    /// <summary>An error found at the end of the stream is on the text's last line, not the one after it.</summary>
    private static YamlError WithinText(YamlError error, string yaml)
    {
        var lines = 1;
        var lastLineStart = 0;
        for (var i = 0; i < yaml.Length; i++)
        {
            if (yaml[i] is '\n' or '\u0085' or '\u2028' or '\u2029' || (yaml[i] == '\r' && (i + 1 == yaml.Length || yaml[i + 1] != '\n')))
            {
                lines++;
                lastLineStart = i + 1;
            }
        }

        return error.Line <= lines ? error : error with { Line = lines, Column = yaml.Length - lastLineStart + 1 };
    }

    /// <summary>Converts an object to its JSON form (the form CRD schemas and MCP structured output use).</summary>
    public static JsonObject ToJson(KubernetesObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var node = value switch
        {
            IngressRoute v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.IngressRoute),
            TraefikService v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.TraefikService),
            Middleware v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.Middleware),
            ServersTransport v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.ServersTransport),
            IngressRouteTcp v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.IngressRouteTcp),
            MiddlewareTcp v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.MiddlewareTcp),
            CoreService v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.CoreService),
            UnknownObject v => JsonSerializer.SerializeToNode(v, ManifestJsonContext.Default.UnknownObject),
            _ => throw new ArgumentException($"Unsupported object type {value.GetType().Name}.", nameof(value)),
        };
        return (JsonObject)node!;
    }

    /// <summary>Binds a JSON object to the model type for its apiVersion and kind.</summary>
    /// <exception cref="ManifestException">The object does not match its schema.</exception>
    public static KubernetesObject FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var apiVersion = json["apiVersion"]?.GetValueKind() == JsonValueKind.String ? json["apiVersion"]!.GetValue<string>() : null;
        var kind = json["kind"]?.GetValueKind() == JsonValueKind.String ? json["kind"]!.GetValue<string>() : null;
        var problems = new Problems();
        if (apiVersion is null)
        {
            problems.Add("apiVersion", "is required and must be a string.");
        }

        if (kind is null)
        {
            problems.Add("kind", "is required and must be a string.");
        }

        if (json["metadata"] is not JsonObject meta || meta["name"]?.GetValueKind() != JsonValueKind.String)
        {
            problems.Add("metadata.name", "is required and must be a string.");
        }

        problems.ThrowIfAny("The document is not a Kubernetes object.");
        var traefik = TraefikApi.IsTraefikApiVersion(apiVersion);
        return (traefik, kind) switch
        {
            (true, TraefikApi.IngressRouteKind) => Bind(json, ManifestJsonContext.Default.IngressRoute, kind!),
            (true, TraefikApi.TraefikServiceKind) => Bind(json, ManifestJsonContext.Default.TraefikService, kind!),
            (true, TraefikApi.MiddlewareKind) => Bind(json, ManifestJsonContext.Default.Middleware, kind!),
            (true, TraefikApi.ServersTransportKind) => Bind(json, ManifestJsonContext.Default.ServersTransport, kind!),
            (true, TraefikApi.IngressRouteTcpKind) => Bind(json, ManifestJsonContext.Default.IngressRouteTcp, kind!),
            (true, TraefikApi.MiddlewareTcpKind) => Bind(json, ManifestJsonContext.Default.MiddlewareTcp, kind!),
            _ when apiVersion == "v1" && kind == TraefikApi.ServiceKind => Bind(json, ManifestJsonContext.Default.CoreService, kind!),
            _ => Bind(json, ManifestJsonContext.Default.UnknownObject, kind!),
        };
    }

    private static bool LooksLikeObject(JsonObject obj) => obj.ContainsKey("apiVersion") || obj.ContainsKey("kind");

    private static T Bind<T>(JsonObject json, JsonTypeInfo<T> typeInfo, string kind)
        where T : KubernetesObject
    {
        try
        {
            return json.Deserialize(typeInfo) ?? throw new ManifestException(kind, "is empty.");
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : string.Empty;
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            throw new ManifestException($"The {kind} does not match its schema.", [new ManifestProblem(path, message)]);
        }
        catch (InvalidOperationException e)
        {
            throw new ManifestException($"The {kind} does not match its schema.", [new ManifestProblem(string.Empty, e.Message)]);
        }
    }
}
