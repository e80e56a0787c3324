using System.Collections.Immutable;

namespace Traefik.Manifests.Middlewares;

/// <summary>The CRD keys of the HTTP middleware types (the key under <c>spec</c> of a Middleware).</summary>
public static class MiddlewareTypes
{
    /// <summary><c>addPrefix</c>.</summary>
    public const string AddPrefix = "addPrefix";

    /// <summary><c>basicAuth</c>.</summary>
    public const string BasicAuth = "basicAuth";

    /// <summary><c>buffering</c>.</summary>
    public const string Buffering = "buffering";

    /// <summary><c>chain</c>.</summary>
    public const string Chain = "chain";

    /// <summary><c>circuitBreaker</c>.</summary>
    public const string CircuitBreaker = "circuitBreaker";

    /// <summary><c>compress</c>.</summary>
    public const string Compress = "compress";

    /// <summary><c>contentType</c>.</summary>
    public const string ContentType = "contentType";

    /// <summary><c>digestAuth</c>.</summary>
    public const string DigestAuth = "digestAuth";

    /// <summary><c>encodedCharacters</c> (Traefik 3.7+).</summary>
    public const string EncodedCharacters = "encodedCharacters";

    /// <summary><c>errors</c>.</summary>
    public const string Errors = "errors";

    /// <summary><c>forwardAuth</c>.</summary>
    public const string ForwardAuth = "forwardAuth";

    /// <summary><c>grpcWeb</c>.</summary>
    public const string GrpcWeb = "grpcWeb";

    /// <summary><c>headers</c>.</summary>
    public const string Headers = "headers";

    /// <summary><c>inFlightReq</c>.</summary>
    public const string InFlightReq = "inFlightReq";

    /// <summary><c>ipAllowList</c>.</summary>
    public const string IpAllowList = "ipAllowList";

    /// <summary><c>ipWhiteList</c>: the deprecated v2 name of <see cref="IpAllowList"/>; read, never written.</summary>
    public const string IpWhiteList = "ipWhiteList";

    /// <summary><c>passTLSClientCert</c>.</summary>
    public const string PassTlsClientCert = "passTLSClientCert";

    /// <summary><c>plugin</c>.</summary>
    public const string Plugin = "plugin";

    /// <summary><c>rateLimit</c>.</summary>
    public const string RateLimit = "rateLimit";

    /// <summary><c>redirectRegex</c>.</summary>
    public const string RedirectRegex = "redirectRegex";

    /// <summary><c>redirectScheme</c>.</summary>
    public const string RedirectScheme = "redirectScheme";

    /// <summary><c>replacePath</c>.</summary>
    public const string ReplacePath = "replacePath";

    /// <summary><c>replacePathRegex</c>.</summary>
    public const string ReplacePathRegex = "replacePathRegex";

    /// <summary><c>retry</c>.</summary>
    public const string Retry = "retry";

    /// <summary><c>stripPrefix</c>.</summary>
    public const string StripPrefix = "stripPrefix";

    /// <summary><c>stripPrefixRegex</c>.</summary>
    public const string StripPrefixRegex = "stripPrefixRegex";

    /// <summary>Every type this library writes (the 25 OSS v3 HTTP middlewares), in CRD order.</summary>
    public static ImmutableArray<string> All { get; } =
    [
        AddPrefix, BasicAuth, Buffering, Chain, CircuitBreaker, Compress, ContentType, DigestAuth,
        EncodedCharacters, Errors, ForwardAuth, GrpcWeb, Headers, InFlightReq, IpAllowList, PassTlsClientCert,
        Plugin, RateLimit, RedirectRegex, RedirectScheme, ReplacePath, ReplacePathRegex, Retry, StripPrefix,
        StripPrefixRegex,
    ];
}
