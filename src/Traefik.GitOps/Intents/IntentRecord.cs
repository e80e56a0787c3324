using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Traefik.GitOps.Intents;

/// <summary>
/// An intent as data: its kind (for traefik-mcp, the tool name) and its arguments as canonical JSON (object
/// keys in ordinal order, no insignificant white space, numbers and strings as given). Branch and pull request
/// delivery record it in each commit (the <c>Traefik-Intent</c> trailer: <see cref="ToJson"/>, DEFLATE-compressed, in base64url), so
/// any process can build the intent again with <see cref="GitOpsOptions.IntentDecoder"/> and re-plan it on a
/// new base instead of rebasing text.
/// </summary>
public sealed partial record IntentRecord
{
    /// <summary>The most characters the encoded record may have (a commit trailer is a single line).</summary>
    public const int MaxEncodedLength = 256 * 1024;

    /// <summary>The most bytes the record's JSON may have, before compression (and so after decompressing one).</summary>
    public const int MaxJsonBytes = 4 * 1024 * 1024;

    private const int MaxDepth = 32;

    private IntentRecord(string kind, string arguments)
    {
        Kind = kind;
        Arguments = arguments;
    }

    /// <summary>The kind of intent: lower-case letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, starting with a letter, at most 64 characters.</summary>
    public string Kind { get; }

    /// <summary>The arguments as a canonical JSON object.</summary>
    public string Arguments { get; }

    /// <summary>Makes a record; the arguments are copied into canonical form.</summary>
    /// <exception cref="GitOpsException">The kind is not a valid kind, or the record would be too large to record.</exception>
    public static IntentRecord Create(string kind, JsonObject arguments)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!KindPattern().IsMatch(kind))
        {
            throw new GitOpsException($"The intent kind '{kind}' is not valid: use lower-case letters, digits, '_', '-' and '.', starting with a letter (at most 64 characters).");
        }

        var record = new IntentRecord(kind, Canonical(arguments, 0)!.ToJsonString());
        if (Encoding.UTF8.GetByteCount(record.ToJson()) > MaxJsonBytes || record.Encode().Length > MaxEncodedLength)
        {
            throw new GitOpsException($"The arguments of this {kind} change are too large to record with its commit (more than {MaxJsonBytes} bytes of JSON, or {MaxEncodedLength} characters once compressed and encoded). Send shorter arguments.");
        }

        return record;
    }

    /// <summary>The arguments as a new, mutable JSON object.</summary>
    public JsonObject ArgumentsObject() => JsonNode.Parse(Arguments)!.AsObject();

    /// <summary>The canonical JSON of the record: <c>{"arguments":{…},"kind":"…"}</c>.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(new IntentEnvelope(JsonNode.Parse(Arguments)!.AsObject(), Kind), IntentJsonContext.Default.IntentEnvelope);

    /// <summary>The record as one line for a commit trailer: base64url (no padding) of <see cref="ToJson"/> compressed with raw DEFLATE.</summary>
    public string Encode()
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(ToJson()));
        }

        return Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a record written by <see cref="Encode"/>.</summary>
    /// <exception cref="GitOpsException">The text is not a record (too long, not base64url, not the JSON of a record).</exception>
    public static IntentRecord Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length is 0 or > MaxEncodedLength || !encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new GitOpsException($"The recorded intent is not base64url text of at most {MaxEncodedLength} characters.");
        }

        var base64 = encoded.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => throw new GitOpsException("The recorded intent is not valid base64url.") };
        IntentEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(Inflate(Convert.FromBase64String(base64)), IntentJsonContext.Default.IntentEnvelope);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidDataException)
        {
            throw new GitOpsException($"The recorded intent cannot be read: {e.Message}");
        }

        if (envelope?.Kind is not { } kind || envelope.Arguments is not { } arguments)
        {
            throw new GitOpsException("The recorded intent has no kind or no arguments.");
        }

        return Create(kind, arguments);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind + " " + Arguments;

    /// <summary>A copy of a JSON value with every object's keys in ordinal order.</summary>
    private static JsonNode? Canonical(JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new GitOpsException($"The arguments are nested more than {MaxDepth} levels deep, too deep to record.");
        }

        return node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value, depth + 1)))),
            JsonArray a => new JsonArray([.. a.Select(v => Canonical(v, depth + 1))]),
            null => null,
            _ => JsonNode.Parse(node.ToJsonString()),
        };
    }

    /// <summary>Decompresses, refusing more than <see cref="MaxJsonBytes"/> (a small trailer may expand enormously).</summary>
    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > MaxJsonBytes)
            {
                throw new InvalidDataException($"it expands to more than {MaxJsonBytes} bytes.");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [GeneratedRegex(@"\A[a-z][a-z0-9_.-]{0,63}\z")]
    private static partial Regex KindPattern();
}
