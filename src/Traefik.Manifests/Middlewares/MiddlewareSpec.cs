using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// The spec of a <see cref="Middleware"/>: every HTTP middleware of the Traefik v3 OSS CRD. Exactly one
/// member must be set; <see cref="Type"/> names it with its CRD key. Deprecated types such as
/// <c>ipWhiteList</c> are not modelled: they ride along in <see cref="JsonRecord.AdditionalFields"/> when a
/// file has them, and this library never writes them.
/// </summary>
public sealed record MiddlewareSpec : JsonRecord
{
    private static readonly (string Key, Func<MiddlewareSpec, object?> Get)[] Members =
    [
        (MiddlewareTypes.AddPrefix, s => s.AddPrefix),
        (MiddlewareTypes.BasicAuth, s => s.BasicAuth),
        (MiddlewareTypes.Buffering, s => s.Buffering),
        (MiddlewareTypes.Chain, s => s.Chain),
        (MiddlewareTypes.CircuitBreaker, s => s.CircuitBreaker),
        (MiddlewareTypes.Compress, s => s.Compress),
        (MiddlewareTypes.ContentType, s => s.ContentType),
        (MiddlewareTypes.DigestAuth, s => s.DigestAuth),
        (MiddlewareTypes.EncodedCharacters, s => s.EncodedCharacters),
        (MiddlewareTypes.Errors, s => s.Errors),
        (MiddlewareTypes.ForwardAuth, s => s.ForwardAuth),
        (MiddlewareTypes.GrpcWeb, s => s.GrpcWeb),
        (MiddlewareTypes.Headers, s => s.Headers),
        (MiddlewareTypes.InFlightReq, s => s.InFlightReq),
        (MiddlewareTypes.IpAllowList, s => s.IpAllowList),
        (MiddlewareTypes.PassTlsClientCert, s => s.PassTlsClientCert),
        (MiddlewareTypes.Plugin, s => s.Plugin),
        (MiddlewareTypes.RateLimit, s => s.RateLimit),
        (MiddlewareTypes.RedirectRegex, s => s.RedirectRegex),
        (MiddlewareTypes.RedirectScheme, s => s.RedirectScheme),
        (MiddlewareTypes.ReplacePath, s => s.ReplacePath),
        (MiddlewareTypes.ReplacePathRegex, s => s.ReplacePathRegex),
        (MiddlewareTypes.Retry, s => s.Retry),
        (MiddlewareTypes.StripPrefix, s => s.StripPrefix),
        (MiddlewareTypes.StripPrefixRegex, s => s.StripPrefixRegex),
    ];

    /// <summary>Prepend a path prefix.</summary>
    public AddPrefixSpec? AddPrefix { get; init; }

    /// <summary>HTTP Basic authentication.</summary>
    public BasicAuthSpec? BasicAuth { get; init; }

    /// <summary>Buffer request and response bodies.</summary>
    public BufferingSpec? Buffering { get; init; }

    /// <summary>Apply other middlewares in order.</summary>
    public ChainSpec? Chain { get; init; }

    /// <summary>Circuit breaker.</summary>
    public CircuitBreakerSpec? CircuitBreaker { get; init; }

    /// <summary>Compress responses.</summary>
    public CompressSpec? Compress { get; init; }

    /// <summary>Detect a missing <c>Content-Type</c>.</summary>
    public ContentTypeSpec? ContentType { get; init; }

    /// <summary>HTTP Digest authentication.</summary>
    public DigestAuthSpec? DigestAuth { get; init; }

    /// <summary>Allow percent-encoded characters in paths (Traefik 3.7+).</summary>
    public EncodedCharactersSpec? EncodedCharacters { get; init; }

    /// <summary>Custom error pages.</summary>
    public ErrorsSpec? Errors { get; init; }

    /// <summary>Delegate authentication to an external server.</summary>
    public ForwardAuthSpec? ForwardAuth { get; init; }

    /// <summary>Translate gRPC-Web to gRPC.</summary>
    public GrpcWebSpec? GrpcWeb { get; init; }

    /// <summary>Custom, CORS and security headers.</summary>
    public HeadersSpec? Headers { get; init; }

    /// <summary>Limit simultaneous requests.</summary>
    public InFlightReqSpec? InFlightReq { get; init; }

    /// <summary>Allow only some client IPs.</summary>
    public IpAllowListSpec? IpAllowList { get; init; }

    /// <summary>Pass the client certificate to the backend.</summary>
    [JsonPropertyName("passTLSClientCert")]
    public PassTlsClientCertSpec? PassTlsClientCert { get; init; }

    /// <summary>
    /// A Traefik plugin: exactly one entry, from the plugin name declared in Traefik's static
    /// configuration to the plugin's own configuration (any JSON, usually an object). A string value
    /// <c>urn:k8s:secret:&lt;secret&gt;:&lt;key&gt;</c> is replaced by Traefik with that Secret key's value.
    /// </summary>
    public ImmutableSortedDictionary<string, JsonElement>? Plugin { get; init; }

    /// <summary>Rate limiting.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>Redirect by regular expression.</summary>
    public RedirectRegexSpec? RedirectRegex { get; init; }

    /// <summary>Redirect to another scheme.</summary>
    public RedirectSchemeSpec? RedirectScheme { get; init; }

    /// <summary>Replace the path.</summary>
    public ReplacePathSpec? ReplacePath { get; init; }

    /// <summary>Rewrite the path with a regular expression.</summary>
    public ReplacePathRegexSpec? ReplacePathRegex { get; init; }

    /// <summary>Retry failed requests.</summary>
    public RetrySpec? Retry { get; init; }

    /// <summary>Strip path prefixes.</summary>
    public StripPrefixSpec? StripPrefix { get; init; }

    /// <summary>Strip path prefixes matched by regular expressions.</summary>
    public StripPrefixRegexSpec? StripPrefixRegex { get; init; }

    /// <summary>
    /// The CRD key of the middleware type that is set (for example <c>rateLimit</c>), or null when none
    /// is or more than one is (see <see cref="Types"/>). An unmodelled key read from a file, such as the
    /// deprecated <c>ipWhiteList</c>, counts as a type.
    /// </summary>
    [JsonIgnore]
    public string? Type => Types is [var only] ? only : null;

    /// <summary>
    /// The CRD keys of every middleware type that is set: modelled members in CRD (alphabetical) order,
    /// then unmodelled keys read from a file. A valid spec has exactly one.
    /// </summary>
    [JsonIgnore]
    public ImmutableList<string> Types
    {
        get
        {
            var builder = ImmutableList.CreateBuilder<string>();
            foreach (var (key, get) in Members)
            {
                if (get(this) is not null)
                {
                    builder.Add(key);
                }
            }

            if (UnmodelledFields is { Count: > 0 } extra)
            {
                builder.AddRange(extra.Keys.Order(StringComparer.Ordinal));
            }

            return builder.ToImmutable();
        }
    }
}
