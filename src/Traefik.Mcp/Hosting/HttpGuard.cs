using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// The checks every HTTP request passes before the MCP endpoint sees it, in this order: <c>Host</c> and
/// <c>Origin</c> (<see cref="HostOriginPolicy"/>, 403), the bearer token when one is configured (401), and for a
/// POST the size of the body (413) and that it is one JSON-RPC message (<see cref="JsonRpcEnvelope"/>, 400).
/// Each refusal is a JSON-RPC error object naming what is wrong.
/// </summary>
internal static class HttpGuard
{
    /// <summary>The JSON-RPC code of a refusal that is not about the message (the SDK's transport errors use it too).</summary>
    public const int TransportError = -32000;

    /// <summary>Refuses requests whose <c>Host</c> or <c>Origin</c> the policy does not allow.</summary>
    public static Func<HttpContext, RequestDelegate, Task> HostAndOrigin(HostOriginPolicy policy) => (context, next) =>
        policy.Refusal(context.Request.Headers.Host.ToString(), context.Request.Headers.Origin.ToString()) is { } refusal
            ? WriteErrorAsync(context, StatusCodes.Status403Forbidden, TransportError, refusal)
            : next(context);

    /// <summary>Refuses requests without <c>Authorization: Bearer &lt;token&gt;</c> (the scheme in any case).</summary>
    public static Func<HttpContext, RequestDelegate, Task> Bearer(string token)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return (context, next) =>
        {
            if (Authorized(context.Request.Headers.Authorization.ToString(), expected))
            {
                return next(context);
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, TransportError, "Unauthorized: send the token of --auth-token-env as 'Authorization: Bearer <token>'.");
        };
    }

    /// <summary>
    /// Reads a POST body of at most <paramref name="limit"/> bytes (refusing a longer one with 413 without reading
    /// it all), checks that it is one JSON-RPC message, and hands it on.
    /// </summary>
    public static Func<HttpContext, RequestDelegate, Task> MessageBody(int limit) => async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var tooLarge = $"Request body too large: this server reads at most {MessageLimits.Describe(limit)} per message (--max-message-size).";
        if (request.ContentLength > limit)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonRpcEnvelope.InvalidRequest, tooLarge).ConfigureAwait(false);
            return;
        }

        var buffer = new byte[(int)Math.Min(limit + 1L, request.ContentLength + 1 ?? 16 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonRpcEnvelope.InvalidRequest, tooLarge).ConfigureAwait(false);
                    return;
                }

                Array.Resize(ref buffer, (int)Math.Min(limit + 1L, buffer.Length * 2L));
            }

            int read;
            try
            {
                read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's own limit (a backstop) tripped first, on a body without Content-Length.
                await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonRpcEnvelope.InvalidRequest, tooLarge).ConfigureAwait(false);
                return;
            }

            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > limit)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonRpcEnvelope.InvalidRequest, tooLarge).ConfigureAwait(false);
            return;
        }

        if (JsonRpcEnvelope.Check(buffer.AsSpan(0, length)) is { } problem)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, problem.Error.Code, problem.Error.Message, problem.Id).ConfigureAwait(false);
            return;
        }

        request.Body = new MemoryStream(buffer, 0, length, writable: false);
        request.ContentLength = length;
        await next(context).ConfigureAwait(false);
    };

    /// <summary>Writes a JSON-RPC error object as the response.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, int code, string message, RequestId id = default)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message } };
        return context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(error, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)))).AsTask();
    }

    private static bool Authorized(string header, byte[] expected)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !header.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Compared as hashes in fixed time: neither the token's content nor its length shows in the timing.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[(space + 1)..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
