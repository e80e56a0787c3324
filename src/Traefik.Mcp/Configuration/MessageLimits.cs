using System.Globalization;

namespace Traefik.Mcp.Configuration;

/// <summary>The size limit of one received JSON-RPC message (<c>--max-message-size</c>), on stdio and HTTP.</summary>
public static class MessageLimits
{
    /// <summary>The default limit: 4 MiB. Requests are small (the largest tool call is a few kilobytes); the limit keeps a hostile or broken client from making the server hold arbitrary amounts of memory.</summary>
    public const int DefaultMaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>The smallest limit accepted: 4 KiB (an <c>initialize</c> request must fit).</summary>
    public const int MinMaxMessageBytes = 4 * 1024;

    /// <summary>The largest limit accepted: 1 GiB.</summary>
    public const int MaxMaxMessageBytes = 1024 * 1024 * 1024;

    /// <summary>Parses a size: a number of bytes, or a number followed by KiB, MiB or GiB (K, M, G, KB, MB and GB mean the same, powers of 1024).</summary>
    /// <exception cref="UsageException">The text is not such a size, or it is outside 4 KiB–1 GiB.</exception>
    public static int Parse(string value, string option = "max-message-size")
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var unit = text[digits..].Trim().ToUpperInvariant();
        long multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1024,
            "M" or "MB" or "MIB" => 1024 * 1024,
            "G" or "GB" or "GIB" => 1024 * 1024 * 1024,
            _ => 0,
        };
        if (digits == 0 || digits > 10 || multiplier == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new UsageException($"--{option} must be a size in bytes, or with KiB, MiB or GiB (for example 4MiB), not '{value}'.");
        }

        var bytes = number * multiplier;
        return bytes is >= MinMaxMessageBytes and <= MaxMaxMessageBytes
            ? (int)bytes
            : throw new UsageException($"--{option} must be between 4KiB and 1GiB, not '{value}'.");
    }

    /// <summary>A size as people read it: <c>4 MiB</c>, <c>512 KiB</c>, or bytes.</summary>
    public static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{(bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MiB"
        : bytes % 1024 == 0 ? $"{(bytes / 1024).ToString(CultureInfo.InvariantCulture)} KiB"
        : $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes";
}
