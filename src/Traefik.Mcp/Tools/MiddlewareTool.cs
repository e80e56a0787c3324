using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Intents;
using Traefik.Manifests;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Schema;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_middleware: HTTP Middlewares of every Traefik v3 OSS type.</summary>
[McpServerToolType]
public sealed class MiddlewareTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_middleware";

    private static readonly Func<string, string> CircuitBreakerNames = ParameterPaths.Map(
        ("triggerType", "trigger_type"),
        ("latencyQuantile", "latency_quantile"),
        ("checkPeriod", "check_period"),
        ("fallbackDuration", "fallback_duration"),
        ("recoveryDuration", "recovery_duration"),
        ("responseCode", "response_code"));

    /// <summary>Creates (or replaces) or deletes a Middleware and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage Traefik Middleware", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Create (or replace) or delete an HTTP Middleware. middleware_type is one of rate_limit, circuit_breaker, strip_prefix, strip_prefix_regex, redirect_scheme, redirect_regex, inflight_req, headers, ip_allowlist, forward_auth, buffering, replace_path, replace_path_regex, add_prefix, basic_auth, digest_auth, chain, compress, content_type, encoded_characters, errors, grpc_web, pass_tls_client_cert, retry or plugin (every HTTP middleware of Traefik v3 OSS; there is no ip_denylist in v3). Each type has dedicated parameters (named after it, e.g. average/burst/period for rate_limit, trigger_type/threshold/response_code for circuit_breaker, prefixes for strip_prefix); a parameter of another type is an error. spec takes any field of the type in the CRD's own camelCase shape (e.g. {\"sourceCriterion\": {\"requestHost\": true}}); dedicated parameters override it. create replaces the whole spec, so changing the type never leaves two type keys. delete is refused while a route or chain still uses the middleware. Attach it with traefik_manage_route_middlewares. Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("create (or replace) or delete.")] string action,
        [Description("Middleware name (required for delete; for create it defaults to the type with dashes, e.g. rate-limit).")] string? middleware_name = null,
        [Description("Kubernetes namespace.")] string @namespace = "default",
        [Description("The middleware type (create), e.g. rate_limit, circuit_breaker, strip_prefix; the CRD's camelCase key (rateLimit) is accepted too.")] string? middleware_type = null,
        [Description("Traefik version of the manifests; only v3 (traefik.io/v1alpha1) is supported.")] string traefik_version = RouteMiddlewaresTool.SupportedVersion,
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
        return runner.RunAsync(Name, arguments, delivery, () =>
        {
            var act = ToolArguments.Action(action, Name, "create", "delete");
            if (traefik_version != RouteMiddlewaresTool.SupportedVersion)
            {
                throw new ManifestException("traefik_version", $"'{traefik_version}' is not supported: this server writes Traefik v3 manifests (traefik.io/v1alpha1) only and does not produce v2 (traefik.containo.us) output. Use v3.");
            }

            var fingerprint = ToolRunner.Fingerprint(Name, arguments);
            if (act == "delete")
            {
                var target = middleware_name ?? throw new ManifestException("middleware_name", "is required for action=delete.");
                return TrafficIntent.Create($"Delete middleware {target}", fingerprint, @namespace, target, ParameterPaths.Renamed(s => MiddlewareOperations.Delete(s, @namespace, target), ParameterPaths.Map(("name", "middleware_name"))));
            }

            var given = ParameterPaths.Given(arguments);
            var key = MiddlewareTypeCatalog.Resolve(middleware_type);
            if (key == MiddlewareTypes.StripPrefix && given.Contains("regex_patterns"))
            {
                if (given.Contains("prefixes"))
                {
                    throw new ManifestException("regex_patterns", "give either prefixes (stripPrefix) or regex_patterns (stripPrefixRegex), not both.");
                }

                key = MiddlewareTypes.StripPrefixRegex;
            }

            CheckApplicable(key, given);
            var name = middleware_name ?? MiddlewareTypeCatalog.SnakeNames[key].Replace('_', '-');
            var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
            {
                ["average"] = Node(average),
                ["burst"] = Node(burst),
                ["period"] = Node(ArgumentValues.Duration(period)),
                ["response_code"] = Node(response_code),
                ["check_period"] = Node(ArgumentValues.Duration(check_period)),
                ["fallback_duration"] = Node(ArgumentValues.Duration(fallback_duration)),
                ["recovery_duration"] = Node(ArgumentValues.Duration(recovery_duration)),
                ["prefixes"] = Node(prefixes),
                ["regex_patterns"] = Node(regex_patterns),
                ["force_slash"] = Node(force_slash),
                ["scheme"] = Node(scheme),
                ["redirect_port"] = redirect_port is { } port ? JsonValue.Create(port.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null,
                ["redirect_permanent"] = Node(redirect_permanent),
                ["redirect_regex_pattern"] = Node(redirect_regex_pattern),
                ["redirect_regex_replacement"] = Node(redirect_regex_replacement),
                ["inflight_amount"] = Node(inflight_amount),
                ["access_control_allow_origin_list"] = Node(ArgumentValues.SplitEach(access_control_allow_origin_list)),
                ["access_control_allow_origin_list_regex"] = Node(access_control_allow_origin_list_regex),
                ["access_control_allow_methods"] = Node(ArgumentValues.SplitEach(access_control_allow_methods)),
                ["access_control_allow_headers"] = Node(ArgumentValues.SplitEach(access_control_allow_headers)),
                ["access_control_expose_headers"] = Node(ArgumentValues.SplitEach(access_control_expose_headers)),
                ["access_control_allow_credentials"] = Node(access_control_allow_credentials),
                ["access_control_max_age"] = Node(access_control_max_age),
                ["add_vary_header"] = Node(add_vary_header),
                ["headers_custom_request"] = Node(headers_custom_request),
                ["headers_custom_response"] = Node(headers_custom_response),
                ["source_ranges"] = source_ranges is null && source_ranges_csv is null
                    ? null
                    : Node((ArgumentValues.SplitEach(source_ranges) ?? []).Concat(source_ranges_csv is null ? [] : ArgumentValues.Split(source_ranges_csv))),
                ["reject_status_code"] = Node(reject_status_code),
                ["ip_strategy_depth"] = Node(ip_strategy_depth),
                ["ip_strategy_excluded_ips"] = Node(ip_strategy_excluded_ips),
                ["forward_auth_address"] = Node(forward_auth_address),
                ["forward_auth_response_headers"] = Node(forward_auth_response_headers),
                ["forward_auth_response_headers_regex"] = Node(forward_auth_response_headers_regex),
                ["forward_auth_request_headers"] = Node(forward_auth_request_headers),
                ["forward_auth_trust_forward_header"] = forward_auth_trust_forward_header ? JsonValue.Create(true) : null,
                ["max_request_body_bytes"] = Node(max_request_body_bytes),
                ["mem_request_body_bytes"] = Node(mem_request_body_bytes),
                ["max_response_body_bytes"] = Node(max_response_body_bytes),
                ["mem_response_body_bytes"] = Node(mem_response_body_bytes),
                ["retry_expression"] = Node(retry_expression),
                ["replace_path_value"] = Node(replace_path_value),
                ["replace_path_regex_pattern"] = Node(replace_path_regex_pattern),
                ["replace_path_regex_replacement"] = Node(replace_path_regex_replacement),
                ["add_prefix_value"] = Node(add_prefix_value),
                ["auth_secret"] = Node(auth_secret),
                ["auth_realm"] = Node(auth_realm),
                ["auth_remove_header"] = Node(auth_remove_header),
                ["auth_header_field"] = Node(auth_header_field),
                ["chain_middlewares"] = chain_middlewares is null ? null : new JsonArray([.. chain_middlewares.Select(ChainMember)]),
                ["retry_attempts"] = Node(retry_attempts),
                ["retry_initial_interval"] = Node(ArgumentValues.Duration(retry_initial_interval)),
                ["error_status"] = Node(error_status),
                ["error_service"] = Node(error_service),
                ["error_service_port"] = Node(error_service_port),
                ["error_query"] = Node(error_query),
                ["grpc_web_allow_origins"] = Node(grpc_web_allow_origins),
                ["pass_tls_client_cert_pem"] = Node(pass_tls_client_cert_pem),
            };

            var body = Body(key, spec, plugin_name);
            foreach (var (parameter, field) in MiddlewareTypeCatalog.Parameters[key])
            {
                if (field.Length > 0 && values.GetValueOrDefault(parameter) is { } value)
                {
                    Set(body, field, value.DeepClone());
                }
            }

            switch (key)
            {
                case MiddlewareTypes.CircuitBreaker:
                    if (trigger_type is not null || threshold is not null || latency_quantile is not null || expression is not null || body["expression"] is null)
                    {
                        var built = ParameterPaths.Run(
                            () => MiddlewareSpecs.CircuitBreaker(trigger_type, threshold, response_code, ArgumentValues.Duration(check_period), ArgumentValues.Duration(fallback_duration), ArgumentValues.Duration(recovery_duration), latency_quantile, expression),
                            CircuitBreakerNames);
                        body["expression"] = built.CircuitBreaker!.Expression;
                    }

                    break;
                case MiddlewareTypes.RedirectScheme:
                    body["scheme"] ??= "https";
                    body["permanent"] ??= true;
                    break;
                case MiddlewareTypes.ReplacePathRegex:
                    body["replacement"] ??= string.Empty;
                    break;
            }

            var middleware = Parse(key, name, @namespace, body, given);
            var summary = MiddlewareOperations.Describe(middleware.Spec);
            return TrafficIntent.Create(
                $"Set {MiddlewareTypeCatalog.SnakeNames[key]} middleware {name}",
                fingerprint,
                @namespace,
                name,
                ParameterPaths.Renamed(
                    s =>
                    {
                        var result = MiddlewareOperations.Upsert(s, @namespace, name, middleware.Spec);
                        return forward_auth_trust_forward_header && key == MiddlewareTypes.ForwardAuth
                            ? result with { Warnings = result.Warnings.Add("forward_auth_trust_forward_header is true: the auth server receives X-Forwarded-* headers exactly as clients sent them, so a client can claim another IP, host or scheme. Keep it only behind a proxy that overwrites those headers.") }
                            : result;
                    },
                    Rename(key, given)));
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

    /// <summary>The type's object: the spec argument (unwrapped from {crdKey: …}), or the plugin entry.</summary>
    private static JsonObject Body(string key, JsonObject? spec, string? pluginName)
    {
        if (key == MiddlewareTypes.Plugin)
        {
            if (string.IsNullOrWhiteSpace(pluginName))
            {
                throw new ManifestException("plugin_name", "is required for middleware_type=plugin: the plugin name declared in Traefik's static configuration (experimental.plugins); its configuration goes in spec.");
            }

            return new JsonObject { [pluginName] = spec?.DeepClone() ?? new JsonObject() };
        }

        if (spec is null)
        {
            return [];
        }

        return spec.Count == 1 && spec[key] is JsonObject inner ? (JsonObject)inner.DeepClone() : (JsonObject)spec.DeepClone();
    }

    /// <summary>Checks the object against the CRD schema (unknown fields, types) and binds it to the model.</summary>
    private static Middleware Parse(string key, string name, string @namespace, JsonObject body, IReadOnlySet<string> given)
    {
        var json = new JsonObject
        {
            ["apiVersion"] = TraefikApi.Version,
            ["kind"] = TraefikApi.MiddlewareKind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
            ["spec"] = new JsonObject { [key] = body },
        };
        var rename = Rename(key, given);
        var problems = CrdSchema.TraefikV3.Validate(json);
        if (problems.Count > 0)
        {
            throw new ManifestException($"The {MiddlewareTypeCatalog.SnakeNames[key]} middleware {name} does not match the Middleware CRD.", [.. problems.Select(p => p with { Path = rename(p.Path) })]);
        }

        return ParameterPaths.Run(() => (Middleware)ManifestYaml.FromJson(json), rename);
    }

    /// <summary>Library and CRD paths (<c>spec.rateLimit.average</c>) to this tool's parameters (<c>average</c>), or to <c>spec.…</c>.</summary>
    private static Func<string, string> Rename(string key, IReadOnlySet<string> given)
    {
        var fields = MiddlewareTypeCatalog.Parameters[key].Where(p => p.Field.Length > 0).ToList();
        var prefix = $"spec.{key}";
        return path =>
        {
            if (path is "name" or "metadata.name")
            {
                return "middleware_name";
            }

            if (path == "metadata.namespace")
            {
                return "namespace";
            }

            if (path == prefix)
            {
                return "spec";
            }

            if (!path.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return path;
            }

            var rest = path[(prefix.Length + 1)..];
            if (key == MiddlewareTypes.Plugin)
            {
                var dot = rest.IndexOfAny(['.', '[']);
                return dot < 0 ? "spec" : "spec" + rest[dot..];
            }

            var match = fields
                .Where(f => rest == f.Field || (rest.StartsWith(f.Field, StringComparison.Ordinal) && rest[f.Field.Length] is '.' or '['))
                .OrderByDescending(f => f.Field.Length)
                .ThenByDescending(f => given.Contains(f.Parameter))
                .Select(f => ((string Parameter, string Field)?)f)
                .FirstOrDefault();
            return match is { } m && given.Contains(m.Parameter) ? m.Parameter + rest[m.Field.Length..] : "spec." + rest;
        };
    }

    private static JsonObject ChainMember(string member)
    {
        var reference = MiddlewareReferences.FromText(member);
        return reference.Namespace is null
            ? new JsonObject { ["name"] = reference.Name }
            : new JsonObject { ["name"] = reference.Name, ["namespace"] = reference.Namespace };
    }

    private static void Set(JsonObject target, string path, JsonNode value)
    {
        var parts = path.Split('.');
        var current = target;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject next)
            {
                next = [];
                current[part] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }

    private static JsonValue? Node(long? value) => value is { } v ? JsonValue.Create(v) : null;

    private static JsonValue? Node(int? value) => value is { } v ? JsonValue.Create(v) : null;

    private static JsonValue? Node(bool? value) => value is { } v ? JsonValue.Create(v) : null;

    private static JsonValue? Node(string? value) => value is null ? null : JsonValue.Create(value);

    private static JsonValue? Node(IntOrString? value) =>
        value is not { } v ? null : v.Number is { } n ? JsonValue.Create(n) : JsonValue.Create(v.Text);

    private static JsonArray? Node(IEnumerable<string>? values) =>
        values is null ? null : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static JsonObject? Node(Dictionary<string, string>? values) =>
        values is null ? null : new JsonObject(values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
