using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tcp;

/// <summary>Validators for TCP inputs: IP addresses and ranges, with Go's parsing rules (which Traefik uses).</summary>
internal static class TcpChecks
{
    /// <summary>An IP address or CIDR range as Go's net.ParseIP/ParseCIDR accept it.</summary>
    public static string? IpOrCidr(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "an IP address or CIDR range is required, for example 10.0.0.0/8.";
        }

        var bad = $"{Check.Show(value)} is not an IP address or CIDR range; use for example 10.0.0.0/8, 192.168.1.10 or 2001:db8::/32.";
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            return bad;
        }

        int bits;
        if (parts[0].Contains(':', StringComparison.Ordinal))
        {
            if (!parts[0].All(c => char.IsAsciiHexDigit(c) || c is ':' or '.') || !IPAddress.TryParse(parts[0], out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return bad;
            }

            bits = 128;
        }
        else
        {
            if (!IsIPv4(parts[0]))
            {
                return bad;
            }

            bits = 32;
        }

        if (parts.Length == 2)
        {
            var prefix = parts[1];
            if (prefix.Length is 0 or > 3 || !prefix.All(char.IsAsciiDigit) || (prefix.Length > 1 && prefix[0] == '0')
                || int.Parse(prefix, CultureInfo.InvariantCulture) > bits)
            {
                return $"{Check.Show(value)} has an invalid prefix length; use /0 to /{bits}.";
            }
        }

        return null;
    }

    private static bool IsIPv4(string value)
    {
        var octets = value.Split('.');
        return octets.Length == 4 && octets.All(o =>
            o.Length is >= 1 and <= 3 && o.All(char.IsAsciiDigit) && (o.Length == 1 || o[0] != '0')
            && int.Parse(o, CultureInfo.InvariantCulture) <= 255);
    }
}
