using System.Net;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// Which <c>Host</c> and <c>Origin</c> headers the HTTP server answers, against DNS rebinding (MCP's security
/// guidance: a page on <c>evil.example.com</c>, whose name is made to resolve to 127.0.0.1, must not reach a
/// local server). Everything else is refused with 403.
/// </summary>
/// <remarks>
/// <para>
/// <c>Host</c> must name <c>localhost</c> or a loopback address, a host of <c>--urls</c>, or one of
/// <c>--allowed-hosts</c> (any port). When the server listens on every address (<c>0.0.0.0</c>, <c>[::]</c>, a
/// name), an IP address is accepted too: rebinding needs a DNS name the attacker controls, never an address.
/// </para>
/// <para>
/// <c>Origin</c>, which browsers send with cross-origin and POST requests, may be absent (clients that are
/// not browsers send none); when present it must be an http(s) origin on <c>localhost</c> or a loopback
/// address (any port), the origin of an address in <c>--urls</c>, or one of <c>--allowed-origins</c>
/// (<c>*</c> allows all). <c>Origin: null</c> (a sandboxed or file page) is refused.
/// </para>
/// </remarks>
public sealed class HostOriginPolicy
{
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _origins;
    private readonly bool _anyAddress;
    private readonly bool _anyOrigin;

    /// <summary>Creates the policy for the addresses listened on and the extra hosts and origins allowed.</summary>
    public HostOriginPolicy(IEnumerable<ListenAddress> addresses, IEnumerable<string> allowedHosts, IEnumerable<string> allowedOrigins)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        var listen = addresses.ToList();
        var origins = allowedOrigins.ToList();
        _anyAddress = listen.Any(a => a.IsWildcard);
        _anyOrigin = origins.Contains("*");
        _hosts = new HashSet<string>(listen.Where(a => !IsWildcardHost(a.Host)).Select(a => a.Host).Concat(allowedHosts.Select(Normalize)), StringComparer.OrdinalIgnoreCase);
        _origins = new HashSet<string>(
            listen.Where(a => !IsWildcardHost(a.Host)).Select(a => new Uri(a.Url).GetLeftPart(UriPartial.Authority)).Concat(origins.Where(o => o != "*")),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Why a request with these headers is refused, or null when it is answered.</summary>
    /// <param name="host">The <c>Host</c> header (<c>name[:port]</c>).</param>
    /// <param name="origin">The <c>Origin</c> header, or null or empty when there is none.</param>
    public string? Refusal(string? host, string? origin)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "Forbidden: the request has no Host header.";
        }

        var name = HostName(host);
        if (name is null || !HostAllowed(name))
        {
            return $"Forbidden: Host '{Shown(host)}' is not a name this server answers to (DNS rebinding protection). Use localhost, 127.0.0.1 or [::1], an address of --urls, or add the name with --allowed-hosts.";
        }

        if (string.IsNullOrEmpty(origin) || _anyOrigin)
        {
            return null;
        }

        return OriginAllowed(origin)
            ? null
            : $"Forbidden: Origin '{Shown(origin)}' may not call this server (DNS rebinding protection). Pages on localhost, 127.0.0.1 or [::1] may; add other origins with --allowed-origins.";
    }

    private bool HostAllowed(string name) =>
        IsLoopbackName(name) || _hosts.Contains(name) || (_anyAddress && IPAddress.TryParse(name.Trim('[', ']'), out _));

    private bool OriginAllowed(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/")
        {
            return false;
        }

        return IsLoopbackName(Normalize(uri.Host)) || _origins.Contains(uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The name of a <c>Host</c> header without its port: lower case, IPv6 in brackets, no trailing dot; null when it is not a host.</summary>
    private static string? HostName(string host)
    {
        string name;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < host.Length && !IsPort(host[(close + 1)..])))
            {
                return null;
            }

            name = host[..(close + 1)];
        }
        else
        {
            var colon = host.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && !IsPort(host[colon..]))
            {
                return null;
            }

            name = colon >= 0 ? host[..colon] : host;
        }

        name = Normalize(name);
        return Uri.CheckHostName(name.Trim('[', ']')) == UriHostNameType.Unknown ? null : name;
    }

    private static bool IsPort(string text) =>
        text.Length > 1 && text[0] == ':' && text.Skip(1).All(char.IsAsciiDigit) && text.Length <= 6;

    private static string Normalize(string name)
    {
        name = name.ToLowerInvariant().TrimEnd('.');
        if (name.StartsWith('[') && IPAddress.TryParse(name.Trim('[', ']'), out var ip) && ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4().ToString();
        }

        return name;
    }

    private static bool IsLoopbackName(string name) =>
        name == "localhost" || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));

    private static bool IsWildcardHost(string host) => host is "*" or "+" or "0.0.0.0" or "[::]";

    /// <summary>A header value as shown in a message: cut short, control characters dropped.</summary>
    private static string Shown(string value)
    {
        var clean = new string([.. value.Where(c => !char.IsControl(c)).Take(100)]);
        return value.Length > 100 ? clean + "..." : clean;
    }
}
