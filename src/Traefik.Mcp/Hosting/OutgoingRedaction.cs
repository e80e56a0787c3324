using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Security;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// The last step before a JSON-RPC message leaves the server: every string in it (tool results, their
/// structured content, resources, error messages and data, notifications) has the configured credentials and
/// any URL's user information masked. A message that holds none is sent as it is; one that does is rebuilt,
/// so shared result objects are never changed.
/// </summary>
internal static class OutgoingRedaction
{
    /// <summary>The outgoing message filter masking what the server's <see cref="SecretRedactor"/> knows.</summary>
    public static McpMessageFilter Filter => next => (context, cancellationToken) =>
    {
        if (context.Server.Services?.GetService<SecretRedactor>() is not { } redactor)
        {
            return next(context, cancellationToken);
        }

        var message = context.JsonRpcMessage;
        var clean = Redact(message, redactor);
        return ReferenceEquals(clean, message)
            ? next(context, cancellationToken)
            : next(new MessageContext(context.Server, clean) { Services = context.Services, User = context.User }, cancellationToken);
    };

    /// <summary><paramref name="message"/> itself when it holds nothing to mask, else a copy with every secret masked.</summary>
    public static JsonRpcMessage Redact(JsonRpcMessage message, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(redactor);
        switch (message)
        {
            case JsonRpcResponse response when Leaks(response.Result, redactor):
                return new JsonRpcResponse { Id = response.Id, Result = Clean(response.Result, redactor), Context = response.Context };
            case JsonRpcError error when redactor.Leaks(error.Error.Message) || Leaks(error.Error.Data, redactor):
                return new JsonRpcError
                {
                    Id = error.Id,
                    Error = new JsonRpcErrorDetail { Code = error.Error.Code, Message = redactor.Redact(error.Error.Message), Data = Clean(error.Error.Data, redactor) },
                    Context = error.Context,
                };
            case JsonRpcNotification notification when Leaks(notification.Params, redactor):
                return new JsonRpcNotification { Method = notification.Method, Params = Clean(notification.Params, redactor), Context = notification.Context };
            case JsonRpcRequest request when Leaks(request.Params, redactor):
                return new JsonRpcRequest { Id = request.Id, Method = request.Method, Params = Clean(request.Params, redactor), Context = request.Context };
            default:
                return message;
        }
    }

    private static bool Leaks(object? data, SecretRedactor redactor) => data switch
    {
        null => false,
        JsonNode node => Leaks(node, redactor),
        string text => redactor.Leaks(text),
        JsonElement element => Leaks(JsonNode.Parse(element.GetRawText()), redactor),
        _ => false,
    };

    private static bool Leaks(JsonNode? node, SecretRedactor redactor)
    {
        switch (node)
        {
            case null:
                return false;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (redactor.Leaks(name) || Leaks(value, redactor))
                    {
                        return true;
                    }
                }

                return false;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (Leaks(item, redactor))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return node.GetValueKind() switch
                {
                    JsonValueKind.String => redactor.Leaks(node.GetValue<string>()),
                    JsonValueKind.Object or JsonValueKind.Array => Leaks(JsonNode.Parse(node.ToJsonString()), redactor),
                    _ => false,
                };
        }
    }

    private static object? Clean(object? data, SecretRedactor redactor) => data switch
    {
        JsonNode node => Clean(node, redactor),
        string text => redactor.Redact(text),
        JsonElement element => Clean(JsonNode.Parse(element.GetRawText()), redactor),
        _ => data,
    };

    private static JsonNode? Clean(JsonNode? node, SecretRedactor redactor)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    copy[redactor.Redact(name)] = Clean(value, redactor);
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Clean(item, redactor));
                }

                return items;
            default:
                return node.GetValueKind() switch
                {
                    JsonValueKind.String => JsonValue.Create(redactor.Redact(node.GetValue<string>())),
                    JsonValueKind.Object or JsonValueKind.Array => Clean(JsonNode.Parse(node.ToJsonString()), redactor),
                    _ => node.DeepClone(),
                };
        }
    }
}
