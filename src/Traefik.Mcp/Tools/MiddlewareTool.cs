using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_middleware: HTTP Middlewares of every Traefik v3 OSS type.</summary>
[McpServerToolType]
public sealed class MiddlewareTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_middleware";

    /// <summary>Creates (or replaces) or deletes a Middleware and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage Traefik Middleware", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Create (or replace) or delete an HTTP Middleware. middleware_type is one of rate_limit, circuit_breaker, strip_prefix, strip_prefix_regex, redirect_scheme, redirect_regex, inflight_req, headers, ip_allowlist, forward_auth, buffering, replace_path, replace_path_regex, add_prefix, basic_auth, digest_auth, chain, compress, content_type, encoded_characters, errors, grpc_web, pass_tls_client_cert, retry or plugin (every HTTP middleware of Traefik v3 OSS; there is no ip_denylist in v3). Each type has dedicated parameters (named after it, e.g. average/burst/period for rate_limit, trigger_type/threshold/response_code for circuit_breaker, prefixes for strip_prefix); a parameter of another type is an error. spec takes any field of the type in the CRD's own camelCase shape (e.g. {\"sourceCriterion\": {\"requestHost\": true}}); dedicated parameters override it. create replaces the whole spec, so changing the type never leaves two type keys. delete is refused while a route or chain still uses the middleware. Attach it with traefik_manage_route_middlewares. Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("create (or replace) or delete.")] string action,
        [Description("Middleware name (required for delete; for create it defaults to the type with dashes, e.g. rate-limit).")] string? middleware_name = null,
        [Description("Kubernetes namespace.")] string @namespace = "default",
        [Description("The middleware type (create), e.g. rate_limit, circuit_breaker, strip_prefix; the CRD's camelCase key (rateLimit) is accepted too.")] string? middleware_type = null,
        [Description("Traefik version of the manifests; only v3 (traefik.io/v1alpha1) is supported.")] string traefik_version = ToolArguments.SupportedVersion,
        [Description("Fields of the type in the CRD's camelCase shape, for anything without a dedicated parameter, e.g. {\"sourceCriterion\": {\"ipStrategy\": {\"depth\": 1}}} for rate_limit, or the plugin's configuration for plugin. {\"<crdKey>\": {...}} is accepted too.")] JsonObject? spec = null,
        [Description("rate_limit: average requests per period (0 means no limit).")] long? average = null,
        [Description("rate_limit: largest burst of requests (Traefik default 1).")] long? burst = null,
        [Description("rate_limit: the period, e.g. 1s or 1m (Traefik default 1s).")] string? period = null,
        [Description("circuit_breaker: error-rate (share of 5xx), latency (milliseconds at a quantile) or network-error (share of network errors).")] string? trigger_type = null,
        [Description("circuit_breaker: a ratio 0 < T <= 1 for error-rate and network-error (0.3 = 30%); whole milliseconds for latency.")] double? threshold = null,
        [Description("circuit_breaker: quantile of the latency trigger, 0-100 (default 99.0).")] double? latency_quantile = null,
        [Description("circuit_breaker: a raw expression instead of trigger_type/threshold, e.g. NetworkErrorRatio() > 0.5 || LatencyAtQuantileMS(50.0) > 100.")] string? expression = null,
        [Description("circuit_breaker: HTTP status answered while open, 100-599 (Traefik default 503; 429 tells proxy rejections apart from backend 503s).")] int? response_code = null,
        [Description("circuit_breaker: interval between evaluations, e.g. 100ms (Traefik default).")] string? check_period = null,
        [Description("circuit_breaker: how long the breaker stays open, e.g. 10s (Traefik default).")] string? fallback_duration = null,
        [Description("circuit_breaker: how long traffic ramps back up after it closes, e.g. 10s (Traefik default).")] string? recovery_duration = null,
        [Description("strip_prefix: path prefixes to remove, e.g. [\"/api\"].")] string[]? prefixes = null,
        [Description("strip_prefix_regex (or strip_prefix instead of prefixes): regular expressions matching the part of the path to remove.")] string[]? regex_patterns = null,
        [Description("strip_prefix: deprecated forceSlash (Traefik v3 ignores it).")] bool? force_slash = null,
        [Description("redirect_scheme: target scheme, https (default) or http.")] string? scheme = null,
        [Description("redirect_scheme: target port.")] int? redirect_port = null,
        [Description("redirect_scheme / redirect_regex: permanent redirect (301/308); default true for redirect_scheme.")] bool? redirect_permanent = null,
        [Description("redirect_regex: regular expression matched against the request URL.")] string? redirect_regex_pattern = null,
        [Description("redirect_regex: replacement URL, may use $1 etc.")] string? redirect_regex_replacement = null,
        [Description("inflight_req: most simultaneous requests.")] long? inflight_amount = null,
        [Description("headers: allowed CORS origins (elements may be comma-separated).")] string[]? access_control_allow_origin_list = null,
        [Description("headers: allowed CORS origins as regular expressions.")] string[]? access_control_allow_origin_list_regex = null,
        [Description("headers: allowed CORS methods, e.g. [\"GET\", \"POST\"].")] string[]? access_control_allow_methods = null,
        [Description("headers: allowed CORS request headers.")] string[]? access_control_allow_headers = null,
        [Description("headers: response headers exposed to CORS clients.")] string[]? access_control_expose_headers = null,
        [Description("headers: allow credentials in CORS requests.")] bool? access_control_allow_credentials = null,
        [Description("headers: seconds a CORS preflight may be cached.")] long? access_control_max_age = null,
        [Description("headers: add Vary: Origin to CORS responses.")] bool? add_vary_header = null,
        [Description("headers: request headers to set (an empty value removes the header).")] Dictionary<string, string>? headers_custom_request = null,
        [Description("headers: response headers to set (an empty value removes the header).")] Dictionary<string, string>? headers_custom_response = null,
        [Description("ip_allowlist: allowed IPs and CIDR ranges, e.g. [\"10.0.0.0/8\"] (elements may be comma-separated).")] string[]? source_ranges = null,
        [Description("ip_allowlist: allowed IPs and CIDR ranges as one comma-separated string.")] string? source_ranges_csv = null,
        [Description("ip_allowlist: status answered to refused clients (Traefik default 403).")] int? reject_status_code = null,
        [Description("ip_allowlist: take the client IP this many entries from the right of X-Forwarded-For.")] int? ip_strategy_depth = null,
        [Description("ip_allowlist: proxy IPs to skip in X-Forwarded-For.")] string[]? ip_strategy_excluded_ips = null,
        [Description("forward_auth: URL of the authentication server.")] string? forward_auth_address = null,
        [Description("forward_auth: headers copied from the auth answer onto the request.")] string[]? forward_auth_response_headers = null,
        [Description("forward_auth: regular expression selecting more answer headers to copy.")] string? forward_auth_response_headers_regex = null,
        [Description("forward_auth: request headers sent to the auth server (default all).")] string[]? forward_auth_request_headers = null,
        [Description("forward_auth: trust X-Forwarded-* headers sent by clients (default false: only enable behind a trusted proxy).")] bool forward_auth_trust_forward_header = false,
        [Description("buffering: largest request body in bytes.")] long? max_request_body_bytes = null,
        [Description("buffering: request body bytes kept in memory before spilling to disk.")] long? mem_request_body_bytes = null,
        [Description("buffering: largest response body in bytes.")] long? max_response_body_bytes = null,
        [Description("buffering: response body bytes kept in memory before spilling to disk.")] long? mem_response_body_bytes = null,
        [Description("buffering: retry expression, e.g. IsNetworkError() && Attempts() < 2.")] string? retry_expression = null,
        [Description("replace_path: the new path, e.g. /foo.")] string? replace_path_value = null,
        [Description("replace_path_regex: regular expression matched against the path, e.g. ^/api/(.*).")] string? replace_path_regex_pattern = null,
        [Description("replace_path_regex: replacement path, e.g. /$1 (default empty).")] string? replace_path_regex_replacement = null,
        [Description("add_prefix: prefix to add, starting with /.")] string? add_prefix_value = null,
        [Description("basic_auth / digest_auth: Secret with the users (same namespace).")] string? auth_secret = null,
        [Description("basic_auth / digest_auth: realm.")] string? auth_realm = null,
        [Description("basic_auth / digest_auth: remove the Authorization header before forwarding.")] bool? auth_remove_header = null,
        [Description("basic_auth / digest_auth: header that receives the authenticated user name.")] string? auth_header_field = null,
        [Description("chain: middlewares in order: name, namespace/name or name@provider.")] string[]? chain_middlewares = null,
        [Description("retry: attempts in all.")] int? retry_attempts = null,
        [Description("retry: wait before the first retry (exponential backoff), e.g. 100ms.")] string? retry_initial_interval = null,
        [Description("errors: status codes or ranges served from the error service, e.g. [\"500-599\"].")] string[]? error_status = null,
        [Description("errors: Kubernetes Service serving the error pages.")] string? error_service = null,
        [Description("errors: port of the error Service.")] int? error_service_port = null,
        [Description("errors: path of the error page, e.g. /{status}.html.")] string? error_query = null,
        [Description("grpc_web: allowed origins (* for any).")] string[]? grpc_web_allow_origins = null,
        [Description("pass_tls_client_cert: pass the client certificate in PEM.")] bool? pass_tls_client_cert_pem = null,
        [Description("plugin: the plugin name declared in Traefik's static configuration (its configuration goes in spec).")] string? plugin_name = null,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, call =>
        {
            var act = call.Action(action, "create", "delete");
            ToolArguments.TraefikVersion(traefik_version);
            if (act == "delete")
            {
                var target = middleware_name ?? throw new ManifestException("middleware_name", "is required for action=delete.");
                return call.Change($"Delete middleware {target}", @namespace, target, Names, s => HttpMiddlewares.Delete(s, @namespace, target));
            }

            var key = MiddlewareTypeCatalog.Resolve(middleware_type);
            CheckApplicable(key, call.Given);
            var name = middleware_name ?? MiddlewareTypeCatalog.SnakeNames[key].Replace('_', '-');
            return call.Change<MiddlewareIntent, MiddlewareOutcome>($"Set {MiddlewareTypeCatalog.SnakeNames[key]} middleware {name}", @namespace, name, Maps[key], (s, intent) =>
            {
                var result = HttpMiddlewares.Upsert(s, @namespace, name, intent);
                return forward_auth_trust_forward_header && key == MiddlewareTypes.ForwardAuth
                    ? result with { Warnings = result.Warnings.Add("forward_auth_trust_forward_header is true: the auth server receives X-Forwarded-* headers exactly as clients sent them, so a client can claim another IP, host or scheme. Keep it only behind a proxy that overwrites those headers.") }
                    : result;
            });
        }, cancellationToken);
    }

    /// <summary>Refuses dedicated parameters of other types, so a misplaced argument is never silently ignored.</summary>
    private static void CheckApplicable(string key, IReadOnlySet<string> given)
    {
        var own = MiddlewareTypeCatalog.Parameters[key].Select(p => p.Parameter).ToHashSet(StringComparer.Ordinal);
        var problems = new ArgumentProblems();
        var type = MiddlewareTypeCatalog.SnakeNames[key];
        foreach (var parameter in given.Where(g => !MiddlewareTypeCatalog.Common.Contains(g) && !own.Contains(g)).Order(StringComparer.Ordinal))
        {
            var owners = MiddlewareTypeCatalog.TypesTaking(parameter).ToList();
            problems.Add(parameter, owners.Count == 0
                ? $"is not a parameter of {Name}."
                : $"applies to middleware_type={string.Join(" or ", owners)}, not {type}; remove it{(own.Count == 0 ? string.Empty : $" ({type} takes {string.Join(", ", own.Order(StringComparer.Ordinal))})")}, or put other {type} fields in spec.");
        }

        problems.ThrowIfAny($"Some arguments do not apply to a {type} middleware.");
    }

    /// <summary>The names every action reports.</summary>
    private static readonly ParameterMap Names = ParameterMap.Of().Naming(("middleware_name", "name"), ("namespace", "namespace"));

    /// <summary>Parameters whose value is written differently in the CRD.</summary>
    private static readonly FrozenDictionary<string, Func<JsonNode, JsonNode?>> Conversions = new Dictionary<string, Func<JsonNode, JsonNode?>>(StringComparer.Ordinal)
    {
        ["period"] = ArgumentValues.Duration,
        ["check_period"] = ArgumentValues.Duration,
        ["fallback_duration"] = ArgumentValues.Duration,
        ["recovery_duration"] = ArgumentValues.Duration,
        ["retry_initial_interval"] = ArgumentValues.Duration,
        ["redirect_port"] = value => JsonValue.Create(value.ToJsonString()),
        ["access_control_allow_origin_list"] = SplitEach,
        ["access_control_allow_methods"] = SplitEach,
        ["access_control_allow_headers"] = SplitEach,
        ["access_control_expose_headers"] = SplitEach,
        ["source_ranges"] = SplitEach,
        ["source_ranges_csv"] = value => new JsonArray([.. ArgumentValues.Split(value.GetValue<string>()).Select(v => (JsonNode?)JsonValue.Create(v))]),
        ["forward_auth_trust_forward_header"] = value => value.GetValue<bool>() ? value.DeepClone() : null,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Parameters ↔ <see cref="MiddlewareIntent"/> for each type: <c>spec</c> gives the type's fields in the CRD's shape,
    /// and each dedicated parameter of the type (<see cref="MiddlewareTypeCatalog.Parameters"/>) sets one of them, or the
    /// intent's trigger, chain or plugin.
    /// </summary>
    private static readonly FrozenDictionary<string, ParameterMap> Maps = MiddlewareTypeCatalog.Parameters.ToFrozenDictionary(
        type => type.Key,
        type => type.Value.Aggregate(
            Names
                .With(new ParameterRow("middleware_type", "type") { Convert = value => MiddlewareTypeCatalog.Resolve(value.GetValue<string>()) })
                .With(new ParameterRow("spec", "fields") { Convert = value => Unwrapped(type.Key, value) }),
            (map, row) => map.With(new ParameterRow(row.Parameter, row.Path) { Convert = Conversions.GetValueOrDefault(row.Parameter) }))
            .Wording((type.Key, MiddlewareTypeCatalog.SnakeNames[type.Key])),
        StringComparer.Ordinal);

    /// <summary>The spec argument's fields, unwrapped from <c>{"&lt;crdKey&gt;": {…}}</c> so dedicated parameters join them.</summary>
    private static JsonNode Unwrapped(string key, JsonNode spec) =>
        key != MiddlewareTypes.Plugin && spec is JsonObject { Count: 1 } wrapped && wrapped[key] is JsonObject inner ? inner.DeepClone() : spec;

    /// <summary>Each element split on commas (<c>["a, b", "c"]</c> is <c>[a, b, c]</c>).</summary>
    private static JsonNode? SplitEach(JsonNode value) =>
        value is JsonArray list
            ? new JsonArray([.. list.SelectMany(item => ArgumentValues.Split(item?.GetValue<string>() ?? string.Empty)).Select(v => (JsonNode?)JsonValue.Create(v))])
            : value.DeepClone();
}
