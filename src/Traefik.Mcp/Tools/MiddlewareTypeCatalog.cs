using System.Collections.Frozen;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>
/// The HTTP middleware types <c>traefik_manage_middleware</c> accepts: the tool's snake_case names (the
/// seed and anchor spellings, for example <c>rate_limit</c>, <c>inflight_req</c>, <c>ip_allowlist</c>),
/// the CRD key each maps to, and the dedicated parameters of each type with the CRD field each one sets.
/// </summary>
internal static class MiddlewareTypeCatalog
{
    /// <summary>Parameters every type accepts.</summary>
    public static readonly FrozenSet<string> Common = FrozenSet.ToFrozenSet(
        ["action", "middleware_name", "namespace", "middleware_type", "traefik_version", "spec", "delivery"], StringComparer.Ordinal);

    /// <summary>The tool's name for each CRD key, in the order of <see cref="MiddlewareTypes.All"/>.</summary>
    public static readonly FrozenDictionary<string, string> SnakeNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MiddlewareTypes.AddPrefix] = "add_prefix",
        [MiddlewareTypes.BasicAuth] = "basic_auth",
        [MiddlewareTypes.Buffering] = "buffering",
        [MiddlewareTypes.Chain] = "chain",
        [MiddlewareTypes.CircuitBreaker] = "circuit_breaker",
        [MiddlewareTypes.Compress] = "compress",
        [MiddlewareTypes.ContentType] = "content_type",
        [MiddlewareTypes.DigestAuth] = "digest_auth",
        [MiddlewareTypes.EncodedCharacters] = "encoded_characters",
        [MiddlewareTypes.Errors] = "errors",
        [MiddlewareTypes.ForwardAuth] = "forward_auth",
        [MiddlewareTypes.GrpcWeb] = "grpc_web",
        [MiddlewareTypes.Headers] = "headers",
        [MiddlewareTypes.InFlightReq] = "inflight_req",
        [MiddlewareTypes.IpAllowList] = "ip_allowlist",
        [MiddlewareTypes.PassTlsClientCert] = "pass_tls_client_cert",
        [MiddlewareTypes.Plugin] = "plugin",
        [MiddlewareTypes.RateLimit] = "rate_limit",
        [MiddlewareTypes.RedirectRegex] = "redirect_regex",
        [MiddlewareTypes.RedirectScheme] = "redirect_scheme",
        [MiddlewareTypes.ReplacePath] = "replace_path",
        [MiddlewareTypes.ReplacePathRegex] = "replace_path_regex",
        [MiddlewareTypes.Retry] = "retry",
        [MiddlewareTypes.StripPrefix] = "strip_prefix",
        [MiddlewareTypes.StripPrefixRegex] = "strip_prefix_regex",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The dedicated parameters of each CRD key and where each one goes in a <see cref="MiddlewareIntent"/>: a field of the
    /// type (<c>fields.average</c>, a dotted path under the type's object), or the intent's trigger, chain or plugin.
    /// </summary>
    public static readonly FrozenDictionary<string, (string Parameter, string Path)[]> Parameters = new Dictionary<string, (string, string)[]>(StringComparer.Ordinal)
    {
        [MiddlewareTypes.AddPrefix] = Fields(("add_prefix_value", "prefix")),
        [MiddlewareTypes.BasicAuth] = Auth(),
        [MiddlewareTypes.Buffering] = Fields(
            ("max_request_body_bytes", "maxRequestBodyBytes"), ("mem_request_body_bytes", "memRequestBodyBytes"),
            ("max_response_body_bytes", "maxResponseBodyBytes"), ("mem_response_body_bytes", "memResponseBodyBytes"),
            ("retry_expression", "retryExpression")),
        [MiddlewareTypes.Chain] = [("chain_middlewares", "chain")],
        [MiddlewareTypes.CircuitBreaker] =
        [
            ("trigger_type", "trigger.type"), ("threshold", "trigger.threshold"), ("latency_quantile", "trigger.latencyQuantile"),
            .. Fields(("expression", "expression"), ("response_code", "responseCode"), ("check_period", "checkPeriod"), ("fallback_duration", "fallbackDuration"), ("recovery_duration", "recoveryDuration")),
        ],
        [MiddlewareTypes.Compress] = [],
        [MiddlewareTypes.ContentType] = [],
        [MiddlewareTypes.DigestAuth] = Auth(),
        [MiddlewareTypes.EncodedCharacters] = [],
        [MiddlewareTypes.Errors] = Fields(("error_status", "status"), ("error_service", "service.name"), ("error_service_port", "service.port"), ("error_query", "query")),
        [MiddlewareTypes.ForwardAuth] = Fields(
            ("forward_auth_address", "address"), ("forward_auth_response_headers", "authResponseHeaders"),
            ("forward_auth_response_headers_regex", "authResponseHeadersRegex"), ("forward_auth_request_headers", "authRequestHeaders"),
            ("forward_auth_trust_forward_header", "trustForwardHeader")),
        [MiddlewareTypes.GrpcWeb] = Fields(("grpc_web_allow_origins", "allowOrigins")),
        [MiddlewareTypes.Headers] = Fields(
            ("access_control_allow_origin_list", "accessControlAllowOriginList"),
            ("access_control_allow_origin_list_regex", "accessControlAllowOriginListRegex"),
            ("access_control_allow_methods", "accessControlAllowMethods"),
            ("access_control_allow_headers", "accessControlAllowHeaders"),
            ("access_control_expose_headers", "accessControlExposeHeaders"),
            ("access_control_allow_credentials", "accessControlAllowCredentials"),
            ("access_control_max_age", "accessControlMaxAge"),
            ("add_vary_header", "addVaryHeader"),
            ("headers_custom_request", "customRequestHeaders"),
            ("headers_custom_response", "customResponseHeaders")),
        [MiddlewareTypes.InFlightReq] = Fields(("inflight_amount", "amount")),
        [MiddlewareTypes.IpAllowList] = Fields(
            ("source_ranges", "sourceRange"), ("source_ranges_csv", "sourceRange"), ("reject_status_code", "rejectStatusCode"),
            ("ip_strategy_depth", "ipStrategy.depth"), ("ip_strategy_excluded_ips", "ipStrategy.excludedIPs")),
        [MiddlewareTypes.PassTlsClientCert] = Fields(("pass_tls_client_cert_pem", "pem")),
        [MiddlewareTypes.Plugin] = [("plugin_name", "plugin")],
        [MiddlewareTypes.RateLimit] = Fields(("average", "average"), ("burst", "burst"), ("period", "period")),
        [MiddlewareTypes.RedirectRegex] = Fields(("redirect_regex_pattern", "regex"), ("redirect_regex_replacement", "replacement"), ("redirect_permanent", "permanent")),
        [MiddlewareTypes.RedirectScheme] = Fields(("scheme", "scheme"), ("redirect_port", "port"), ("redirect_permanent", "permanent")),
        [MiddlewareTypes.ReplacePath] = Fields(("replace_path_value", "path")),
        [MiddlewareTypes.ReplacePathRegex] = Fields(("replace_path_regex_pattern", "regex"), ("replace_path_regex_replacement", "replacement")),
        [MiddlewareTypes.Retry] = Fields(("retry_attempts", "attempts"), ("retry_initial_interval", "initialInterval")),
        [MiddlewareTypes.StripPrefix] = Fields(("prefixes", "prefixes"), ("force_slash", "forceSlash"), ("regex_patterns", "regex")),
        [MiddlewareTypes.StripPrefixRegex] = Fields(("regex_patterns", "regex")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> ByNormalizedName =
        SnakeNames.SelectMany(p => new[] { (Normalize(p.Key), p.Key), (Normalize(p.Value), p.Key) })
            .DistinctBy(p => p.Item1)
            .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>The CRD key for a type named the tool's way (<c>rate_limit</c>) or the CRD's (<c>rateLimit</c>), any case.</summary>
    /// <exception cref="ManifestException">The name is not an HTTP middleware type of Traefik v3 OSS; the message says what to use.</exception>
    public static string Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ManifestException("middleware_type", $"is required for action=create: one of {string.Join(", ", SnakeNames.Values.Order(StringComparer.Ordinal))}.");
        }

        var normalized = Normalize(name);
        if (ByNormalizedName.TryGetValue(normalized, out var key))
        {
            return key;
        }

        throw new ManifestException("middleware_type", normalized switch
        {
            "ipdenylist" or "ipblacklist" or "ipblocklist" => $"'{name}' does not exist in Traefik OSS v3: the v3 Middleware CRD has no ipDenyList, only ipAllowList. Use ip_allowlist with the ranges that may connect (everything else is refused), or a deny-list plugin with middleware_type=plugin.",
            "ipwhitelist" => $"'{name}' is the deprecated Traefik v2 name; use ip_allowlist (same fields).",
            _ => $"'{name}' is not an HTTP middleware type of Traefik v3; use one of {string.Join(", ", SnakeNames.Values.Order(StringComparer.Ordinal))}.",
        });
    }

    /// <summary>The types whose dedicated parameters include <paramref name="parameter"/>, by their tool names.</summary>
    public static IEnumerable<string> TypesTaking(string parameter) =>
        Parameters.Where(p => p.Value.Any(x => x.Parameter == parameter)).Select(p => SnakeNames[p.Key]).Order(StringComparer.Ordinal);

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant)]);

    private static (string, string)[] Auth() =>
        Fields(("auth_secret", "secret"), ("auth_realm", "realm"), ("auth_remove_header", "removeHeader"), ("auth_header_field", "headerField"));

    private static (string, string)[] Fields(params (string Parameter, string Field)[] fields) =>
        [.. fields.Select(f => (f.Parameter, "fields." + f.Field))];
}
