using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Security;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>
/// Checks tool arguments against the tool's published input schema before the call is bound: unknown
/// arguments (usually a misspelt name, which would otherwise be silently ignored), missing required
/// ones, and values of the wrong JSON type, nested lists and objects included. Every problem is
/// reported at once as a tool error naming the argument, instead of a generic binding failure.
/// It also refuses, before any work is done with them, strings longer than <see cref="MaxStringLength"/>
/// and values holding a credential this server was given (see <see cref="Configuration.ConfiguredSecrets"/>):
/// a credential must never reach a manifest, a proposal journal or an answer.
/// </summary>
internal static class ArgumentChecker
{
    /// <summary>The longest string argument accepted (characters); Traefik's longest fields are far shorter.</summary>
    public const int MaxStringLength = 64 * 1024;

    /// <summary>Property names longer than this get no "did you mean" suggestion (the distance is quadratic).</summary>
    private const int MaxSuggestedNameLength = 128;

    /// <summary>The call-tool filter.</summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            McpServerTool? tool = null;
            if (context.Params is { } request
                && context.Server.ServerOptions.ToolCollection?.TryGetPrimitive(request.Name, out tool) == true
                && tool is not null)
            {
                var problems = Check(tool.ProtocolTool.InputSchema, request.Arguments, context.Services?.GetService<SecretRedactor>());
                if (problems.Count > 0)
                {
                    return ToolRunner.Error(new ManifestException($"The arguments of {request.Name} do not match its input schema.", problems).Message);
                }
            }

            return await next(context, cancellationToken).ConfigureAwait(false);
        };

    /// <summary>Every problem with <paramref name="arguments"/> against an object schema, and every value that is too long or holds a credential of <paramref name="secrets"/>.</summary>
    public static IReadOnlyList<ManifestProblem> Check(JsonElement schema, IDictionary<string, JsonElement>? arguments, SecretRedactor? secrets = null)
    {
        var problems = new List<ManifestProblem>();
        if (arguments is not null)
        {
            foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (name.Length > MaxStringLength)
                {
                    problems.Add(new ManifestProblem(Shown(name), $"is an argument name {name.Length} characters long; at most {MaxStringLength} are accepted."));
                }
                else if (secrets?.Source(name) is { } source)
                {
                    problems.Add(new ManifestProblem("arguments", "has a name that " + Credential(source)));
                }
                else
                {
                    Bounded(value, Shown(name), secrets, problems);
                }
            }

            if (problems.Count > 0)
            {
                // A value that is too long or holds a credential is not looked at any further.
                return problems;
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (arguments is not null)
        {
            foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var property))
                {
                    problems.Add(new ManifestProblem(Shown(name), Unknown(name, properties)));
                    continue;
                }

                Value(property, value, name, problems);
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                {
                    problems.Add(new ManifestProblem(name, "is required."));
                }
            }
        }

        return problems;
    }

    private static void Value(JsonElement schema, JsonElement value, string path, List<ManifestProblem> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !Allowed(type).Any(t => Matches(t, value)))
        {
            problems.Add(new ManifestProblem(path, $"must be {string.Join(" or ", Allowed(type).Where(t => t != "null").Select(Article))}, not {Describe(value)}."));
            return;
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Value(items, item, $"{path}[{i++}]", problems);
            }
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
            foreach (var member in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var property))
                {
                    Value(property, member.Value, $"{path}.{member.Name}", problems);
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Value(additional, member.Value, $"{path}.{member.Name}", problems);
                }
                else if (properties.ValueKind == JsonValueKind.Object)
                {
                    problems.Add(new ManifestProblem($"{path}.{member.Name}", Unknown(member.Name, properties)));
                }
            }
        }
    }

    /// <summary>Strings (names included) longer than <see cref="MaxStringLength"/>, and strings holding a credential.</summary>
    private static void Bounded(JsonElement value, string path, SecretRedactor? secrets, List<ManifestProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length > MaxStringLength)
                {
                    problems.Add(new ManifestProblem(path, $"is {text.Length} characters long; at most {MaxStringLength} are accepted."));
                }
                else if (secrets?.Source(text) is { } source)
                {
                    problems.Add(new ManifestProblem(path, Credential(source)));
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Bounded(item, $"{path}[{i++}]", secrets, problems);
                }

                break;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    var memberPath = $"{path}.{Shown(member.Name)}";
                    if (member.Name.Length > MaxStringLength)
                    {
                        problems.Add(new ManifestProblem(memberPath, $"is a key {member.Name.Length} characters long; at most {MaxStringLength} are accepted."));
                    }
                    else if (secrets?.Source(member.Name) is { } source)
                    {
                        problems.Add(new ManifestProblem(path, "has a key that " + Credential(source)));
                    }
                    else
                    {
                        Bounded(member.Value, memberPath, secrets, problems);
                    }
                }

                break;
        }
    }

    private static string Credential(string source) =>
        $"holds the credential this server was given in {source}; credentials are never written to manifests, proposals or answers: reference a Kubernetes Secret instead.";

    /// <summary>A name as it can be shown in a path: cut when long, control characters escaped.</summary>
    private static string Shown(string name) => Escaped(name.Length <= 80 ? name : name[..77] + "...");

    private static string Escaped(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = char.IsControl(c) ? sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)) : sb.Append(c);
        }

        return sb.ToString();
    }

    private static IEnumerable<string> Allowed(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).OfType<string>() : [type.GetString() ?? string.Empty];

    /// <summary>
    /// Whether a value has the schema type. Numbers written as strings are accepted, as the binder
    /// accepts them ("3600" for an integer).
    /// </summary>
    private static bool Matches(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "string" => value.ValueKind == JsonValueKind.String,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "integer" => value.ValueKind == JsonValueKind.Number ? value.TryGetInt64(out _)
            : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "number" => value.ValueKind == JsonValueKind.Number
            || (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
        _ => true,
    };

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "array" => "a list",
        "object" => "an object",
        "boolean" => "true or false",
        _ => "a " + type,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quoted(value.GetString()!)}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Unknown(string name, JsonElement properties)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return "is not a parameter here.";
        }

        if (name.Length > MaxSuggestedNameLength)
        {
            return "is not a parameter here; see the tool's input schema for the parameters it takes.";
        }

        var close = properties.EnumerateObject()
            .Select(p => (p.Name, Distance: Distance(name, p.Name)))
            .Where(p => p.Distance <= Math.Max(2, name.Length / 4))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(p => p.Name)
            .ToList();
        return close.Count > 0
            ? $"is not a parameter here; did you mean {string.Join(" or ", close)}?"
            : "is not a parameter here; see the tool's input schema for the parameters it takes.";
    }

    /// <summary>A string value as shown in a message: quoted, cut when long, control characters escaped.</summary>
    private static string Quoted(string value) => "\"" + Shown(value) + "\"";

    /// <summary>Levenshtein distance, to suggest the parameter a misspelt name meant.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
