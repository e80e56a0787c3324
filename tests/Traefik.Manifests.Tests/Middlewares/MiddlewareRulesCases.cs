using System.Collections.Immutable;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tests.Middlewares;

/// <summary>Invalid specs, one per rule family, shared by the validation tests.</summary>
internal static class MiddlewareRulesCases
{
    public static ImmutableSortedDictionary<string, MiddlewareSpec> All { get; } = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, MiddlewareSpec>
    {
        ["noType"] = new(),
        ["twoTypes"] = MiddlewareSpecs.StripPrefix(["/api"]) with { RateLimit = new RateLimitSpec { Average = 10 } },
        ["circuitBreaker"] = new()
        {
            CircuitBreaker = new CircuitBreakerSpec
            {
                Expression = "NetworkErrorRatio() > 1",
                CheckPeriod = "10 s",
                FallbackDuration = -5,
                RecoveryDuration = "1d",
                ResponseCode = 700,
            },
        },
        ["errors"] = new()
        {
            Errors = new ErrorsSpec
            {
                Status = ["5xx", "500-599", "600", "599-500"],
                StatusRewrites = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, int>("418", 99)]),
                Service = new ServiceReference
                {
                    Name = "error-pages",
                    Sticky = new StickySpec { Cookie = new StickyCookie { Name = "bad cookie", SameSite = "Lax" } },
                },
                Query = "error.html",
            },
        },
        ["ipAllowList"] = new()
        {
            IpAllowList = new IpAllowListSpec
            {
                SourceRange = ["10.0.0.1/8", "10.0.0.0/33", "300.1.1.1", "2001:db8::/129", "fe80::1%eth0", "10.1", "::1"],
                IpStrategy = new IpStrategy { Depth = -1, ExcludedIps = ["localhost"], Ipv6Subnet = 200 },
                RejectStatusCode = 99,
            },
        },
        ["forwardAuth"] = new()
        {
            ForwardAuth = new ForwardAuthSpec
            {
                Address = "auth.example.com/verify",
                AuthSigninUrl = "ftp://auth.example.com/signin",
                AuthResponseHeaders = ["X Bad"],
                AuthResponseHeadersRegex = "(?=X-)",
                Tls = new ClientTlsSpec { CaSecret = "Bad_Secret" },
                MaxBodySize = -2,
            },
        },
        ["headers"] = new()
        {
            Headers = new HeadersSpec
            {
                CustomRequestHeaders = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("Bad Header", "x"), new("X-Ok", "line\nbreak")]),
                AccessControlAllowCredentials = true,
                AccessControlAllowOriginList = ["*", "https://app.example.com/path"],
                AccessControlAllowMethods = ["get"],
                StsSeconds = -1,
                AllowedHosts = ["bad_host"],
            },
        },
        ["regexes"] = new() { StripPrefixRegex = new StripPrefixRegexSpec { Regex = ["(a)\\1", "(?<=x)y", "[", "^/(?P<tenant>[a-z]+)", "^/api\\Z", "^/literal\\\\Z"] } },
        ["redirectRegex"] = new() { RedirectRegex = new RedirectRegexSpec { Regex = "^http://(.*)" } },
        ["addPrefix"] = MiddlewareSpecs.AddPrefix("api"),
        ["redirectScheme"] = new() { RedirectScheme = new RedirectSchemeSpec { Scheme = "HTTPS", Port = "0" } },
        ["chain"] = new()
        {
            Chain = new ChainSpec
            {
                Middlewares =
                [
                    new MiddlewareReference { Name = string.Empty },
                    new MiddlewareReference { Name = "Bad_Name" },
                    new MiddlewareReference { Name = "auth@File" },
                    new MiddlewareReference { Name = "auth@file", Namespace = "apps" },
                ],
            },
        },
        ["emptyChain"] = new() { Chain = new ChainSpec() },
        ["plugin"] = new()
        {
            Plugin = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                new KeyValuePair<string, System.Text.Json.JsonElement>("bad name", MiddlewareCatalog.JsonElementOf("{}")),
                new("demo", MiddlewareCatalog.JsonElementOf("\"value\"")),
            ]),
        },
        ["rateLimit"] = new()
        {
            RateLimit = new RateLimitSpec
            {
                Average = -1,
                Burst = -1,
                Period = "fast",
                SourceCriterion = new SourceCriterion { RequestHost = true, RequestHeaderName = "X-Api-Key" },
                Redis = new RedisSpec { Endpoints = ["redis", "redis:99999", "10.0.0.5:6379"], Db = -1, ReadTimeout = -3 },
            },
        },
        ["retry"] = new() { Retry = new RetrySpec { Attempts = 0, Status = ["abc"], MaxRequestBodyBytes = -2, InitialInterval = "soon" } },
        ["compress"] = new()
        {
            Compress = new CompressSpec
            {
                ExcludedContentTypes = ["html"],
                IncludedContentTypes = ["text/html; charset=utf-8"],
                Encodings = ["deflate", "gzip", "gzip"],
                DefaultEncoding = "lz4",
                MinResponseBodyBytes = -1,
            },
        },
        ["inFlightReq"] = MiddlewareSpecs.InFlightReq(0),
        ["buffering"] = new() { Buffering = new BufferingSpec { RetryExpression = "Attempts() > 2.0 || IsNetworkError() == true", MaxRequestBodyBytes = -1 } },
        ["grpcWeb"] = MiddlewareSpecs.GrpcWeb(["https://app.example.com/path", "*"]),
        ["basicAuth"] = new() { BasicAuth = new BasicAuthSpec { Realm = "my \"realm\"", HeaderField = "X User" } },
        ["stripPrefix"] = MiddlewareSpecs.StripPrefix(["api", "/ok", "/a b"]),
        ["emptyStripPrefix"] = MiddlewareSpecs.StripPrefix([]),
        ["replacePath"] = MiddlewareSpecs.ReplacePath(string.Empty),
        ["replacePathRegex"] = MiddlewareSpecs.ReplacePathRegex("^/api/(.*)", "/v2/ $1"),
    });
}
