using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// <c>headers</c>: adds or removes request and response headers, answers CORS, and sets security
/// headers. The deprecated <c>sslRedirect</c>, <c>sslTemporaryRedirect</c>, <c>sslHost</c>,
/// <c>sslForceHost</c> and <c>featurePolicy</c> are not modelled; they ride along when a file has them.
/// </summary>
public sealed record HeadersSpec : JsonRecord
{
    /// <summary>Headers set on the forwarded request; an empty value removes the header.</summary>
    public ImmutableSortedDictionary<string, string>? CustomRequestHeaders { get; init; }

    /// <summary>Headers set on the response; an empty value removes the header.</summary>
    public ImmutableSortedDictionary<string, string>? CustomResponseHeaders { get; init; }

    /// <summary>CORS: value of <c>Access-Control-Allow-Credentials</c>.</summary>
    public bool? AccessControlAllowCredentials { get; init; }

    /// <summary>CORS: headers allowed in the actual request.</summary>
    public ImmutableList<string>? AccessControlAllowHeaders { get; init; }

    /// <summary>CORS: methods allowed in the actual request.</summary>
    public ImmutableList<string>? AccessControlAllowMethods { get; init; }

    /// <summary>CORS: allowed origins (<c>*</c> allows any).</summary>
    public ImmutableList<string>? AccessControlAllowOriginList { get; init; }

    /// <summary>CORS: regular expressions matching allowed origins.</summary>
    public ImmutableList<string>? AccessControlAllowOriginListRegex { get; init; }

    /// <summary>CORS: response headers the browser may expose.</summary>
    public ImmutableList<string>? AccessControlExposeHeaders { get; init; }

    /// <summary>CORS: how long a preflight answer may be cached, in seconds.</summary>
    public long? AccessControlMaxAge { get; init; }

    /// <summary>CORS: add <c>Vary: Origin</c> when the allowed origin depends on the request.</summary>
    public bool? AddVaryHeader { get; init; }

    /// <summary>Host names allowed; any other host is answered 400.</summary>
    public ImmutableList<string>? AllowedHosts { get; init; }

    /// <summary>Headers that may hold the original host (behind another proxy).</summary>
    public ImmutableList<string>? HostsProxyHeaders { get; init; }

    /// <summary>Header/value pairs that mark a request as HTTPS behind another proxy.</summary>
    public ImmutableSortedDictionary<string, string>? SslProxyHeaders { get; init; }

    /// <summary><c>Strict-Transport-Security</c> max-age in seconds; 0 leaves the header out.</summary>
    public long? StsSeconds { get; init; }

    /// <summary>Add <c>includeSubDomains</c> to the STS header.</summary>
    public bool? StsIncludeSubdomains { get; init; }

    /// <summary>Add <c>preload</c> to the STS header.</summary>
    public bool? StsPreload { get; init; }

    /// <summary>Send the STS header on plain HTTP requests too.</summary>
    [JsonPropertyName("forceSTSHeader")]
    public bool? ForceStsHeader { get; init; }

    /// <summary>Send <c>X-Frame-Options: DENY</c>.</summary>
    public bool? FrameDeny { get; init; }

    /// <summary>A custom <c>X-Frame-Options</c> value (overrides <see cref="FrameDeny"/>).</summary>
    public string? CustomFrameOptionsValue { get; init; }

    /// <summary>Send <c>X-Content-Type-Options: nosniff</c>.</summary>
    public bool? ContentTypeNosniff { get; init; }

    /// <summary>Send <c>X-XSS-Protection: 1; mode=block</c>.</summary>
    public bool? BrowserXssFilter { get; init; }

    /// <summary>A custom <c>X-XSS-Protection</c> value (overrides <see cref="BrowserXssFilter"/>).</summary>
    [JsonPropertyName("customBrowserXSSValue")]
    public string? CustomBrowserXssValue { get; init; }

    /// <summary><c>Content-Security-Policy</c> value.</summary>
    public string? ContentSecurityPolicy { get; init; }

    /// <summary><c>Content-Security-Policy-Report-Only</c> value (Traefik 3.1+).</summary>
    public string? ContentSecurityPolicyReportOnly { get; init; }

    /// <summary><c>Public-Key-Pins</c> value.</summary>
    public string? PublicKey { get; init; }

    /// <summary><c>Referrer-Policy</c> value.</summary>
    public string? ReferrerPolicy { get; init; }

    /// <summary><c>Permissions-Policy</c> value.</summary>
    public string? PermissionsPolicy { get; init; }

    /// <summary>Development mode: turns off the allowed-hosts, SSL and STS checks.</summary>
    public bool? IsDevelopment { get; init; }
}
