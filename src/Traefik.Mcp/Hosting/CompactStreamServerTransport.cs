using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// The stream transport (stdio, and the command line's in-process pipes): one JSON-RPC message per line in,
/// one per line out, with a bounded reader, answers for every malformed message, and a leaner writer.
/// </summary>
/// <remarks>
/// <para>
/// Reading: a message may be at most <see cref="MaxMessageBytes"/> bytes (<c>--max-message-size</c>); a longer
/// line is skipped as it streams in, without being held, and answered with an invalid-request error that names
/// the limit (with the message's <c>id</c> when it comes before the limit). Text that is not one JSON-RPC
/// message object is answered with the error JSON-RPC names for it (<see cref="JsonRpcEnvelope"/>) instead of
/// being dropped. At the end of input, every request read before it is still answered: the output stays open
/// until the server has finished with them, and only then does the session end.
/// </para>
/// <para>
/// Writing: JSON-RPC messages are written with minimal escaping, and long string values (a resource's JSON
/// document, a large diff) are streamed in segments. The SDK's writer escapes every quote inside a string as
/// <c>\u0022</c> and escapes a string in one piece, into a scratch buffer six times its length. A resource that is
/// itself JSON is one long string full of quotes: listing 5,000 routes made a 2 MB document cost 48 MiB of
/// transient buffers and 5.6 MB on the wire. Here the same message is 2.2 MB and is written through a buffer of
/// a few hundred kilobytes. The output is the same JSON value; only its spelling differs (<c>\"</c> for
/// <c>\u0022</c>, UTF-8 for <c>\uXXXX</c>), which every JSON parser reads identically. HTTP responses keep the
/// SDK's default escaping, which is also HTML-safe.
/// </para>
/// </remarks>
internal sealed partial class CompactStreamServerTransport : TransportBase
{
    /// <summary>Strings longer than this are written in segments of this many characters.</summary>
    internal const int Segment = 16 * 1024;

    private const int FlushThreshold = 64 * 1024;
    private const int ReadChunk = 64 * 1024;

    /// <summary>A line buffer grown beyond this is given back after its message.</summary>
    private const int KeptBuffer = 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new(McpJsonUtilities.DefaultOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _reading;
    private int _disposed;

    /// <summary>Creates the transport over <paramref name="input"/> and <paramref name="output"/> and starts reading.</summary>
    public CompactStreamServerTransport(Stream input, Stream output, string? serverName = null, ILoggerFactory? loggerFactory = null, int maxMessageBytes = Configuration.MessageLimits.DefaultMaxMessageBytes)
        : base(serverName is null ? "Server (stream)" : $"Server (stream) ({serverName})", loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, Configuration.MessageLimits.MinMaxMessageBytes);
        _input = input;
        _output = output;
        _logger = loggerFactory?.CreateLogger<CompactStreamServerTransport>() ?? NullLogger<CompactStreamServerTransport>.Instance;
        MaxMessageBytes = maxMessageBytes;
        SetConnected();
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The longest message read, in bytes (UTF-8, without the line end).</summary>
    public int MaxMessageBytes { get; }

    /// <summary>A transport over this process's standard input and output.</summary>
    public static CompactStreamServerTransport OverStdio(string serverName, ILoggerFactory? loggerFactory, int maxMessageBytes = Configuration.MessageLimits.DefaultMaxMessageBytes) =>
        new(new CancellableReadStream(Console.OpenStandardInput()), new BufferedStream(Console.OpenStandardOutput()), serverName, loggerFactory, maxMessageBytes);

    /// <inheritdoc />
    /// <remarks>
    /// Messages are written until the transport is disposed, also after the input has ended: the answers to the
    /// last requests read come after it.
    /// </remarks>
    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

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
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        // A message being written finishes before the output closes.
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _output.DisposeAsync().ConfigureAwait(false);
            await _input.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The other end is gone already.
        }
        finally
        {
            _sendLock.Release();
        }

        SetDisconnected();
        _shutdown.Dispose();
    }

    /// <summary>Reads lines until the end of input (or disposal), handing each message to the session.</summary>
    private async Task ReadAsync()
    {
        Exception? error = null;
        var chunk = new byte[ReadChunk];
        var line = new LineBuffer(MaxMessageBytes);
        LogReading(_logger, MaxMessageBytes);
        try
        {
            while (true)
            {
                var read = await _input.ReadAsync(chunk, _shutdown.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var rest = chunk.AsMemory(0, read);
                while (!rest.IsEmpty)
                {
                    var end = rest.Span.IndexOf((byte)'\n');
                    line.Append(end < 0 ? rest.Span : rest.Span[..end]);
                    if (end < 0)
                    {
                        break;
                    }

                    await HandleLineAsync(line).ConfigureAwait(false);
                    rest = rest[(end + 1)..];
                }
            }

            // The last message need not end with a line break.
            await HandleLineAsync(line).ConfigureAwait(false);
            LogEndOfInput(_logger);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Disposed while reading.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            LogReadFailed(_logger, e);
            error = e;
        }
        finally
        {
            // Completes the session's message stream; the session still answers what it has read.
            SetDisconnected(error);
        }
    }

    private async Task HandleLineAsync(LineBuffer line)
    {
        try
        {
            if (line.Length > MaxMessageBytes)
            {
                var id = JsonRpcEnvelope.RecoverId(line.Kept);
                LogOversize(_logger, line.Length, MaxMessageBytes);
                await AnswerAsync(JsonRpcEnvelope.Error(
                    JsonRpcEnvelope.InvalidRequest,
                    $"Invalid Request: the message is {line.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes; this server reads at most {Configuration.MessageLimits.Describe(MaxMessageBytes)} per message (--max-message-size).",
                    id)).ConfigureAwait(false);
                return;
            }

            var text = Trim(line.Kept);
            if (text.IsEmpty)
            {
                return;
            }

            if (JsonRpcEnvelope.Check(text) is { } problem)
            {
                await AnswerAsync(problem).ConfigureAwait(false);
                return;
            }

            JsonRpcMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(text, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage))) as JsonRpcMessage;
            }
            catch (JsonException e)
            {
                await AnswerAsync(JsonRpcEnvelope.Error(JsonRpcEnvelope.InvalidRequest, "Invalid Request: " + e.Message, JsonRpcEnvelope.RecoverId(text))).ConfigureAwait(false);
                return;
            }

            if (message is null)
            {
                await AnswerAsync(JsonRpcEnvelope.Error(JsonRpcEnvelope.InvalidRequest, "Invalid Request: the message is not a JSON-RPC request, notification or response.", JsonRpcEnvelope.RecoverId(text))).ConfigureAwait(false);
                return;
            }

            await WriteMessageAsync(message, _shutdown.Token).ConfigureAwait(false);
        }
        finally
        {
            line.Clear();
        }
    }

    private async Task AnswerAsync(JsonRpcError error)
    {
        LogRejected(_logger, error.Error.Code, error.Error.Message);
        try
        {
            await SendMessageAsync(error, _shutdown.Token).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // The client is gone; reading ends at its end of input.
            LogReadFailed(_logger, e);
        }
    }

    /// <summary>The message without surrounding white space, a carriage return before the line feed, or a byte order mark.</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = text[3..];
        }

        return text.Trim(" \t\r"u8);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading messages (at most {Limit} bytes each).")]
    private static partial void LogReading(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "End of input: answering the requests already read, then stopping.")]
    private static partial void LogEndOfInput(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading messages failed.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a message of {Length} bytes: the limit is {Limit} bytes (--max-message-size).")]
    private static partial void LogOversize(ILogger logger, long length, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a malformed message with JSON-RPC error {Code}: {Problem}")]
    private static partial void LogRejected(ILogger logger, int code, string problem);

    /// <summary>
    /// The bytes of the line being read, up to the limit; beyond it only the count goes on (the line is then
    /// answered as too large, and nothing more of it is held).
    /// </summary>
    private sealed class LineBuffer(int limit)
    {
        private byte[] _bytes = new byte[4096];
        private int _kept;

        /// <summary>The line's length so far, in bytes, counting what was not kept.</summary>
        public long Length { get; private set; }

        /// <summary>The kept bytes: the whole line when it is within the limit, else its first <c>limit</c> bytes.</summary>
        public ReadOnlySpan<byte> Kept => _bytes.AsSpan(0, _kept);

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Length += bytes.Length;
            var room = limit - _kept;
            if (room <= 0 || bytes.IsEmpty)
            {
                return;
            }

            var take = Math.Min(room, bytes.Length);
            if (_kept + take > _bytes.Length)
            {
                Array.Resize(ref _bytes, (int)Math.Min(limit, Math.Max((long)_bytes.Length * 2, _kept + take)));
            }

            bytes[..take].CopyTo(_bytes.AsSpan(_kept));
            _kept += take;
        }

        public void Clear()
        {
            Length = 0;
            _kept = 0;
            if (_bytes.Length > KeptBuffer)
            {
                _bytes = new byte[4096];
            }
        }
    }

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
