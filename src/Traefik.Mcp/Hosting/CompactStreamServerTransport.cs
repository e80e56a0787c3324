using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// The stream transport (stdio, and the command line's in-process pipes) with a leaner writer: JSON-RPC messages
/// are written with minimal escaping, and long string values (a resource's JSON document, a large diff) are
/// streamed in segments.
/// </summary>
/// <remarks>
/// The SDK's writer escapes every quote inside a string as <c>\u0022</c> and escapes a string in one piece, into a
/// scratch buffer six times its length. A resource that is itself JSON is one long string full of quotes: listing
/// 5,000 routes made a 2 MB document cost 48 MiB of transient buffers and 5.6 MB on the wire. Here the same
/// message is 2.2 MB and is written through a buffer of a few hundred kilobytes. The output is the same JSON
/// value; only its spelling differs (<c>\"</c> for <c>\u0022</c>, UTF-8 for <c>\uXXXX</c>), which every
/// JSON parser reads identically. HTTP responses keep the SDK's default escaping, which is also HTML-safe.
/// </remarks>
internal sealed class CompactStreamServerTransport : StreamServerTransport
{
    /// <summary>Strings longer than this are written in segments of this many characters.</summary>
    internal const int Segment = 16 * 1024;

    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(McpJsonUtilities.DefaultOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Stream _output;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>Creates the transport over <paramref name="input"/> and <paramref name="output"/>.</summary>
    public CompactStreamServerTransport(Stream input, Stream output, string? serverName = null, ILoggerFactory? loggerFactory = null)
        : base(input, output, serverName, loggerFactory) =>
        _output = output;

    /// <summary>A transport over this process's standard input and output.</summary>
    public static CompactStreamServerTransport OverStdio(string serverName, ILoggerFactory? loggerFactory) =>
        new(new CancellableReadStream(Console.OpenStandardInput()), new BufferedStream(Console.OpenStandardOutput()), serverName, loggerFactory);

    /// <inheritdoc />
    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsConnected)
        {
            return;
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLineAsync(_output, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException or NotSupportedException)
        {
            throw new IOException($"Failed to send {Describe(message)}: {e.Message}", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _sendLock.Dispose();
    }

    /// <summary>Writes one message as one line of JSON.</summary>
    internal static async Task WriteLineAsync(Stream output, JsonRpcMessage message, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(output, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            if (message is JsonRpcResponse { Result: { } result } response)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", response.JsonRpc);
                writer.WritePropertyName("id");
                JsonSerializer.Serialize(writer, response.Id, Options.GetTypeInfo(typeof(RequestId)));
                writer.WritePropertyName("result");
                await WriteNodeAsync(writer, result, cancellationToken).ConfigureAwait(false);
                writer.WriteEndObject();
            }
            else
            {
                JsonSerializer.Serialize(writer, message, Options.GetTypeInfo(typeof(JsonRpcMessage)));
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        output.WriteByte((byte)'\n');
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask WriteNodeAsync(Utf8JsonWriter writer, JsonNode? node, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    await WriteNodeAsync(writer, value, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    await WriteNodeAsync(writer, item, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text) && text.Length > Segment:
                await WriteSegmentedAsync(writer, text, cancellationToken).ConfigureAwait(false);
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer, Options);
                break;
        }

        if (writer.BytesPending > FlushThreshold)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask WriteSegmentedAsync(Utf8JsonWriter writer, string text, CancellationToken cancellationToken)
    {
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(Segment, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--; // keep a surrogate pair in one segment
            }

            writer.WriteStringValueSegment(text.AsSpan(start, length), isFinalSegment: start + length == text.Length);
            start += length;
            if (writer.BytesPending > FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Describe(JsonRpcMessage message) => message switch
    {
        JsonRpcMessageWithId withId => $"message {withId.Id}",
        JsonRpcNotification notification => $"notification {notification.Method}",
        _ => "message",
    };

    /// <summary>Standard input whose pending read gives way to cancellation (a blocked read of a pipe cannot be interrupted otherwise).</summary>
    private sealed class CancellableReadStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(inner.ReadAsync(buffer, CancellationToken.None).AsTask().WaitAsync(cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
