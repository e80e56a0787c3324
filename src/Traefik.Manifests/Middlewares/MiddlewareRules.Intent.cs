using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Schemas;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Middlewares;

/// <summary>How a <see cref="MiddlewareIntent"/> becomes a spec: the library's defaults and conveniences, then the CRD check.</summary>
internal static partial class MiddlewareRules
{
    /// <summary>
    /// The spec a <see cref="MiddlewareIntent"/> stands for, with the warnings its conveniences give. Problems name the
    /// intent's own paths (<c>fields.average</c>, <c>trigger.threshold</c>, <c>chain[0]</c>).
    /// </summary>
    /// <exception cref="ManifestException">The intent is not valid or does not match the Middleware CRD.</exception>
    public static (MiddlewareSpec Spec, List<string> Warnings) FromIntent(string @namespace, string name, MiddlewareIntent intent)
    {
        var warnings = new List<string>();
        var problems = new Problems();
        var type = intent.Type;
        if (!MiddlewareTypes.All.Contains(type))
        {
            throw new ManifestException("type", $"{Check.Show(type ?? string.Empty)} is not an HTTP middleware type of Traefik v3; use one of {string.Join(", ", MiddlewareTypes.All)}.");
        }

        var body = Fields(intent, type, problems);
        if (type == MiddlewareTypes.Plugin)
        {
            if (string.IsNullOrWhiteSpace(intent.Plugin))
            {
                problems.Add("plugin", "is required for a plugin: the plugin name declared in Traefik's static configuration (experimental.plugins); its configuration goes in the fields.");
            }
            else
            {
                body = new JsonObject { [intent.Plugin] = body };
            }
        }

        if (type == MiddlewareTypes.StripPrefix && body.ContainsKey("regex"))
        {
            if (body.ContainsKey("prefixes"))
            {
                problems.Add("fields.regex", "give either fields.prefixes (stripPrefix) or fields.regex (stripPrefixRegex), not both.");
            }
            else
            {
                type = MiddlewareTypes.StripPrefixRegex;
                warnings.Add("stripPrefix with fields.regex is written as stripPrefixRegex: the regular expressions match the part of the path to remove.");
            }
        }

        if (intent.Chain is { } chain)
        {
            if (type != MiddlewareTypes.Chain)
            {
                problems.Add("chain", $"applies to a chain, not {type}.");
            }
            else if (body.ContainsKey("middlewares"))
            {
                problems.Add("chain", "give either chain or fields.middlewares, not both.");
            }
            else
            {
                body["middlewares"] = new JsonArray([.. chain.Select(Member)]);
            }
        }

        if (intent.Trigger is not null && type != MiddlewareTypes.CircuitBreaker)
        {
            problems.Add("trigger", $"applies to a circuit breaker, not {type}.");
        }

        problems.ThrowIfAny($"The {type} middleware {name} is not valid.");
        switch (type)
        {
            case MiddlewareTypes.CircuitBreaker:
                body["expression"] = CircuitBreakerExpression(intent.Trigger, body);
                break;
            case MiddlewareTypes.RedirectScheme:
                body["scheme"] ??= MiddlewareDefaults.RedirectScheme;
                body["permanent"] ??= MiddlewareDefaults.RedirectSchemePermanent;
                break;
            case MiddlewareTypes.ReplacePathRegex:
                body["replacement"] ??= MiddlewareDefaults.ReplacePathRegexReplacement;
                break;
        }

        var json = new JsonObject
        {
            ["apiVersion"] = TraefikApi.Version,
            ["kind"] = TraefikApi.MiddlewareKind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
            ["spec"] = new JsonObject { [type] = body },
        };
        var found = CrdSchema.TraefikV3.Validate(json);
        if (found.Count > 0)
        {
            throw new ManifestException($"The {type} middleware {name} does not match the Middleware CRD.", [.. found]);
        }

        return (((Middleware)ManifestYaml.FromJson(json)).Spec, warnings);
    }

    /// <summary>
    /// Problem paths of the spec (<c>spec.rateLimit.average</c>, <c>metadata.name</c>) as paths of the intent
    /// (<c>fields.average</c>, <c>name</c>); the members of a chain given as <see cref="MiddlewareIntent.Chain"/> are <c>chain[i]</c>.
    /// </summary>
    public static string IntentPath(string path, string type, MiddlewareIntent intent)
    {
        if (path is "metadata.name")
        {
            return "name";
        }

        if (path is "metadata.namespace")
        {
            return "namespace";
        }

        var prefix = "spec." + type;
        if (type == MiddlewareTypes.Plugin && intent.Plugin is { Length: > 0 } plugin && Under(path, $"{prefix}.{plugin}"))
        {
            prefix = $"{prefix}.{plugin}";
        }

        if (intent.Chain is not null && type == MiddlewareTypes.Chain && Under(path, prefix + ".middlewares"))
        {
            return "chain" + path[(prefix.Length + ".middlewares".Length)..];
        }

        return path == prefix ? "fields"
            : Under(path, prefix) ? "fields" + path[prefix.Length..]
            : path;
    }

    private static bool Under(string path, string prefix) =>
        path == prefix || (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] is '.' or '[');

    /// <summary>The fields as an object, unwrapped from <c>{"&lt;type&gt;": {…}}</c>.</summary>
    private static JsonObject Fields(MiddlewareIntent intent, string type, Problems problems)
    {
        if (intent.Fields is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } fields)
        {
            return [];
        }

        if (fields.ValueKind != JsonValueKind.Object)
        {
            problems.Add("fields", $"must be an object of {type} fields, not a JSON {fields.ValueKind.ToString().ToLowerInvariant()}.");
            return [];
        }

        var body = JsonNode.Parse(fields.GetRawText())!.AsObject();
        return type != MiddlewareTypes.Plugin && body.Count == 1 && body[type] is JsonObject inner ? (JsonObject)inner.DeepClone() : body;
    }

    private static JsonObject Member(string text)
    {
        var reference = MiddlewareReferences.FromText(text);
        return reference.Namespace is null
            ? new JsonObject { ["name"] = reference.Name }
            : new JsonObject { ["name"] = reference.Name, ["namespace"] = reference.Namespace };
    }

    /// <summary>
    /// The circuit breaker's expression, from the trigger or the fields' expression, checked with the timings the fields
    /// give (values of the wrong JSON type are left to the CRD check).
    /// </summary>
    private static string CircuitBreakerExpression(CircuitBreakerTrigger? trigger, JsonObject body)
    {
        try
        {
            return MiddlewareSpecs.CircuitBreaker(
                trigger?.Type,
                trigger?.Threshold,
                body["responseCode"] is JsonValue code && code.TryGetValue<int>(out var c) ? c : null,
                Duration(body["checkPeriod"]),
                Duration(body["fallbackDuration"]),
                Duration(body["recoveryDuration"]),
                trigger?.LatencyQuantile,
                body["expression"] is JsonValue e && e.TryGetValue<string>(out var text) ? text : null).CircuitBreaker!.Expression!;
        }
        catch (ManifestException error)
        {
            throw new ManifestException(error.Headline, [.. error.Problems.Select(p => p with { Path = TriggerPath(p.Path) })]);
        }
    }

    private static string TriggerPath(string path) => path switch
    {
        "triggerType" => "trigger.type",
        "threshold" => "trigger.threshold",
        "latencyQuantile" => "trigger.latencyQuantile",
        _ => "fields." + path,
    };

    private static IntOrString? Duration(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var number))
        {
            return IntOrString.FromNumber(number);
        }

        return value.TryGetValue<string>(out var text) ? IntOrString.FromText(text) : (IntOrString?)null;
    }
}
