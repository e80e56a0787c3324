using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// Checks that one received message is a JSON-RPC 2.0 message MCP accepts, before the SDK reads it, and says
/// what is wrong when it is not, with the error the JSON-RPC specification names: <c>-32700</c> (parse error)
/// for text that is not JSON, <c>-32600</c> (invalid request) for JSON that is not one message object (a
/// number, an array, a batch, an <c>id</c> that is neither a string nor an integer, a missing <c>method</c>, a member
/// given twice…).
/// The SDK drops such messages without an answer, which leaves the client waiting.
/// </summary>
/// <remarks>
/// The check reads the text once with <see cref="Utf8JsonReader"/> (no document is built). Parameters are not
/// looked at beyond their JSON type; <see cref="RequestParamsCheck"/> checks them per method (<c>-32602</c>).
/// </remarks>
internal static class JsonRpcEnvelope
{
    /// <summary>How deep a message may nest (the SDK reads no deeper).</summary>
    public const int MaxDepth = 64;

    /// <summary>JSON-RPC's parse error.</summary>
    public const int ParseError = (int)McpErrorCode.ParseError;

    /// <summary>JSON-RPC's invalid request.</summary>
    public const int InvalidRequest = (int)McpErrorCode.InvalidRequest;

    /// <summary>The problem with <paramref name="utf8"/>, or null when it is a well-formed JSON-RPC message object.</summary>
    public static JsonRpcError? Check(ReadOnlySpan<byte> utf8)
    {
        RequestId id = default;
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Error(ParseError, "Parse error: the message is empty; send one JSON-RPC message object per line.", id);
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();

            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    reader.Skip();
                    EnsureEnd(ref reader);
                    return IsEmptyArray(utf8)
                        ? Error(InvalidRequest, "Invalid Request: an empty array is not a JSON-RPC message; send one message object, for example {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}.", id)
                        : Error(InvalidRequest, "Invalid Request: JSON-RPC batches (arrays of messages) are not supported (MCP removed them in protocol version 2025-06-18); send each message on its own.", id);
                case JsonTokenType.StartObject:
                    break;
                default:
                    var kind = Kind(reader.TokenType);
                    reader.Skip();
                    EnsureEnd(ref reader);
                    return Error(InvalidRequest, $"Invalid Request: a JSON-RPC message is a JSON object, not {kind}; send for example {{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}}.", id);
            }

            string? version = null;
            var hasVersion = false;
            var hasId = false;
            string? idProblem = null;
            var hasMethod = false;
            string? methodProblem = null;
            string? paramsProblem = null;
            var hasResult = false;
            var hasError = false;
            string? duplicate = null;
            string? errorProblem = null;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var bit = name switch { "jsonrpc" => 1, "id" => 2, "method" => 4, "params" => 8, "result" => 16, "error" => 32, _ => 0 };
                if ((seen & bit) != 0)
                {
                    // Readers disagree on which of two copies counts (the SDK takes the last, others the first).
                    duplicate ??= name;
                }

                seen |= bit;
                switch (name)
                {
                    case "jsonrpc":
                        hasVersion = true;
                        version = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "id":
                        hasId = true;
                        switch (reader.TokenType)
                        {
                            case JsonTokenType.String:
                                id = new RequestId(reader.GetString()!);
                                break;
                            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                                id = new RequestId(number);
                                break;
                            case JsonTokenType.Number:
                                idProblem = "\"id\" must be a string or an integer, not the fractional or out-of-range number " + Raw(ref reader);
                                break;
                            default:
                                idProblem = $"\"id\" must be a string or an integer, not {Kind(reader.TokenType)}";
                                break;
                        }

                        break;
                    case "method":
                        hasMethod = true;
                        methodProblem = reader.TokenType == JsonTokenType.String ? null : $"\"method\" must be a string, not {Kind(reader.TokenType)}";
                        break;
                    case "params":
                        paramsProblem = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                            ? null
                            : $"\"params\" must be an object, not {Kind(reader.TokenType)}";
                        break;
                    case "result":
                        hasResult = true;
                        break;
                    case "error":
                        hasError = true;
                        errorProblem = reader.TokenType == JsonTokenType.StartObject
                            ? ErrorObjectProblem(ref reader)
                            : $"\"error\" must be an object with \"code\" and \"message\", not {Kind(reader.TokenType)}";
                        break;
                }

                reader.Skip();
            }

            EnsureEnd(ref reader);
            if (idProblem is not null)
            {
                id = default;
            }

            var problem = duplicate is not null ? $"\"{duplicate}\" appears more than once; send each member once"
                : !hasVersion || version != "2.0" ? "\"jsonrpc\" must be \"2.0\""
                : idProblem
                ?? methodProblem
                ?? (hasMethod && (hasResult || hasError) ? "a message has either \"method\" (a request or notification) or \"result\"/\"error\" (a response), not both"
                    : !hasMethod && !hasResult && !hasError ? "the message has no \"method\"; a request needs \"method\" (and \"id\"), a notification \"method\" only"
                    : !hasMethod && !hasId ? "a response needs the \"id\" of the request it answers"
                    : hasResult && hasError ? "a response has \"result\" or \"error\", not both"
                    : paramsProblem ?? errorProblem);
            return problem is null ? null : Error(InvalidRequest, "Invalid Request: " + problem + ".", id);
        }
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return Error(InvalidRequest, $"Invalid Request: the message nests deeper than {MaxDepth} levels.", default);
        }
        catch (JsonException e)
        {
            return Error(ParseError, $"Parse error: the message is not valid JSON (byte {(e.BytePositionInLine ?? 0).ToString(CultureInfo.InvariantCulture)}): {Reason(e.Message)}", default);
        }
    }

    /// <summary>A JSON-RPC error answer.</summary>
    public static JsonRpcError Error(int code, string message, RequestId id) => new()
    {
        Id = id,
        Error = new JsonRpcErrorDetail { Code = code, Message = message },
    };

    /// <summary>
    /// The <c>id</c> of a message that is only partly known (cut off at a size limit), when it comes before the
    /// cut; default when it does not, or is not a string or an integer.
    /// </summary>
    public static RequestId RecoverId(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read())
                {
                    return default;
                }

                if (isId)
                {
                    return reader.TokenType switch
                    {
                        JsonTokenType.String => new RequestId(reader.GetString()!),
                        JsonTokenType.Number when reader.TryGetInt64(out var number) => new RequestId(number),
                        _ => default,
                    };
                }

                if (!reader.TrySkip())
                {
                    return default;
                }
            }
        }
        catch (JsonException)
        {
            // The prefix is not JSON: there is no id to answer with.
        }

        return default;
    }

    /// <summary>
    /// What is wrong with a response's <c>error</c> object (JSON-RPC: an integer <c>code</c> and a string
    /// <c>message</c>), or null. Reads the object to its end; the reader is left on its closing brace.
    /// </summary>
    private static string? ErrorObjectProblem(ref Utf8JsonReader reader)
    {
        var code = false;
        var message = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCode = reader.ValueTextEquals("code"u8);
            var isMessage = reader.ValueTextEquals("message"u8);
            reader.Read();
            code |= isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _);
            message |= isMessage && reader.TokenType == JsonTokenType.String;
            reader.Skip();
        }

        return code && message ? null : "\"error\" must have an integer \"code\" and a string \"message\"";
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"'{(char)reader.ValueSpan[0]}' follows the end of the message; send one JSON value per line.", null, 0, reader.TokenStartIndex);
        }
    }

    private static bool IsEmptyArray(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        return reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }

    private static string Raw(ref Utf8JsonReader reader) => System.Text.Encoding.UTF8.GetString(reader.ValueSpan.Length <= 40 ? reader.ValueSpan : reader.ValueSpan[..40]);

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>The reader's explanation without its position suffix (the position is given separately).</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
