using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Security;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

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
internal static partial class ArgumentChecker
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
                var problems = Check(tool.ProtocolTool.InputSchema, request.Arguments, out var invalid, context.Services?.GetService<SecretRedactor>());
                if (problems.Count > 0)
                {
                    return ToolRunner.Error(new ManifestException($"The arguments of {request.Name} do not match its input schema.", problems).Message);
                }

                if (invalid.Count > 0)
                {
                    return ToolRunner.Error(new ManifestException($"The arguments of {request.Name} are not valid.", invalid).Message);
                }
            }

            return await next(context, cancellationToken).ConfigureAwait(false);
        };

    /// <summary>
    /// Top-level arguments that name the object a tool changes, or its namespace. They become a branch name, a file
    /// path and a commit trailer, so they are checked before anything uses them; each operation checks its own stricter
    /// rule afterwards (a weighted route's name is a DNS-1123 label of at most 56 characters, for example).
    /// </summary>
    internal static readonly FrozenDictionary<string, (KubernetesNameRule Rule, string What)> NameArguments = new Dictionary<string, (KubernetesNameRule, string)>(StringComparer.Ordinal)
    {
        ["namespace"] = (KubernetesNameRule.Label, "namespace"),
        ["route_name"] = (KubernetesNameRule.Subdomain, "route name"),
        ["middleware_name"] = (KubernetesNameRule.Subdomain, "middleware name"),
        ["name"] = (KubernetesNameRule.Subdomain, "name"),
        ["service_name"] = (KubernetesNameRule.ServiceName, "Service name"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Arguments the tools bind to a 32-bit integer, by path ("[]" stands for any list index). The input schema says
    /// only "integer"; a larger value would fail inside the SDK's binding with a message naming no argument.
    /// <c>ArgumentCheckerTests</c> checks this list against the tools' parameters.
    /// </summary>
    internal static readonly FrozenSet<string> Int32Arguments = new[]
    {
        "stable_weight", "canary_weight", "stable_port", "canary_port", "mirror_percent", "main_port", "mirror_port", "response_code", "redirect_port",
        "reject_status_code", "ip_strategy_depth", "retry_attempts", "error_service_port", "route_index", "service_port",
        "routes[].service_port", "routes[].service_weight", "routes[].services[].port", "routes[].services[].weight", "services[].port", "services[].weight",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every problem with <paramref name="arguments"/> against an object schema.</summary>
    public static IReadOnlyList<ManifestProblem> Check(JsonElement schema, IDictionary<string, JsonElement>? arguments) => Check(schema, arguments, out _);

    /// <summary>
    /// Every problem with <paramref name="arguments"/> against an object schema, and (in <paramref name="invalid"/>) every
    /// value of the right type that no tool can take: a malformed object name or namespace, an integer out of range.
    /// First of all, every string (names included) longer than <see cref="MaxStringLength"/> and every value holding
    /// a credential of <paramref name="secrets"/>: when there is one, nothing else is looked at.
    /// </summary>
    public static IReadOnlyList<ManifestProblem> Check(JsonElement schema, IDictionary<string, JsonElement>? arguments, out IReadOnlyList<ManifestProblem> invalid, SecretRedactor? secrets = null)
    {
        var problems = new List<ManifestProblem>();
        var values = new List<ManifestProblem>();
        invalid = values;
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

                Value(property, value, name, problems, values);
                if (NameArguments.TryGetValue(name, out var rule) && value.ValueKind == JsonValueKind.String
                    && !KubernetesName.TryParse(value.GetString(), rule.Rule, out _, out var error, rule.What))
                {
                    values.Add(new ManifestProblem(name, error));
                }
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

    private static void Value(JsonElement schema, JsonElement value, string path, List<ManifestProblem> problems, List<ManifestProblem> values)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !Allowed(type).Any(t => Matches(t, value)))
        {
            problems.Add(new ManifestProblem(path, Allowed(type).Contains("integer") && IsWholeNumber(value)
                ? $"{Describe(value)} is out of range: give a whole number from {long.MinValue} to {long.MaxValue}."
                : $"must be {string.Join(" or ", Allowed(type).Where(t => t != "null").Select(Article))}, not {Describe(value)}."));
            return;
        }

        if (Int32Arguments.Contains(ListIndex().Replace(path, "[]")) && IsWholeNumber(value) && !FitsInt32(value))
        {
            values.Add(new ManifestProblem(path, $"{Describe(value)} is out of range: give a whole number from {int.MinValue} to {int.MaxValue}."));
            return;
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Value(items, item, $"{path}[{i++}]", problems, values);
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
                    Value(property, member.Value, $"{path}.{member.Name}", problems, values);
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Value(additional, member.Value, $"{path}.{member.Name}", problems, values);
                }
                else if (properties.ValueKind == JsonValueKind.Object)
                {
                    problems.Add(new ManifestProblem($"{path}.{Shown(member.Name)}", Unknown(member.Name, properties)));
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
        "number" => value.ValueKind == JsonValueKind.Number ? value.TryGetDouble(out var d) && double.IsFinite(d)
            : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && double.IsFinite(t),
        _ => true,
    };

    /// <summary>A JSON number, or a string the binder reads as one, written as a whole number (however large).</summary>
    private static bool IsWholeNumber(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString() ?? string.Empty,
            _ => string.Empty,
        };
        var digits = text.AsSpan(text.StartsWith('-') || text.StartsWith('+') ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool FitsInt32(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.TryGetInt32(out _)
        : int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"\[[0-9]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex ListIndex();

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
        JsonValueKind.String => $"the string {Quote(value.GetString() ?? string.Empty)}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>An argument name as a path: as sent when it is a plain name, else quoted.</summary>
    private static string Shown(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? name : Quote(name);

    /// <summary>A value quoted for a message: control characters escaped, long values cut.</summary>
    private static string Quote(string value)
    {
        var cut = value.Length <= 80 ? value : value[..77] + "...";
        var sb = new System.Text.StringBuilder(cut.Length + 2).Append('"');
        foreach (var c in cut)
        {
            _ = char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029'
                ? sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture))
                : sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

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
