using System.Text;

namespace Traefik.GitOps.Git;

/// <summary>
/// A text file as stored: its content without a byte order mark, whether it had one, and its line ending,
/// so an edit writes the file back in the same encoding and line-ending style.
/// </summary>
internal sealed record FileText(string Text, bool HasBom, string NewLine)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static FileText Decode(ReadOnlySpan<byte> bytes)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var body = bom ? bytes[3..] : bytes;
        var text = Utf8.GetString(body);
        var crlf = text.Contains("\r\n", StringComparison.Ordinal);
        return new FileText(text, bom, crlf ? "\r\n" : "\n") { IsUtf8 = System.Text.Unicode.Utf8.IsValid(body) };
    }

    public static FileText New(string text) => new(text, false, "\n");

    /// <summary>False when the bytes were not valid UTF-8 (the text then holds replacement characters, and writing it back would change them).</summary>
    public bool IsUtf8 { get; init; } = true;

    /// <summary>Converts text written with <c>\n</c> to this file's line ending.</summary>
    public string Normalize(string lfText) => NewLine == "\n" ? lfText : lfText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", NewLine, StringComparison.Ordinal);

    public byte[] Encode(string text)
    {
        var body = Utf8.GetBytes(text);
        if (!HasBom)
        {
            return body;
        }

        var result = new byte[body.Length + 3];
        result[0] = 0xEF;
        result[1] = 0xBB;
        result[2] = 0xBF;
        body.CopyTo(result, 3);
        return result;
    }
}
