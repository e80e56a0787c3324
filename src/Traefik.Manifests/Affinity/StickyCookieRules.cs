using System.Globalization;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Affinity;

/// <summary>Validates <see cref="StickyCookieOptions"/> and turns them into the CRD's cookie and annotations.</summary>
internal static class StickyCookieRules
{
    /// <summary>Adds every problem with the options and returns the cookie to write.</summary>
    public static StickyCookie Build(StickyCookieOptions options, Problems problems, ICollection<string> warnings)
    {
        if (options.Name is { } name)
        {
            problems.Check("cookie.name", CookieName(name));
        }

        string? sameSite = null;
        if (options.SameSite is { } s)
        {
            sameSite = s.ToLowerInvariant();
            if (!AffinityDefaults.SameSiteValues.Contains(sameSite))
            {
                problems.Add("cookie.sameSite", $"{Check.Show(s)} is not a SameSite value; use none, lax or strict.");
            }
            else if (sameSite == "none" && options.Secure != true)
            {
                warnings.Add("sameSite none without secure: browsers reject such a cookie, so stickiness would not work. Set secure (and serve the route over HTTPS).");
            }
        }

        if (options.Path is { } path)
        {
            problems.Check("cookie.path", Check.LiteralPath(path));
        }

        if (options.Domain is { } domain)
        {
            problems.Check("cookie.domain", Check.HostName(domain, allowWildcard: false));
        }

        return new StickyCookie
        {
            Name = options.Name,
            Secure = options.Secure,
            HttpOnly = options.HttpOnly,
            SameSite = sameSite,
            MaxAge = options.MaxAge,
            Path = options.Path,
            Domain = options.Domain,
        };
    }

    /// <summary>The weighted-level cookie: the same attributes under a distinct name.</summary>
    public static StickyCookie Weighted(StickyCookie cookie) => cookie with { Name = WeightedName(cookie.Name) };

    /// <summary>The weighted-level cookie name for a server-level name (null stays null: Traefik generates distinct names).</summary>
    public static string? WeightedName(string? name) => name is null ? null : name + AffinityDefaults.WeightedCookieSuffix;

    /// <summary>The Ingress-provider annotations for a cookie.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Annotations(StickyCookie cookie)
    {
        var annotations = new List<KeyValuePair<string, string>> { new(AffinityDefaults.Annotation, "true") };
        var values = new[]
        {
            cookie.Name,
            Bool(cookie.Secure),
            Bool(cookie.HttpOnly),
            cookie.SameSite,
            cookie.MaxAge?.ToString(CultureInfo.InvariantCulture),
            cookie.Path,
            cookie.Domain,
        };
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                annotations.Add(new(AffinityDefaults.AttributeAnnotations[i], value));
            }
        }

        return annotations;
    }

    /// <summary>True for the sticky-cookie annotation keys (matched case-insensitively, as Traefik reads them).</summary>
    public static bool IsStickyAnnotation(string key) =>
        string.Equals(key, AffinityDefaults.Annotation, StringComparison.OrdinalIgnoreCase)
        || AffinityDefaults.AttributeAnnotations.Any(a => string.Equals(key, a, StringComparison.OrdinalIgnoreCase));

    private static string? Bool(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    /// <summary>An RFC 6265 cookie name: a token (visible ASCII without separators).</summary>
    private static string? CookieName(string value)
    {
        if (value.Length == 0)
        {
            return "a cookie name must not be empty; leave it out to let Traefik generate one.";
        }

        if (value.Length > AffinityDefaults.MaxCookieNameLength)
        {
            return $"{Check.Show(value)} is {value.Length} characters long; a cookie name must be at most {AffinityDefaults.MaxCookieNameLength} characters.";
        }

        foreach (var c in value)
        {
            if (c <= 0x20 || c >= 0x7F || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal))
            {
                return $"{Check.Show(value)} is not a valid cookie name: use letters, digits and !#$%&'*+-.^_`|~ (an RFC 6265 token, no spaces or separators).";
            }
        }

        return null;
    }
}
