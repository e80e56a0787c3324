using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// Checks the parameters of each request before the SDK binds them, and answers a wrong shape with JSON-RPC's
/// invalid params (<c>-32602</c>) and a message naming the field, instead of the SDK's internal error
/// (<c>-32603</c> "An error occurred"): <c>params</c> that is not an object, <c>tools/call</c> arguments
/// given as an array or a string, a tool or prompt name that is not a string, a resource URI that is not one.
/// Parameters the SDK still cannot read are reported the same way, with the path it names.
/// </summary>
internal static class RequestParamsCheck
{
    /// <summary>The incoming message filter.</summary>
    public static McpMessageFilter Filter => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest request)
        {
            await next(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Problem(request.Method, request.Params) is { } problem)
        {
            throw new McpProtocolException($"Invalid params for {request.Method}: {problem}", McpErrorCode.InvalidParams);
        }

        try
        {
            await next(context, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e) when (e.Path is { Length: > 0 } path && path.StartsWith('$'))
        {
            // The SDK could not bind the parameters (a handler's own failures are not serializer errors with a path).
            throw new McpProtocolException($"Invalid params for {request.Method}: params{path[1..]} does not have the type {request.Method} takes; see the MCP schema.", McpErrorCode.InvalidParams);
        }
    };

    /// <summary>What is wrong with the parameters of <paramref name="method"/>, or null.</summary>
    public static string? Problem(string method, JsonNode? parameters)
    {
        if (parameters is null)
        {
            return method is RequestMethods.ToolsCall or RequestMethods.ResourcesRead or RequestMethods.PromptsGet or RequestMethods.CompletionComplete
                ? $"params is required: send an object, for example {Example(method)}."
                : null;
        }

        if (parameters is not JsonObject obj)
        {
            return $"params must be an object (MCP passes parameters by name), not {Kind(parameters)}.";
        }

        return method switch
        {
            RequestMethods.ToolsCall => String(obj, "name", required: true, "the tool's name") ?? Object(obj, "arguments", "the tool's arguments by name, for example {\"route_name\": \"api\"}"),
            RequestMethods.PromptsGet => String(obj, "name", required: true, "the prompt's name") ?? Object(obj, "arguments", "the prompt's arguments by name, each a string") ?? StringValues(obj, "arguments"),
            RequestMethods.ResourcesRead or RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe => String(obj, "uri", required: true, "a resource URI such as traefik://traffic/routes/list"),
            RequestMethods.CompletionComplete => Object(obj, "ref", "the prompt or resource template reference", required: true)
                ?? Object(obj, "argument", "{\"name\": ..., \"value\": ...}", required: true)
                ?? String(obj["argument"]!.AsObject(), "name", required: true, "the argument to complete", "params.argument")
                ?? String(obj["argument"]!.AsObject(), "value", required: true, "what has been typed so far", "params.argument"),
            RequestMethods.Initialize => String(obj, "protocolVersion", required: true, "the protocol version, for example \"2025-06-18\"") ?? Object(obj, "capabilities", "the client's capabilities", required: true) ?? Object(obj, "clientInfo", "{\"name\": ..., \"version\": ...}", required: true),
            "logging/setLevel" => String(obj, "level", required: true, "a log level such as \"info\""),
            _ => null,
        };
    }

    private static string? String(JsonObject obj, string name, bool required, string what, string parent = "params") =>
        obj.TryGetPropertyValue(name, out var value) && value is not null
            ? value.GetValueKind() == JsonValueKind.String ? null : $"{parent}.{name} must be a string ({what}), not {Kind(value)}."
            : required ? $"{parent}.{name} is required: {what}." : null;

    /// <summary>Prompt arguments are strings (MCP's schema).</summary>
    private static string? StringValues(JsonObject obj, string name)
    {
        if (obj[name] is not JsonObject values)
        {
            return null;
        }

        foreach (var (key, value) in values)
        {
            if (value is not null && value.GetValueKind() != JsonValueKind.String)
            {
                return $"params.{name}.{(key.Length <= 80 ? key : key[..77] + "...")} must be a string (prompt arguments are strings), not {Kind(value)}.";
            }
        }

        return null;
    }

    private static string? Object(JsonObject obj, string name, string what, bool required = false) =>
        obj.TryGetPropertyValue(name, out var value) && value is not null
            ? value.GetValueKind() == JsonValueKind.Object ? null : $"params.{name} must be an object ({what}), not {Kind(value)}."
            : required ? $"params.{name} is required: {what}." : null;

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Example(string method) => method switch
    {
        RequestMethods.ToolsCall => "{\"name\": \"traefik_check_anomalies\", \"arguments\": {\"route_name\": \"api\"}}",
        RequestMethods.ResourcesRead => "{\"uri\": \"traefik://traffic/routes/list\"}",
        RequestMethods.PromptsGet => "{\"name\": \"weighted_canary_rollout\", \"arguments\": {}}",
        _ => "{\"ref\": {...}, \"argument\": {\"name\": ..., \"value\": ...}}",
    };
}
