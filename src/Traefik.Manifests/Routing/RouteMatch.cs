using System.Text;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Routing;

/// <summary>
/// The typed form of a route's match rule: a host, an optional path, and an optional header or cookie
/// condition. Every value is validated before it is placed in the rule, so no value can change the
/// meaning of the rule (a host of <c>a.com`) || PathPrefix(`/</c> is rejected, not written).
/// </summary>
public sealed record RouteMatch
{
    /// <summary>The host name (RFC 1123; <c>*.example.com</c> matches one subdomain label in Traefik 3.7+). Required.</summary>
    public required string Host { get; init; }

    /// <summary>Optional path. For <see cref="PathMatchType.PathRegexp"/> it is a regular expression.</summary>
    public string? Path { get; init; }

    /// <summary>How <see cref="Path"/> is matched.</summary>
    /// <value>The default value is <see cref="PathMatchType.PathPrefix"/>.</value>
    public PathMatchType PathMatchType { get; init; } = PathMatchType.PathPrefix;

    /// <summary>Optional header that must be present with <see cref="HeaderValue"/> (Traefik <c>Header</c>).</summary>
    public string? HeaderName { get; init; }

    /// <summary>The exact header value.</summary>
    /// <value>The default value is <c>true</c>.</value>
    public string? HeaderValue { get; init; }

    /// <summary>
    /// Optional cookie that must be present; matched with <c>HeaderRegexp</c> on the <c>Cookie</c> header,
    /// anchored to a cookie boundary so <c>xname=true</c> does not match <c>name</c>.
    /// </summary>
    public string? CookieName { get; init; }

    /// <summary>Regular expression for the cookie value (RE2).</summary>
    /// <value>The default value matches the literal <c>true</c>.</value>
    public string? CookieValueRegex { get; init; }

    /// <summary>Builds the Traefik v3 rule.</summary>
    /// <exception cref="ManifestException">A value is not valid; every problem is listed.</exception>
    public string ToRule()
    {
        var problems = new Problems();
        var rule = Build(problems, string.Empty);
        problems.ThrowIfAny("The route match is not valid.");
        return rule!;
    }

    internal string? Build(Problems problems, string path)
    {
        var before = problems.Count;
        var prefix = path.Length == 0 ? string.Empty : path + ".";
        problems.Check(prefix + "host", Check.HostName(Host));
        if (Path is not null)
        {
            problems.Check(prefix + "path", PathMatchType == PathMatchType.PathRegexp ? Check.RuleRegex(Path) : Check.LiteralPath(Path));
        }

        if (!Enum.IsDefined(PathMatchType))
        {
            problems.Add(prefix + "pathMatchType", "must be PathPrefix, Path or PathRegexp.");
        }

        if (HeaderName is not null && CookieName is not null)
        {
            problems.Add(prefix + "cookieName", "give either a header match or a cookie match, not both (a rule with both would need both to be present).");
        }

        if (HeaderName is not null)
        {
            problems.Check(prefix + "headerName", Check.HeaderName(HeaderName));
            if (HeaderValue is not null)
            {
                problems.Check(prefix + "headerValue", Check.HeaderValue(HeaderValue));
            }
        }
        else if (HeaderValue is not null)
        {
            problems.Add(prefix + "headerValue", "is set without a header name; set headerName too.");
        }

        if (CookieName is not null)
        {
            problems.Check(prefix + "cookieName", Check.HeaderName(CookieName, "cookie name"));
            if (CookieValueRegex is not null)
            {
                var error = Check.RuleRegex(CookieValueRegex);
                problems.Check(prefix + "cookieValueRegex", error);
                if (error is null && !Re2Pattern.TryParse("(?:" + CookieValueRegex + ")", out _))
                {
                    // Only an unclosed \Q is valid alone and not inside the rule's group: it would swallow the closing ')'.
                    problems.Add(prefix + "cookieValueRegex", $"{Check.Show(CookieValueRegex)} leaves a \\Q quote open, which would take in the rest of the rule's expression; end it with \\E.");
                }
            }
        }
        else if (CookieValueRegex is not null)
        {
            problems.Add(prefix + "cookieValueRegex", "is set without a cookie name; set cookieName too.");
        }

        if (problems.Count != before)
        {
            return null;
        }

        var sb = new StringBuilder(64);
        Matcher(sb, "Host", Host);
        if (Path is not null)
        {
            sb.Append(" && ");
            Matcher(sb, PathMatchType.ToString(), Path);
        }

        if (HeaderName is not null)
        {
            sb.Append(" && ");
            Matcher(sb, "Header", HeaderName, HeaderValue ?? RoutingDefaults.HeaderValue);
        }

        if (CookieName is not null)
        {
            var value = CookieValueRegex is null ? RoutingDefaults.CookieValue : "(?:" + CookieValueRegex + ")";
            sb.Append(" && ");
            Matcher(sb, "HeaderRegexp", "Cookie", @"(^|;\s*)" + EscapeRegex(CookieName) + "=" + value + "(;|$)");
        }

        return sb.ToString();
    }

    private static void Matcher(StringBuilder sb, string name, params string[] values)
    {
        sb.Append(name).Append('(');
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append('`').Append(values[i]).Append('`');
        }

        sb.Append(')');
    }

    /// <summary>Escapes RE2 metacharacters so a literal matches itself.</summary>
    internal static string EscapeRegex(string literal)
    {
        var sb = new StringBuilder(literal.Length + 4);
        foreach (var c in literal)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
