using System.Collections.Immutable;
using System.Text.Json;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// The rules a Middleware spec must follow beyond the CRD schema: exactly one type, and for each type
/// the values Traefik would reject at run time (disabling every router that uses the middleware).
/// Every problem is reported, with its field path.
/// </summary>
internal static partial class MiddlewareRules
{
    public static void Validate(MiddlewareSpec spec, Problems p, string path = "spec")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var types = spec.Types;
        if (types.Count == 0)
        {
            p.Add(path, $"no middleware type is set: set exactly one of {string.Join(", ", MiddlewareTypes.All)}.");
        }
        else if (types.Count > 1)
        {
            p.Add(path, $"sets {types.Count} middleware types ({string.Join(", ", types)}); a Middleware has exactly one: combine several with a chain.");
        }

        foreach (var key in spec.AdditionalFields.Keys.Order(StringComparer.Ordinal))
        {
            p.Add(Join(path, key), key == MiddlewareTypes.IpWhiteList
                ? $"is the deprecated v2 name of {MiddlewareTypes.IpAllowList}; write {MiddlewareTypes.IpAllowList} (same fields) instead."
                : "is not a Traefik v3 HTTP middleware type this library writes; use one of the types of the Middleware CRD.");
        }

        Optional(spec.AddPrefix, p, Join(path, MiddlewareTypes.AddPrefix), AddPrefix);
        Optional(spec.BasicAuth, p, Join(path, MiddlewareTypes.BasicAuth), BasicAuth);
        Optional(spec.Buffering, p, Join(path, MiddlewareTypes.Buffering), Buffering);
        Optional(spec.Chain, p, Join(path, MiddlewareTypes.Chain), Chain);
        Optional(spec.CircuitBreaker, p, Join(path, MiddlewareTypes.CircuitBreaker), CircuitBreaker);
        Optional(spec.Compress, p, Join(path, MiddlewareTypes.Compress), Compress);
        Optional(spec.DigestAuth, p, Join(path, MiddlewareTypes.DigestAuth), DigestAuth);
        Optional(spec.Errors, p, Join(path, MiddlewareTypes.Errors), Errors);
        Optional(spec.ForwardAuth, p, Join(path, MiddlewareTypes.ForwardAuth), ForwardAuth);
        Optional(spec.GrpcWeb, p, Join(path, MiddlewareTypes.GrpcWeb), GrpcWeb);
        Optional(spec.Headers, p, Join(path, MiddlewareTypes.Headers), Headers);
        Optional(spec.InFlightReq, p, Join(path, MiddlewareTypes.InFlightReq), InFlightReq);
        Optional(spec.IpAllowList, p, Join(path, MiddlewareTypes.IpAllowList), IpAllowList);
        Optional(spec.Plugin, p, Join(path, MiddlewareTypes.Plugin), Plugin);
        Optional(spec.RateLimit, p, Join(path, MiddlewareTypes.RateLimit), RateLimit);
        Optional(spec.RedirectRegex, p, Join(path, MiddlewareTypes.RedirectRegex), RedirectRegex);
        Optional(spec.RedirectScheme, p, Join(path, MiddlewareTypes.RedirectScheme), RedirectScheme);
        Optional(spec.ReplacePath, p, Join(path, MiddlewareTypes.ReplacePath), ReplacePath);
        Optional(spec.ReplacePathRegex, p, Join(path, MiddlewareTypes.ReplacePathRegex), ReplacePathRegex);
        Optional(spec.Retry, p, Join(path, MiddlewareTypes.Retry), Retry);
        Optional(spec.StripPrefix, p, Join(path, MiddlewareTypes.StripPrefix), StripPrefix);
        Optional(spec.StripPrefixRegex, p, Join(path, MiddlewareTypes.StripPrefixRegex), StripPrefixRegex);

        // contentType, encodedCharacters and passTLSClientCert hold only booleans: nothing can be wrong.
    }

    private static void Optional<T>(T? value, Problems p, string path, Action<T, Problems, string> validate)
        where T : class
    {
        if (value is not null)
        {
            validate(value, p, path);
        }
    }

    private static void AddPrefix(AddPrefixSpec spec, Problems p, string path) =>
        p.Check(Join(path, "prefix"), spec.Prefix is null ? "is required and must start with '/', for example /api." : Check.LiteralPath(spec.Prefix));

    private static void BasicAuth(BasicAuthSpec spec, Problems p, string path) =>
        Auth(spec.Secret, spec.Realm, spec.HeaderField, "type kubernetes.io/basic-auth, or one key holding htpasswd lines user:hash", p, path);

    private static void DigestAuth(DigestAuthSpec spec, Problems p, string path) =>
        Auth(spec.Secret, spec.Realm, spec.HeaderField, "one key holding lines user:realm:md5hash", p, path);

    private static void Auth(string? secret, string? realm, string? headerField, string secretShape, Problems p, string path)
    {
        p.Check(Join(path, "secret"), secret is null
            ? $"is required: the name of a Secret in the Middleware's namespace ({secretShape})."
            : Check.Subdomain(secret, "Secret name"));
        if (realm is not null)
        {
            p.Check(Join(path, "realm"), realm.Length == 0 || realm.Any(c => c == '"' || char.IsControl(c))
                ? $"{Check.Show(realm)} must be non-empty text without double quotes or control characters (it is sent inside the quoted WWW-Authenticate challenge)."
                : null);
        }

        Header(headerField, p, Join(path, "headerField"));
    }

    private static void ForwardAuth(ForwardAuthSpec spec, Problems p, string path)
    {
        p.Check(Join(path, "address"), spec.Address is null
            ? "is required: the URL of the authentication server, for example https://auth.example.com/verify."
            : HttpUrl(spec.Address));
        HeaderNames(spec.AuthResponseHeaders, p, Join(path, "authResponseHeaders"));
        if (spec.AuthResponseHeadersRegex is not null)
        {
            p.Check(Join(path, "authResponseHeadersRegex"), Check.Regex(spec.AuthResponseHeadersRegex));
        }

        HeaderNames(spec.AuthRequestHeaders, p, Join(path, "authRequestHeaders"));
        Each(spec.AddAuthCookiesToResponse, p, Join(path, "addAuthCookiesToResponse"), c => Check.HeaderName(c, "cookie name"));
        Optional(spec.Tls, p, Join(path, "tls"), ClientTls);
        Header(spec.HeaderField, p, Join(path, "headerField"));
        AtLeast(spec.MaxBodySize, -1, p, Join(path, "maxBodySize"), " (-1 means no limit)");
        AtLeast(spec.MaxResponseBodySize, -1, p, Join(path, "maxResponseBodySize"), " (-1 means no limit)");
        if (spec.AuthSigninUrl is not null)
        {
            p.Check(Join(path, "authSigninURL"), HttpUrl(spec.AuthSigninUrl));
        }
    }

    private static void ClientTls(ClientTlsSpec spec, Problems p, string path)
    {
        if (spec.CaSecret is not null)
        {
            p.Check(Join(path, "caSecret"), Check.Subdomain(spec.CaSecret, "Secret name"));
        }

        if (spec.CertSecret is not null)
        {
            p.Check(Join(path, "certSecret"), Check.Subdomain(spec.CertSecret, "Secret name"));
        }
    }

    private static void Buffering(BufferingSpec spec, Problems p, string path)
    {
        AtLeast(spec.MaxRequestBodyBytes, 0, p, Join(path, "maxRequestBodyBytes"), " (0 means no maximum)");
        AtLeast(spec.MemRequestBodyBytes, 0, p, Join(path, "memRequestBodyBytes"), string.Empty);
        AtLeast(spec.MaxResponseBodyBytes, 0, p, Join(path, "maxResponseBodyBytes"), " (0 means no maximum)");
        AtLeast(spec.MemResponseBodyBytes, 0, p, Join(path, "memResponseBodyBytes"), string.Empty);
        if (spec.RetryExpression is not null)
        {
            foreach (var message in PredicateChecker.Check(spec.RetryExpression, PredicateVocabulary.BufferingRetry))
            {
                p.Add(Join(path, "retryExpression"), message);
            }
        }
    }

    private static void Chain(ChainSpec spec, Problems p, string path)
    {
        if (spec.Middlewares is null || spec.Middlewares.IsEmpty)
        {
            p.Add(Join(path, "middlewares"), "needs at least one middleware, listed in the order they apply.");
            return;
        }

        for (var i = 0; i < spec.Middlewares.Count; i++)
        {
            Reference(spec.Middlewares[i], p, $"{path}.middlewares[{i}]");
        }
    }

    /// <summary>A middleware reference as written in a chain or a route: <c>name</c> (+ namespace) or <c>name@provider</c>.</summary>
    internal static void Reference(MiddlewareReference reference, Problems p, string path)
    {
        var name = reference.Name;
        if (name?.Contains('@', StringComparison.Ordinal) == true)
        {
            foreach (var problem in ObjectRef.Problems(name, ObjectRefForms.Provider, "middleware name", "namespace"))
            {
                p.Add(Join(path, "name"), problem);
            }

            if (reference.Namespace is not null)
            {
                p.Add(Join(path, "namespace"), $"is ignored by Traefik for a name@provider reference ({name}); remove it.");
            }

            return;
        }

        p.Check(Join(path, "name"), Check.Subdomain(name, "middleware name"));
        if (reference.Namespace is not null)
        {
            p.Check(Join(path, "namespace"), Check.Label(reference.Namespace, "namespace"));
        }
    }

    private static void CircuitBreaker(CircuitBreakerSpec spec, Problems p, string path)
    {
        foreach (var message in PredicateChecker.Check(spec.Expression, PredicateVocabulary.CircuitBreaker))
        {
            p.Add(Join(path, "expression"), message);
        }

        CircuitBreakerTimings(spec, p, path);
    }

    /// <summary>The circuit breaker's durations and response code (everything but the expression).</summary>
    internal static void CircuitBreakerTimings(CircuitBreakerSpec spec, Problems p, string path)
    {
        Duration(spec.CheckPeriod, p, Join(path, "checkPeriod"));
        Duration(spec.FallbackDuration, p, Join(path, "fallbackDuration"));
        Duration(spec.RecoveryDuration, p, Join(path, "recoveryDuration"));
        StatusCode(spec.ResponseCode, p, Join(path, "responseCode"));
    }

    private static void Compress(CompressSpec spec, Problems p, string path)
    {
        if (spec.ExcludedContentTypes is { IsEmpty: false } && spec.IncludedContentTypes is { IsEmpty: false })
        {
            p.Add(path, "excludedContentTypes and includedContentTypes cannot both be set (Traefik rejects the middleware); keep one.");
        }

        Each(spec.ExcludedContentTypes, p, Join(path, "excludedContentTypes"), MediaType);
        Each(spec.IncludedContentTypes, p, Join(path, "includedContentTypes"), MediaType);
        AtLeast(spec.MinResponseBodyBytes, 0, p, Join(path, "minResponseBodyBytes"), string.Empty);
        var known = string.Join(", ", MiddlewareDefaults.CompressEncodings);
        if (spec.Encodings is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < spec.Encodings.Count; i++)
            {
                var encoding = spec.Encodings[i];
                if (!MiddlewareDefaults.CompressEncodings.Contains(encoding, StringComparer.Ordinal))
                {
                    p.Add($"{path}.encodings[{i}]", $"{Check.Show(encoding ?? string.Empty)} is not an encoding Traefik knows: use {known}.");
                }
                else if (!seen.Add(encoding))
                {
                    p.Add($"{path}.encodings[{i}]", $"{encoding} is listed twice.");
                }
            }
        }

        if (spec.DefaultEncoding is not null && !MiddlewareDefaults.CompressEncodings.Contains(spec.DefaultEncoding, StringComparer.Ordinal))
        {
            p.Add(Join(path, "defaultEncoding"), $"{Check.Show(spec.DefaultEncoding)} is not an encoding Traefik knows: use {known}.");
        }
    }

    private static void Errors(ErrorsSpec spec, Problems p, string path)
    {
        if (spec.Status is null || spec.Status.IsEmpty)
        {
            p.Add(Join(path, "status"), "needs at least one status code or range that triggers the error page, for example 500-599.");
        }
        else
        {
            StatusList(spec.Status, p, Join(path, "status"));
        }

        if (spec.StatusRewrites is not null)
        {
            foreach (var (from, to) in spec.StatusRewrites)
            {
                var entry = Join(Join(path, "statusRewrites"), from);
                p.Check(entry, StatusText(from));
                p.Check(entry, to is >= 100 and <= 599 ? null : $"{to} is not an HTTP status code: use 100 to 599.");
            }
        }

        if (spec.Service is null)
        {
            p.Add(Join(path, "service"), "is required: the service that serves the error pages (name and port).");
        }
        else
        {
            Service(spec.Service, p, Join(path, "service"));
        }

        if (spec.Query is not null)
        {
            p.Check(Join(path, "query"), spec.Query.Length == 0 || spec.Query[0] != '/' || spec.Query.Any(c => char.IsControl(c) || c == ' ')
                ? $"{Check.Show(spec.Query)} must be a path starting with '/' without spaces, for example /{{status}}.html ({{status}}, {{originalStatus}} and {{url}} are replaced)."
                : null);
        }

        HeaderNames(spec.ErrorRequestHeaders, p, Join(path, "errorRequestHeaders"));
    }

    private static void GrpcWeb(GrpcWebSpec spec, Problems p, string path) =>
        Each(spec.AllowOrigins, p, Join(path, "allowOrigins"), Origin);

    private static void Headers(HeadersSpec spec, Problems p, string path)
    {
        HeaderMap(spec.CustomRequestHeaders, p, Join(path, "customRequestHeaders"));
        HeaderMap(spec.CustomResponseHeaders, p, Join(path, "customResponseHeaders"));
        Each(spec.AccessControlAllowHeaders, p, Join(path, "accessControlAllowHeaders"), h => h == "*" ? null : Check.HeaderName(h));
        Each(spec.AccessControlAllowMethods, p, Join(path, "accessControlAllowMethods"), Method);
        Each(spec.AccessControlAllowOriginList, p, Join(path, "accessControlAllowOriginList"), Origin);
        Each(spec.AccessControlAllowOriginListRegex, p, Join(path, "accessControlAllowOriginListRegex"), Check.Regex);
        Each(spec.AccessControlExposeHeaders, p, Join(path, "accessControlExposeHeaders"), h => h == "*" ? null : Check.HeaderName(h));
        AtLeast(spec.AccessControlMaxAge, 0, p, Join(path, "accessControlMaxAge"), " seconds");
        Each(spec.AllowedHosts, p, Join(path, "allowedHosts"), h => Check.HostName(h, allowWildcard: false));
        HeaderNames(spec.HostsProxyHeaders, p, Join(path, "hostsProxyHeaders"));
        HeaderMap(spec.SslProxyHeaders, p, Join(path, "sslProxyHeaders"));
        AtLeast(spec.StsSeconds, 0, p, Join(path, "stsSeconds"), " seconds (0 leaves Strict-Transport-Security out)");
        HeaderText(spec.CustomFrameOptionsValue, p, Join(path, "customFrameOptionsValue"));
        HeaderText(spec.CustomBrowserXssValue, p, Join(path, "customBrowserXSSValue"));
        HeaderText(spec.ContentSecurityPolicy, p, Join(path, "contentSecurityPolicy"));
        HeaderText(spec.ContentSecurityPolicyReportOnly, p, Join(path, "contentSecurityPolicyReportOnly"));
        HeaderText(spec.PublicKey, p, Join(path, "publicKey"));
        HeaderText(spec.ReferrerPolicy, p, Join(path, "referrerPolicy"));
        HeaderText(spec.PermissionsPolicy, p, Join(path, "permissionsPolicy"));
        if (spec.AccessControlAllowCredentials == true && spec.AccessControlAllowOriginList?.Contains("*") == true)
        {
            p.Add(Join(path, "accessControlAllowOriginList"), "\"*\" cannot be combined with accessControlAllowCredentials: browsers refuse credentials for a wildcard origin; list the origins.");
        }
    }

    private static void InFlightReq(InFlightReqSpec spec, Problems p, string path)
    {
        p.Check(Join(path, "amount"), spec.Amount is null or < 1
            ? $"{(spec.Amount is null ? "is required" : $"{spec.Amount} is too small")}: the number of simultaneous requests allowed, at least 1 (Traefik rejects 0)."
            : null);
        Optional(spec.SourceCriterion, p, Join(path, "sourceCriterion"), SourceCriterion);
    }

    private static void IpAllowList(IpAllowListSpec spec, Problems p, string path)
    {
        if (spec.SourceRange is null || spec.SourceRange.IsEmpty)
        {
            p.Add(Join(path, "sourceRange"), "needs at least one IP or CIDR range, for example 10.0.0.0/8 (an empty list lets nobody through).");
        }

        Each(spec.SourceRange, p, Join(path, "sourceRange"), Check.IpOrCidr);
        Optional(spec.IpStrategy, p, Join(path, "ipStrategy"), IpStrategy);
        StatusCode(spec.RejectStatusCode, p, Join(path, "rejectStatusCode"));
    }

    private static void Plugin(ImmutableSortedDictionary<string, JsonElement> plugin, Problems p, string path)
    {
        if (plugin.Count != 1)
        {
            p.Add(path, $"needs exactly one plugin (found {plugin.Count}): the plugin name declared in Traefik's static configuration, mapped to its configuration.");
        }

        foreach (var (name, config) in plugin)
        {
            var entry = Join(path, name);
            p.Check(entry, PluginName().IsMatch(name) && name.Length <= Check.MaxLabelLength
                ? null
                : $"{Check.Show(name)} is not a valid plugin name: use the name declared under experimental.plugins or experimental.localPlugins (letters, digits, '-' and '_').");
            p.Check(entry, config.ValueKind == JsonValueKind.Object
                ? null
                : $"must be an object holding the plugin's configuration ({{}} for none), not {config.ValueKind.ToString().ToLowerInvariant()}.");
            PluginKeys(config, p, entry);
        }
    }

    /// <summary>Every key of a plugin's configuration names a field of the plugin's Go struct: printable text, no control characters.</summary>
    private static void PluginKeys(JsonElement config, Problems p, string path)
    {
        if (config.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in config.EnumerateArray())
            {
                PluginKeys(item, p, $"{path}[{i++}]");
            }
        }
        else if (config.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in config.EnumerateObject())
            {
                var entry = Join(path, member.Name);
                if (Check.ControlAt(member.Name) is var at and >= 0)
                {
                    p.Add(entry, $"{Check.Show(member.Name)} contains {Check.Describe(member.Name[at])}; a plugin configuration key names a field of the plugin: use printable characters only.");
                }

                PluginKeys(member.Value, p, entry);
            }
        }
    }

    private static void RateLimit(RateLimitSpec spec, Problems p, string path)
    {
        AtLeast(spec.Average, 0, p, Join(path, "average"), " (0 means no limit)");
        AtLeast(spec.Burst, 0, p, Join(path, "burst"), string.Empty);
        Duration(spec.Period, p, Join(path, "period"));
        Optional(spec.SourceCriterion, p, Join(path, "sourceCriterion"), SourceCriterion);
        Optional(spec.Redis, p, Join(path, "redis"), Redis);
    }

    private static void Redis(RedisSpec spec, Problems p, string path)
    {
        Each(spec.Endpoints, p, Join(path, "endpoints"), Endpoint);
        if (spec.Secret is not null)
        {
            p.Check(Join(path, "secret"), Check.Subdomain(spec.Secret, "Secret name"));
        }

        Optional(spec.Tls, p, Join(path, "tls"), ClientTls);
        AtLeast(spec.Db, 0, p, Join(path, "db"), string.Empty);
        AtLeast(spec.PoolSize, 0, p, Join(path, "poolSize"), string.Empty);
        AtLeast(spec.MinIdleConns, 0, p, Join(path, "minIdleConns"), string.Empty);
        AtLeast(spec.MaxActiveConns, 0, p, Join(path, "maxActiveConns"), string.Empty);
        Duration(spec.ReadTimeout, p, Join(path, "readTimeout"));
        Duration(spec.WriteTimeout, p, Join(path, "writeTimeout"));
        Duration(spec.DialTimeout, p, Join(path, "dialTimeout"));
    }

    private static void RedirectRegex(RedirectRegexSpec spec, Problems p, string path)
    {
        p.Check(Join(path, "regex"), spec.Regex is null ? "is required: a regular expression matched against the request URL, for example ^http://([^/]+)/(.*)." : Check.Regex(spec.Regex));
        p.Check(Join(path, "replacement"), Replacement(spec.Replacement, "the redirect target, for example https://$1/$2"));
    }

    private static void RedirectScheme(RedirectSchemeSpec spec, Problems p, string path)
    {
        p.Check(Join(path, "scheme"), spec.Scheme is "http" or "https"
            ? null
            : $"{(spec.Scheme is null ? "is required" : $"{Check.Show(spec.Scheme)} is not supported")}: use https or http (lower case).");
        if (spec.Port is not null)
        {
            p.Check(Join(path, "port"), spec.Port.Length is > 0 and <= 5 && spec.Port.All(char.IsAsciiDigit) && spec.Port[0] != '0' && int.Parse(spec.Port, System.Globalization.CultureInfo.InvariantCulture) <= 65535
                ? null
                : $"{Check.Show(spec.Port)} is not a port: give a number from 1 to 65535 (written as a string, for example \"8443\").");
        }
    }

    private static void ReplacePath(ReplacePathSpec spec, Problems p, string path) =>
        p.Check(Join(path, "path"), spec.Path is null ? "is required and must start with '/', for example /v2/api." : Check.LiteralPath(spec.Path));

    private static void ReplacePathRegex(ReplacePathRegexSpec spec, Problems p, string path)
    {
        p.Check(Join(path, "regex"), spec.Regex is null ? "is required: a regular expression matched against the path, for example ^/api/(.*)." : Check.Regex(spec.Regex));
        p.Check(Join(path, "replacement"), Replacement(spec.Replacement, "the new path, for example /$1"));
    }

    private static void Retry(RetrySpec spec, Problems p, string path)
    {
        p.Check(Join(path, "attempts"), spec.Attempts is null or < 1
            ? $"{(spec.Attempts is null ? "is required" : $"{spec.Attempts} is too small")}: the number of tries in all, at least 1 (Traefik rejects 0)."
            : null);
        Duration(spec.InitialInterval, p, Join(path, "initialInterval"));
        Duration(spec.Timeout, p, Join(path, "timeout"));
        AtLeast(spec.MaxRequestBodyBytes, -1, p, Join(path, "maxRequestBodyBytes"), " (-1 means no limit)");
        if (spec.Status is not null)
        {
            StatusList(spec.Status, p, Join(path, "status"));
        }
    }

    private static void StripPrefix(StripPrefixSpec spec, Problems p, string path)
    {
        if (spec.Prefixes is null || spec.Prefixes.IsEmpty)
        {
            p.Add(Join(path, "prefixes"), "needs at least one prefix to strip, for example /api.");
        }

        Each(spec.Prefixes, p, Join(path, "prefixes"), Check.LiteralPath);
    }

    private static void StripPrefixRegex(StripPrefixRegexSpec spec, Problems p, string path)
    {
        if (spec.Regex is null || spec.Regex.IsEmpty)
        {
            p.Add(Join(path, "regex"), "needs at least one regular expression, for example ^/api/v[0-9]+.");
        }

        Each(spec.Regex, p, Join(path, "regex"), Check.Regex);
    }

    private static void SourceCriterion(SourceCriterion spec, Problems p, string path)
    {
        var set = new List<string>(3);
        if (spec.IpStrategy is not null)
        {
            set.Add("ipStrategy");
        }

        if (spec.RequestHeaderName is not null)
        {
            set.Add("requestHeaderName");
        }

        if (spec.RequestHost == true)
        {
            set.Add("requestHost");
        }

        if (set.Count > 1)
        {
            p.Add(path, $"sets {string.Join(" and ", set)}; Traefik accepts only one of ipStrategy, requestHeaderName and requestHost.");
        }

        Header(spec.RequestHeaderName, p, Join(path, "requestHeaderName"));
        Optional(spec.IpStrategy, p, Join(path, "ipStrategy"), IpStrategy);
    }

    private static void IpStrategy(IpStrategy spec, Problems p, string path)
    {
        AtLeast(spec.Depth, 0, p, Join(path, "depth"), " (0 means X-Forwarded-For is not used)");
        Each(spec.ExcludedIps, p, Join(path, "excludedIPs"), Check.IpOrCidr);
        if (spec.Ipv6Subnet is { } subnet)
        {
            p.Check(Join(path, "ipv6Subnet"), subnet is >= 0 and <= 128 ? null : $"{subnet} is not an IPv6 prefix length: use 0 to 128, for example 64.");
        }
    }

    private static void Service(ServiceReference service, Problems p, string path)
    {
        var traefikService = service.IsTraefikService();
        if (service.Kind is not (null or TraefikApi.ServiceKind or TraefikApi.TraefikServiceKind))
        {
            p.Add(Join(path, "kind"), $"{Check.Show(service.Kind)} is not a service kind: use Service or TraefikService.");
        }

        if (traefikService && service.Name?.Contains('@', StringComparison.Ordinal) == true)
        {
            foreach (var problem in ObjectRef.Problems(service.Name, ObjectRefForms.Provider, "TraefikService name", "namespace"))
            {
                p.Add(Join(path, "name"), problem);
            }
        }
        else
        {
            p.Check(Join(path, "name"), traefikService ? Check.Subdomain(service.Name, "TraefikService name") : Check.ServiceName(service.Name));
        }

        if (service.Namespace is not null)
        {
            p.Check(Join(path, "namespace"), Check.Label(service.Namespace, "namespace"));
        }

        if (!traefikService)
        {
            p.Check(Join(path, "port"), service.Port is { } port ? Port(port) : "is required for a Kubernetes Service: its port number or name, for example 80 or http.");
        }

        AtLeast(service.Weight, 0, p, Join(path, "weight"), string.Empty);
        if (service.Scheme is not null && service.Scheme is not ("http" or "https" or "h2c"))
        {
            p.Add(Join(path, "scheme"), $"{Check.Show(service.Scheme)} is not supported: use http, https or h2c.");
        }

        if (service.Strategy is not null && service.Strategy is not ("wrr" or "p2c" or "hrw" or "leasttime"))
        {
            p.Add(Join(path, "strategy"), $"{Check.Show(service.Strategy)} is not a strategy: use wrr, p2c, hrw or leasttime.");
        }

        if (service.ServersTransport is { } transport)
        {
            p.Check(Join(path, "serversTransport"), ObjectRef.Problems(transport, ObjectRefForms.Provider, "ServersTransport name", "namespace").FirstOrDefault());
        }

        if (service.Sticky?.Cookie is { } cookie)
        {
            var cookiePath = Join(path, "sticky.cookie");
            if (cookie.Name is not null)
            {
                p.Check(Join(cookiePath, "name"), Check.HeaderName(cookie.Name, "cookie name"));
            }

            if (cookie.SameSite is not null)
            {
                p.Check(Join(cookiePath, "sameSite"), SameSite(cookie.SameSite));
            }
        }
    }
}
