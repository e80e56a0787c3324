using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>
/// Checks tool arguments against the tool's published input schema before the call is bound: unknown
/// arguments (usually a misspelt name, which would otherwise be silently ignored), missing required
/// ones, and values of the wrong JSON type, nested lists and objects included. Every problem is
/// reported at once as a tool error naming the argument, instead of a generic binding failure.
/// </summary>
internal static class ArgumentChecker
{
    /// <summary>The call-tool filter.</summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            McpServerTool? tool = null;
            if (context.Params is { } request
                && context.Server.ServerOptions.ToolCollection?.TryGetPrimitive(request.Name, out tool) == true
                && tool is not null)
            {
                var problems = Check(tool.ProtocolTool.InputSchema, request.Arguments);
                if (problems.Count > 0)
                {
                    return ToolRunner.Error(new ManifestException($"The arguments of {request.Name} do not match its input schema.", problems).Message);
                }
            }

            return await next(context, cancellationToken).ConfigureAwait(false);
        };

    /// <summary>Every problem with <paramref name="arguments"/> against an object schema.</summary>
    public static IReadOnlyList<ManifestProblem> Check(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        var problems = new List<ManifestProblem>();
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (arguments is not null)
        {
            foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var property))
                {
                    problems.Add(new ManifestProblem(name, Unknown(name, properties)));
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
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
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
