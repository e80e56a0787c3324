using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Values;

/// <summary>
/// An IP address or a CIDR range, read exactly as Go's <c>net.ParseIP</c> and <c>net.ParseCIDR</c> read them (Traefik's
/// <c>ClientIP</c> matcher, <c>ipAllowList</c>, <c>ipStrategy.excludedIPs</c> and the TCP <c>ipAllowList</c> use those):
/// IPv4 as four decimal numbers without leading zeros, IPv6 in every RFC 4291 form (one <c>::</c>, at most four hex
/// digits a group, a trailing dotted IPv4), IPv4-mapped IPv6, no zone (<c>%eth0</c>); a range adds <c>/n</c> with
/// <c>n</c> up to the address's bit length (128 for IPv4-mapped IPv6).
/// </summary>
public sealed record IpRange
{
    private const string Example = "write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32";

    private IpRange(string text, UInt128 address, int bits, int? prefixLength)
    {
        Text = text;
        AddressValue = address;
        AddressBits = bits;
        PrefixLength = prefixLength;
    }

    /// <summary>The address or range, as given.</summary>
    public string Text { get; }

    /// <summary>The prefix length of a range, or null for a single address.</summary>
    public int? PrefixLength { get; }

    /// <summary>True for a CIDR range, false for a single address.</summary>
    public bool IsRange => PrefixLength is not null;

    /// <summary>32 for IPv4, 128 for IPv6 (IPv4-mapped IPv6 included, as Go counts it).</summary>
    public int AddressBits { get; }

    private UInt128 AddressValue { get; }

    /// <summary>The address (for a range, as written, before its host bits are masked).</summary>
    public IPAddress ToIPAddress()
    {
        var bytes = new byte[16];
        var value = AddressValue;
        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }

        return AddressBits == 32 ? new IPAddress(bytes.AsSpan(12)) : new IPAddress(bytes);
    }

    /// <summary>Reads an address or a range.</summary>
    /// <exception cref="FormatException">Go would not read it; the message says why and what to write instead.</exception>
    public static IpRange Parse(string? text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException(error);

    /// <summary>Reads an address or a range; false when Go would not read it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IpRange? range) => TryParse(text, out range, out _);

    /// <summary>Reads an address or a range; false, with why and what to write instead, when Go would not read it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IpRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "an IP address or CIDR range is required, for example 10.0.0.0/8.";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? text : text[..slash];
        var (value, bits, problem) = Address(address);
        if (problem is not null)
        {
            error = $"{Check.Show(text)} is not an IP address or CIDR range: {problem}; {Example}.";
            return false;
        }

        int? prefix = null;
        if (slash >= 0)
        {
            if (ReadPrefixLength(text[(slash + 1)..], bits) is not { } length)
            {
                error = $"{Check.Show(text)} has an invalid prefix length: use /0 to /{bits.ToString(CultureInfo.InvariantCulture)}.";
                return false;
            }

            prefix = length;
        }

        range = new IpRange(text, value, bits, prefix);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Go's <c>dtoi</c> as <c>net.ParseCIDR</c> uses it: decimal digits only (leading zeros allowed), at most <paramref name="bits"/>.</summary>
    private static int? ReadPrefixLength(string text, int bits)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var n = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }

            n = (n * 10) + c - '0';
            if (n >= 0xFFFFFF)
            {
                return null;
            }
        }

        return n <= bits ? n : null;
    }

    /// <summary>Go's <c>netip.ParseAddr</c>, zones refused as <c>net.ParseIP</c> refuses them.</summary>
    private static (UInt128 Value, int Bits, string? Problem) Address(string s)
    {
        foreach (var c in s)
        {
            switch (c)
            {
                case '.':
                    return IPv4(s, out var v4) is { } p4 ? (0, 0, p4) : (v4, 32, null);
                case ':':
                    return IPv6(s, out var v6) is { } p6 ? (0, 0, p6) : (v6, 128, null);
                case '%':
                    return (0, 0, "a zone (%...) needs an IPv6 address before it, and zones are not allowed anyway");
            }
        }

        return (0, 0, "it is neither a dotted IPv4 address nor an IPv6 address (host names are not resolved)");
    }

    private static string? IPv4(string s, out UInt128 value)
    {
        value = 0;
        uint result = 0;
        int octet = 0, digits = 0, fields = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                if (digits == 1 && octet == 0)
                {
                    return $"the number {FieldAt(s, i - 1)} has a leading zero, which Go refuses (write it without)";
                }

                octet = (octet * 10) + c - '0';
                digits++;
                if (octet > 255)
                {
                    return $"the number {FieldAt(s, i)} is above 255";
                }
            }
            else if (c == '.')
            {
                if (i == 0 || i == s.Length - 1 || s[i - 1] == '.')
                {
                    return "an IPv4 address is four numbers from 0 to 255 separated by single dots";
                }

                if (fields == 3)
                {
                    return "an IPv4 address has four numbers, not more";
                }

                result = (result << 8) | (uint)octet;
                fields++;
                octet = 0;
                digits = 0;
            }
            else
            {
                return c == '%' ? "zones (%...) are not allowed" : $"it contains {Describe(c)}";
            }
        }

        if (fields < 3)
        {
            return "an IPv4 address has four numbers separated by dots (Go does not read short forms such as 127.1)";
        }

        value = (result << 8) | (uint)octet;
        return null;
    }

    private static string? IPv6(string s, out UInt128 value)
    {
        value = 0;
        if (s.Contains('%', StringComparison.Ordinal))
        {
            return "zones such as %eth0 are not allowed";
        }

        Span<byte> ip = stackalloc byte[16];
        var ellipsis = -1;
        var at = 0;
        if (s.StartsWith("::", StringComparison.Ordinal))
        {
            ellipsis = 0;
            at = 2;
            if (at == s.Length)
            {
                return null;
            }
        }

        var i = 0;
        while (i < 16)
        {
            var off = 0;
            var acc = 0;
            while (at + off < s.Length && HexDigit(s[at + off]) is var d and >= 0)
            {
                acc = (acc << 4) + d;
                if (off > 3)
                {
                    return "a group has more than four hex digits";
                }

                if (acc > 0xFFFF)
                {
                    return "a group is above ffff";
                }

                off++;
            }

            if (off == 0)
            {
                return at < s.Length ? $"it contains {Describe(s[at])} where a hex group belongs" : "it ends with ':'";
            }

            if (at + off < s.Length && s[at + off] == '.')
            {
                if (ellipsis < 0 && i != 12)
                {
                    return "an embedded IPv4 address must take the place of the last two groups";
                }

                if (i + 4 > 16)
                {
                    return "there is no room left for the embedded IPv4 address";
                }

                if (IPv4(s[at..], out var v4) is { } problem)
                {
                    return "the embedded IPv4 address is invalid: " + problem;
                }

                for (var b = 3; b >= 0; b--)
                {
                    ip[i + b] = (byte)(v4 & 0xFF);
                    v4 >>= 8;
                }

                at = s.Length;
                i += 4;
                break;
            }

            ip[i] = (byte)(acc >> 8);
            ip[i + 1] = (byte)acc;
            i += 2;
            at += off;
            if (at == s.Length)
            {
                break;
            }

            if (s[at] != ':')
            {
                return $"it contains {Describe(s[at])} where ':' belongs";
            }

            if (at + 1 == s.Length)
            {
                return "it ends with a single ':'";
            }

            at++;
            if (s[at] == ':')
            {
                if (ellipsis >= 0)
                {
                    return "'::' appears more than once";
                }

                ellipsis = i;
                at++;
                if (at == s.Length)
                {
                    break;
                }
            }
        }

        if (at != s.Length)
        {
            return "it has more than eight groups";
        }

        if (i < 16)
        {
            if (ellipsis < 0)
            {
                return "it has fewer than eight groups and no '::'";
            }

            var n = 16 - i;
            for (var j = i - 1; j >= ellipsis; j--)
            {
                ip[j + n] = ip[j];
            }

            ip.Slice(ellipsis, n).Clear();
        }
        else if (ellipsis >= 0)
        {
            return "'::' must stand for at least one group of zeros";
        }

        foreach (var b in ip)
        {
            value = (value << 8) | b;
        }

        return null;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string FieldAt(string s, int at)
    {
        var start = at;
        while (start > 0 && char.IsAsciiDigit(s[start - 1]))
        {
            start--;
        }

        var end = at;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return s[start..end];
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
