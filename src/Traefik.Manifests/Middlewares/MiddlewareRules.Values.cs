using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Middlewares;

/// <summary>Checks of single values used by the middleware rules. Each returns null or a message.</summary>
internal static partial class MiddlewareRules
{
    private const int MaxHeaderTextLength = 8192;

    [GeneratedRegex("^([1-5][0-9]{2}[,-]?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PluginName();

    [GeneratedRegex("^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+*-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaTypePattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PortName();

    internal static string Join(string path, string key) =>
        path.Length == 0 ? key : key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? path + "." + key
            : path + "[" + Check.Show(key) + "]";

    private static void Each(ImmutableList<string>? values, Problems p, string path, Func<string, string?> check)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            p.Check($"{path}[{i}]", values[i] is null ? "must not be null." : check(values[i]));
        }
    }

    private static void AtLeast(long? value, long minimum, Problems p, string path, string meaning)
    {
        if (value < minimum)
        {
            p.Add(path, $"{value} is too small: give at least {minimum}{meaning}.");
        }
    }

    private static void Duration(IntOrString? value, Problems p, string path)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v.Number is { } seconds)
        {
            p.Check(path, seconds < 0 ? $"{seconds} is negative: give whole seconds (0 or more) or a duration such as 10s or 100ms." : null);
        }
        else
        {
            p.Check(path, Check.Duration(v.Text));
        }
    }

    private static void StatusCode(int? value, Problems p, string path)
    {
        if (value is { } code && code is < 100 or > 599)
        {
            p.Add(path, $"{code} is not an HTTP status code: use 100 to 599.");
        }
    }

    private static void StatusList(ImmutableList<string> values, Problems p, string path) => Each(values, p, path, StatusText);

    private static string? StatusText(string value)
    {
        if (!StatusPattern().IsMatch(value))
        {
            return $"{Check.Show(value)} is not a status code list: write codes and ranges such as 500-599, 404 or 500,502-504.";
        }

        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.RemoveEmptyEntries);
            if (range.Length > 2 || (range.Length == 2 && string.CompareOrdinal(range[0], range[1]) > 0))
            {
                return $"{Check.Show(value)} has the range {Check.Show(part)}, which does not go from a lower to a higher code (for example 500-599).";
            }
        }

        return null;
    }

    private static string? HttpUrl(string value)
    {
        if (value.Any(c => char.IsControl(c) || c == ' ')
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host))
        {
            return $"{Check.Show(value)} is not an absolute http:// or https:// URL, for example https://auth.example.com/verify.";
        }

        return null;
    }

    private static string? Origin(string value)
    {
        if (value == "*")
        {
            return null;
        }

        var ok = !value.Any(c => char.IsControl(c) || c == ' ')
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && !string.IsNullOrEmpty(uri.Host)
            && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase);
        return ok
            ? null
            : $"{Check.Show(value)} is not an origin: write scheme://host[:port] without a path, for example https://app.example.com, or * for any origin.";
    }

    private static string? Method(string value) =>
        value == "*" || (value.Length is > 0 and <= 32 && value.All(char.IsAsciiLetterUpper))
            ? null
            : $"{Check.Show(value)} is not an HTTP method: write it in upper case, for example GET or POST, or * for any.";

    private static string? MediaType(string value)
    {
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon >= 0 ? value[..semicolon] : value).Trim();
        var ok = MediaTypePattern().IsMatch(type) && !value.Any(char.IsControl);
        return ok ? null : $"{Check.Show(value)} is not a media type: write type/subtype, for example text/html or application/json.";
    }

    private static string? Replacement(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"is required: {what}.";
        }

        return value.Any(c => char.IsControl(c) || c == ' ')
            ? $"{Check.Show(value)} must not contain spaces or control characters."
            : null;
    }

    private static void Header(string? name, Problems p, string path)
    {
        if (name is not null)
        {
            p.Check(path, Check.HeaderName(name));
        }
    }

    private static void HeaderNames(ImmutableList<string>? names, Problems p, string path) => Each(names, p, path, n => Check.HeaderName(n));

    private static void HeaderMap(ImmutableSortedDictionary<string, string>? headers, Problems p, string path)
    {
        if (headers is null)
        {
            return;
        }

        foreach (var (name, value) in headers)
        {
            var entry = Join(path, name);
            p.Check(entry, Check.HeaderName(name));
            p.Check(entry, value is null ? "must be a string; an empty string removes the header." : HeaderTextError(value));
        }
    }

    private static void HeaderText(string? value, Problems p, string path)
    {
        if (value is not null)
        {
            p.Check(path, value.Length == 0 ? "must not be empty; leave the field out instead." : HeaderTextError(value));
        }
    }

    private static string? HeaderTextError(string value)
    {
        if (value.Length > MaxHeaderTextLength)
        {
            return $"is {value.Length} characters long; a header value must be at most {MaxHeaderTextLength}.";
        }

        return value.Any(c => char.IsControl(c) && c != '\t')
            ? $"{Check.Show(value)} contains a control character; a header value must be one line of text."
            : null;
    }

    private static string? Endpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon > 0)
        {
            var host = value[..colon];
            var port = value[(colon + 1)..];
            var hostOk = host.StartsWith('[') && host.EndsWith(']')
                ? IpRange.TryParse(host[1..^1], out var v6) && v6 is { IsRange: false, AddressBits: 128 }
                : !host.Contains(':', StringComparison.Ordinal) && ((IpRange.TryParse(host, out var v4) && !v4.IsRange) || Check.HostName(host, allowWildcard: false) is null);
            if (hostOk && Port(IntOrString.FromText(port)) is null && port.All(char.IsAsciiDigit))
            {
                return null;
            }
        }

        return $"{Check.Show(value)} is not an endpoint: write host:port, for example redis.cache:6379 or [2001:db8::1]:6379.";
    }

    private static string? Port(IntOrString port)
    {
        if (port.Number is { } number)
        {
            return number is >= 1 and <= 65535 ? null : $"{number} is not a port number: use 1 to 65535.";
        }

        var text = port.Text!;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 65535 && text[0] != '0'
                ? null
                : $"{Check.Show(text)} is not a port number: use 1 to 65535.";
        }

        return text.Length <= 15 && PortName().IsMatch(text) && text.Any(char.IsAsciiLetter) && !text.Contains("--", StringComparison.Ordinal)
            ? null
            : $"{Check.Show(text)} is not a port number or name: use 1 to 65535 or the Service's port name (lower-case letters, digits and '-', at most 15 characters).";
    }

    private static string? SameSite(string value) => value switch
    {
        "none" or "lax" or "strict" => null,
        "None" or "Lax" or "Strict" => $"write {Check.Show(value.ToLowerInvariant())} in lower case: Traefik before 3.7 accepts only none, lax and strict.",
        _ => $"{Check.Show(value)} is not a SameSite mode: use none, lax or strict.",
    };
}
