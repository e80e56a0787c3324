using System.Collections.Immutable;
using System.Text.Json;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tests.Middlewares;

/// <summary>One realistic, valid spec per middleware type, keyed by its CRD key.</summary>
internal static class MiddlewareCatalog
{
    public static ImmutableSortedDictionary<string, MiddlewareSpec> Specs { get; } = Build();

    public static TheoryData<string> Types => [.. MiddlewareTypes.All];

    /// <summary>The objects a route in <c>apps</c> needs for every catalog spec to be written (the chain's members, the error pages' service).</summary>
    public static ManifestSet Prerequisites => ManifestSet.From(
    [
        Middleware("apps", "security-headers", MiddlewareSpecs.Headers(customResponseHeaders: new Dictionary<string, string> { ["X-Frame-Options"] = "DENY" })),
        Middleware("apps", "api-rate-limit", MiddlewareSpecs.RateLimit(100, 200, "1s")),
    ]);

    public static Middleware Middleware(string @namespace, string name, MiddlewareSpec spec) => new()
    {
        ApiVersion = TraefikApi.Version,
        Kind = TraefikApi.MiddlewareKind,
        Metadata = new k8s.Models.V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
        Spec = spec,
    };

    private static ImmutableSortedDictionary<string, MiddlewareSpec> Build()
    {
        var specs = new Dictionary<string, MiddlewareSpec>
        {
            [MiddlewareTypes.AddPrefix] = new() { AddPrefix = new AddPrefixSpec { Prefix = "/v1" } },
            [MiddlewareTypes.BasicAuth] = new()
            {
                BasicAuth = new BasicAuthSpec { Secret = "dashboard-users", Realm = "Dashboard", RemoveHeader = true, HeaderField = "X-WebAuth-User" },
            },
            [MiddlewareTypes.Buffering] = new()
            {
                Buffering = new BufferingSpec
                {
                    MaxRequestBodyBytes = 2_000_000,
                    MemRequestBodyBytes = 1_048_576,
                    MaxResponseBodyBytes = 8_000_000,
                    MemResponseBodyBytes = 1_048_576,
                    RetryExpression = "IsNetworkError() && Attempts() < 2",
                },
            },
            [MiddlewareTypes.Chain] = new()
            {
                Chain = new ChainSpec
                {
                    Middlewares =
                    [
                        new MiddlewareReference { Name = "security-headers" },
                        new MiddlewareReference { Name = "api-rate-limit", Namespace = "apps" },
                        new MiddlewareReference { Name = "auth@file" },
                    ],
                },
            },
            [MiddlewareTypes.CircuitBreaker] = new()
            {
                CircuitBreaker = new CircuitBreakerSpec
                {
                    Expression = "ResponseCodeRatio(500, 600, 0, 600) > 0.3 || NetworkErrorRatio() > 0.1 || LatencyAtQuantileMS(99.0) > 500",
                    CheckPeriod = "100ms",
                    FallbackDuration = "30s",
                    RecoveryDuration = 20,
                    ResponseCode = 429,
                },
            },
            [MiddlewareTypes.Compress] = new()
            {
                Compress = new CompressSpec
                {
                    ExcludedContentTypes = ["text/event-stream", "image/png"],
                    MinResponseBodyBytes = 2048,
                    Encodings = ["zstd", "br", "gzip"],
                    DefaultEncoding = "gzip",
                },
            },
            [MiddlewareTypes.ContentType] = new() { ContentType = new ContentTypeSpec() },
            [MiddlewareTypes.DigestAuth] = new()
            {
                DigestAuth = new DigestAuthSpec { Secret = "digest-users", Realm = "traefik", RemoveHeader = false, HeaderField = "X-Digest-User" },
            },
            [MiddlewareTypes.EncodedCharacters] = new()
            {
                EncodedCharacters = new EncodedCharactersSpec
                {
                    AllowEncodedSlash = true,
                    AllowEncodedBackSlash = false,
                    AllowEncodedNullCharacter = false,
                    AllowEncodedSemicolon = true,
                    AllowEncodedPercent = true,
                    AllowEncodedQuestionMark = false,
                    AllowEncodedHash = false,
                },
            },
            [MiddlewareTypes.Errors] = new()
            {
                Errors = new ErrorsSpec
                {
                    Status = ["500-599", "404"],
                    StatusRewrites = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, int>("418", 404), new("502-504", 503)]),
                    Service = new ServiceReference { Name = "error-pages", Port = 8080 },
                    Query = "/{status}.html",
                    ErrorRequestHeaders = ["Accept", "X-Request-Id"],
                },
            },
            [MiddlewareTypes.ForwardAuth] = new()
            {
                ForwardAuth = new ForwardAuthSpec
                {
                    Address = "https://auth.example.com/verify",
                    AuthResponseHeaders = ["X-Auth-User", "X-Auth-Groups"],
                    AuthResponseHeadersRegex = "^X-Auth-",
                    AuthRequestHeaders = ["Accept", "Authorization", "Cookie"],
                    AddAuthCookiesToResponse = ["session"],
                    Tls = new ClientTlsSpec { CaSecret = "auth-ca", CertSecret = "auth-client-cert", InsecureSkipVerify = false },
                    HeaderField = "X-Forwarded-User",
                    ForwardBody = true,
                    MaxBodySize = 65536,
                    MaxResponseBodySize = 1_048_576,
                    PreserveLocationHeader = true,
                    PreserveRequestMethod = true,
                    AuthSigninUrl = "https://auth.example.com/signin",
                },
            },
            [MiddlewareTypes.GrpcWeb] = new() { GrpcWeb = new GrpcWebSpec { AllowOrigins = ["https://app.example.com", "https://admin.example.com"] } },
            [MiddlewareTypes.Headers] = new()
            {
                Headers = new HeadersSpec
                {
                    CustomRequestHeaders = Map(("X-Script-Name", "api"), ("X-Remove-Me", string.Empty)),
                    CustomResponseHeaders = Map(("X-Powered-By", string.Empty), ("X-Robots-Tag", "noindex, nofollow")),
                    AccessControlAllowCredentials = true,
                    AccessControlAllowHeaders = ["Content-Type", "Authorization"],
                    AccessControlAllowMethods = ["GET", "POST", "OPTIONS"],
                    AccessControlAllowOriginList = ["https://app.example.com"],
                    AccessControlAllowOriginListRegex = ["^https://[a-z]+\\.example\\.com$"],
                    AccessControlExposeHeaders = ["X-Request-Id"],
                    AccessControlMaxAge = 600,
                    AddVaryHeader = true,
                    AllowedHosts = ["api.example.com"],
                    HostsProxyHeaders = ["X-Forwarded-Host"],
                    SslProxyHeaders = Map(("X-Forwarded-Proto", "https")),
                    StsSeconds = 31_536_000,
                    StsIncludeSubdomains = true,
                    StsPreload = true,
                    ForceStsHeader = true,
                    FrameDeny = true,
                    CustomFrameOptionsValue = "SAMEORIGIN",
                    ContentTypeNosniff = true,
                    BrowserXssFilter = true,
                    CustomBrowserXssValue = "1; mode=block",
                    ContentSecurityPolicy = "default-src 'self'",
                    ContentSecurityPolicyReportOnly = "default-src 'self'; report-uri /csp",
                    PublicKey = "pin-sha256=\"base64+primary==\"; max-age=5184000",
                    ReferrerPolicy = "strict-origin-when-cross-origin",
                    PermissionsPolicy = "camera=(), microphone=()",
                    IsDevelopment = false,
                },
            },
            [MiddlewareTypes.InFlightReq] = new()
            {
                InFlightReq = new InFlightReqSpec
                {
                    Amount = 50,
                    SourceCriterion = new SourceCriterion { IpStrategy = new IpStrategy { Depth = 1, ExcludedIps = ["10.0.0.0/8"], Ipv6Subnet = 64 } },
                },
            },
            [MiddlewareTypes.IpAllowList] = new()
            {
                IpAllowList = new IpAllowListSpec
                {
                    SourceRange = ["10.0.0.0/8", "192.168.1.7", "2001:db8::/32"],
                    IpStrategy = new IpStrategy { ExcludedIps = ["10.0.0.1", "fd00::/8"] },
                    RejectStatusCode = 404,
                },
            },
            [MiddlewareTypes.PassTlsClientCert] = new()
            {
                PassTlsClientCert = new PassTlsClientCertSpec
                {
                    Pem = true,
                    Info = new TlsClientCertInfo
                    {
                        NotAfter = true,
                        NotBefore = true,
                        Sans = true,
                        SerialNumber = true,
                        Subject = new TlsClientCertSubject
                        {
                            Country = true,
                            Province = true,
                            Locality = true,
                            Organization = true,
                            OrganizationalUnit = true,
                            CommonName = true,
                            SerialNumber = true,
                            DomainComponent = true,
                        },
                        Issuer = new TlsClientCertIssuer
                        {
                            Country = true,
                            Province = true,
                            Locality = true,
                            Organization = true,
                            CommonName = true,
                            SerialNumber = true,
                            DomainComponent = true,
                        },
                    },
                },
            },
            [MiddlewareTypes.Plugin] = MiddlewareSpecs.Plugin(
                "demo-header",
                JsonElementOf("""{"headerName": "X-Demo", "enabled": true, "limit": 10, "ratio": 0.25, "token": "urn:k8s:secret:demo-plugin:token", "tags": ["a", "b"]}""")),
            [MiddlewareTypes.RateLimit] = new()
            {
                RateLimit = new RateLimitSpec
                {
                    Average = 100,
                    Period = "1m",
                    Burst = 50,
                    SourceCriterion = new SourceCriterion { RequestHeaderName = "X-Api-Key" },
                    Redis = new RedisSpec
                    {
                        Endpoints = ["redis-0.redis:6379", "[2001:db8::7]:6379"],
                        Secret = "redis-auth",
                        Tls = new ClientTlsSpec { CaSecret = "redis-ca", InsecureSkipVerify = false },
                        Db = 2,
                        PoolSize = 20,
                        MinIdleConns = 2,
                        MaxActiveConns = 50,
                        ReadTimeout = "3s",
                        WriteTimeout = "3s",
                        DialTimeout = 5,
                    },
                },
            },
            [MiddlewareTypes.RedirectRegex] = new()
            {
                RedirectRegex = new RedirectRegexSpec { Regex = "^https?://old\\.example\\.com/(.*)", Replacement = "https://www.example.com/${1}", Permanent = true },
            },
            [MiddlewareTypes.RedirectScheme] = MiddlewareSpecs.RedirectScheme("https", 8443, permanent: true),
            [MiddlewareTypes.ReplacePath] = MiddlewareSpecs.ReplacePath("/health"),
            [MiddlewareTypes.ReplacePathRegex] = MiddlewareSpecs.ReplacePathRegex("^/api/v1/(.*)", "/v2/$1"),
            [MiddlewareTypes.Retry] = new()
            {
                Retry = new RetrySpec
                {
                    Attempts = 3,
                    InitialInterval = "100ms",
                    Timeout = "5s",
                    MaxRequestBodyBytes = 2_097_152,
                    Status = ["502-504"],
                    DisableRetryOnNetworkError = false,
                    RetryNonIdempotentMethod = false,
                },
            },
            [MiddlewareTypes.StripPrefix] = MiddlewareSpecs.StripPrefix(["/api", "/internal"]),
            [MiddlewareTypes.StripPrefixRegex] = MiddlewareSpecs.StripPrefixRegex(["^/tenants/[a-z0-9-]+"]),
        };
        return ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, specs);
    }

    public static JsonElement JsonElementOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] pairs) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
}
