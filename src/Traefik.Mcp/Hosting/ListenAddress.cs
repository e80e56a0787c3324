using System.Net;
using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// One address of <c>--urls</c>, checked and normalised before Kestrel sees it: an IPv4 address written as an
/// IPv4-mapped IPv6 address (<c>[::ffff:127.0.0.1]</c>, which a socket cannot bind) becomes the IPv4 address;
/// a path, a query or user information is refused.
/// </summary>
/// <param name="Url">The URL to bind, normalised.</param>
/// <param name="Host">The host as a <c>Host</c> header names it (lower case; IPv6 in brackets).</param>
/// <param name="IsLoopback">True for <c>localhost</c> and loopback addresses.</param>
/// <param name="IsWildcard">True for every address: <c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c> or a name Kestrel binds as such.</param>
public sealed record ListenAddress(string Url, string Host, bool IsLoopback, bool IsWildcard)
{
    /// <summary>Parses a <c>;</c>-separated list of listen URLs.</summary>
    /// <exception cref="UsageException">A URL is not <c>http(s)://host:port</c>.</exception>
    public static IReadOnlyList<ListenAddress> ParseList(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        return list.Count > 0 ? list : throw new UsageException("--urls is empty; give at least one address, for example http://127.0.0.1:8769.");
    }

    /// <summary>Parses one listen URL.</summary>
    /// <exception cref="UsageException">The URL is not <c>http(s)://host:port</c>.</exception>
    public static ListenAddress Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd].ToLowerInvariant() : string.Empty;
        if (scheme is not ("http" or "https"))
        {
            throw new UsageException($"--urls: '{url}' is not an http:// or https:// URL; give for example http://127.0.0.1:8769.");
        }

        // Kestrel's wildcards are not URLs to System.Uri: check their shape by hand.
        var rest = url[(schemeEnd + 3)..].TrimEnd('/');
        if (rest.StartsWith("*:", StringComparison.Ordinal) || rest.StartsWith("+:", StringComparison.Ordinal))
        {
            return int.TryParse(rest.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
                ? new ListenAddress($"{scheme}://{rest}", rest[..1], IsLoopback: false, IsWildcard: true)
                : throw new UsageException($"--urls: '{url}' has no valid port; give for example http://*:8769.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
        {
            throw new UsageException($"--urls: '{url}' is not a URL; give for example http://127.0.0.1:8769.");
        }

        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new UsageException($"--urls: '{Shown(uri)}' has a path, query or user information; give only scheme://host:port (the endpoint is always /mcp).");
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
        {
            if (ip.IsIPv4MappedToIPv6)
            {
                ip = ip.MapToIPv4();
            }

            var host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
            var wildcard = ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any);
            return new ListenAddress($"{scheme}://{host}:{uri.Port}", host, IPAddress.IsLoopback(ip), wildcard);
        }

        // A name: Kestrel binds localhost to the loopback addresses and any other name to every address.
        var name = uri.IdnHost.ToLowerInvariant();
        var loopback = name == "localhost";
        return new ListenAddress($"{scheme}://{name}:{uri.Port}", name, loopback, IsWildcard: !loopback);
    }

    private static string Shown(Uri uri) => uri.UserInfo.Length > 0 ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped) : uri.AbsoluteUri;
}
