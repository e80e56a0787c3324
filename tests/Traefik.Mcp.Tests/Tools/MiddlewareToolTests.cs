using Snapshooter;
using Snapshooter.Xunit;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_manage_middleware beyond the seed steps: every Traefik v3 type, spec overrides, anchor compatibility.</summary>
public sealed class MiddlewareToolTests : McpTestBase
{
    private const string Tool = "traefik_manage_middleware";

    [Theory]
    [InlineData("add_prefix", """{"add_prefix_value": "/api"}""")]
    [InlineData("basic_auth", """{"auth_secret": "checkout-users", "auth_realm": "checkout", "auth_remove_header": true}""")]
    [InlineData("buffering", """{"max_request_body_bytes": 2000000, "mem_request_body_bytes": 1000000, "retry_expression": "IsNetworkError() && Attempts() < 2"}""")]
    [InlineData("chain", """{"chain_middlewares": ["security-headers@file", "auth@file"]}""")]
    [InlineData("circuit_breaker", """{"trigger_type": "latency", "threshold": 250, "latency_quantile": 95, "check_period": "1s", "fallback_duration": "30s", "recovery_duration": "15s"}""")]
    [InlineData("compress", """{"spec": {"minResponseBodyBytes": 1024}}""")]
    [InlineData("content_type", "{}")]
    [InlineData("digest_auth", """{"auth_secret": "digest-users"}""")]
    [InlineData("encoded_characters", """{"spec": {"allowEncodedSlash": true}}""")]
    [InlineData("errors", """{"error_status": ["500-599"], "error_service": "error-pages", "error_service_port": 80, "error_query": "/{status}.html"}""")]
    [InlineData("forward_auth", """{"forward_auth_address": "https://auth.example.com/verify", "forward_auth_response_headers": ["X-User"], "forward_auth_request_headers": ["Cookie"]}""")]
    [InlineData("grpc_web", """{"grpc_web_allow_origins": ["*"]}""")]
    [InlineData("headers", """{"access_control_allow_origin_list": ["https://a.example.com, https://b.example.com"], "access_control_allow_methods": ["GET,POST"], "access_control_max_age": 600, "add_vary_header": true, "headers_custom_request": {"X-Env": "prod"}, "headers_custom_response": {"Server": ""}}""")]
    [InlineData("inflight_req", """{"inflight_amount": 10}""")]
    [InlineData("ip_allowlist", """{"source_ranges": ["10.0.0.0/8"], "source_ranges_csv": "192.168.0.0/16, 172.16.0.0/12", "ip_strategy_depth": 1}""")]
    [InlineData("pass_tls_client_cert", """{"pass_tls_client_cert_pem": true}""")]
    [InlineData("plugin", """{"plugin_name": "demo", "spec": {"headers": {"X-Demo": "1"}}}""")]
    [InlineData("rate_limit", """{"average": 100, "burst": 200, "period": "1m"}""")]
    [InlineData("redirect_regex", """{"redirect_regex_pattern": "^http://old.example.com/(.*)", "redirect_regex_replacement": "https://new.example.com/${1}"}""")]
    [InlineData("redirect_scheme", "{}")]
    [InlineData("replace_path", """{"replace_path_value": "/foo"}""")]
    [InlineData("replace_path_regex", """{"replace_path_regex_pattern": "^/api/(.*)", "replace_path_regex_replacement": "/$1"}""")]
    [InlineData("retry", """{"retry_attempts": 3, "retry_initial_interval": "100ms"}""")]
    [InlineData("strip_prefix", """{"prefixes": ["/api"]}""")]
    [InlineData("strip_prefix_regex", """{"regex_patterns": ["^/[a-z]+"]}""")]
    public async Task Create_EveryType_WritesAValidMiddlewareNamedAfterTheType(string type, string parameters)
    {
        var arguments = System.Text.Json.Nodes.JsonNode.Parse(parameters)!.AsObject();
        arguments["action"] = "create";
        arguments["middleware_type"] = type;

        var proposal = await ProposeAsync(Tool, arguments.ToJsonString());

        AssertDelivered(proposal);
        var name = type.Replace('_', '-');
        Assert.Equal([$"created Middleware default/{name}"], Changes(proposal));
        var middleware = Find<Middleware>(AssertWorktreeValid(), TraefikApi.MiddlewareKind, "default", name);
        Assert.Equal(proposal["outcome"]!["type"]!.GetValue<string>(), Assert.Single(middleware.Spec.Types));
        Snapshot.Match(File.ReadAllText(Path.Combine(Work, "traefik", "default", name, $"middleware-{name}.yaml")), new SnapshotNameExtension(type));
    }

    [Fact]
    public void Catalog_EveryLibraryType_HasAToolName()
    {
        Assert.Equal(MiddlewareTypes.All.Order(StringComparer.Ordinal), Traefik.Mcp.Tools.MiddlewareTypeCatalog.SnakeNames.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(MiddlewareTypes.All.Order(StringComparer.Ordinal), Traefik.Mcp.Tools.MiddlewareTypeCatalog.Parameters.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_SpecAndDedicatedParameters_DedicatedOverrideSpec()
    {
        var proposal = await ProposeAsync(Tool, """
            {"action": "create", "middleware_type": "rateLimit", "middleware_name": "per-host", "average": 100,
             "spec": {"rateLimit": {"average": 5, "burst": 50, "sourceCriterion": {"requestHost": true}}}}
            """);

        AssertDelivered(proposal);
        var limit = Find<Middleware>(AssertWorktreeValid(), TraefikApi.MiddlewareKind, "default", "per-host").Spec.RateLimit!;
        Assert.Equal((100L, 50L, true), (limit.Average, limit.Burst, limit.SourceCriterion!.RequestHost));
    }

    [Fact]
    public async Task Create_ForwardAuth_TrustForwardHeaderOnlyWhenAskedAndThenWarned()
    {
        await ProposeAsync(Tool, """
            {"action": "create", "middleware_type": "forward_auth", "middleware_name": "auth", "forward_auth_address": "https://auth.example.com/verify"}
            """);
        var file = Path.Combine(Work, "traefik", "default", "auth", "middleware-auth.yaml");
        Assert.DoesNotContain("trustForwardHeader", File.ReadAllText(file), StringComparison.Ordinal);

        var trusted = await ProposeAsync(Tool, """
            {"action": "create", "middleware_type": "forward_auth", "middleware_name": "auth", "forward_auth_address": "https://auth.example.com/verify", "forward_auth_trust_forward_header": true}
            """);

        Assert.Contains("trustForwardHeader: true", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Contains(Warnings(trusted), w => w.StartsWith("forward_auth_trust_forward_header is true", StringComparison.Ordinal));
        AssertWorktreeValid();
    }

    [Fact]
    public async Task Create_StripPrefixWithRegexPatterns_WritesStripPrefixRegex()
    {
        var proposal = await ProposeAsync(Tool, """
            {"action": "create", "middleware_type": "strip_prefix", "middleware_name": "strip-version", "regex_patterns": ["^/v[0-9]+"]}
            """);

        Assert.Equal("stripPrefixRegex", proposal["outcome"]!["type"]!.GetValue<string>());
        var spec = Find<Middleware>(AssertWorktreeValid(), TraefikApi.MiddlewareKind, "default", "strip-version").Spec;
        Assert.Equal(["^/v[0-9]+"], spec.StripPrefixRegex!.Regex!);
    }

    [Fact]
    public async Task Create_ChangingTheType_ReplacesTheWholeSpec()
    {
        await ProposeAsync(Tool, """
            {"action": "create", "middleware_type": "rate_limit", "middleware_name": "edge", "average": 100}
            """);

        var replaced = await ProposeAsync(Tool, """
            {"action": "create", "middleware_type": "inflight_req", "middleware_name": "edge", "inflight_amount": 20}
            """);

        Assert.Equal(("replaced", "inFlightReq", "rateLimit"), (replaced["outcome"]!["change"]!.GetValue<string>(), replaced["outcome"]!["type"]!.GetValue<string>(), replaced["outcome"]!["previous_type"]!.GetValue<string>()));
        var spec = Find<Middleware>(AssertWorktreeValid(), TraefikApi.MiddlewareKind, "default", "edge").Spec;
        Assert.Equal(["inFlightReq"], spec.Types);
    }

    [Fact]
    public async Task Delete_Unused_RemovesTheMiddleware()
    {
        await ProposeAsync(Tool, """
            {"action": "create", "middleware_type": "compress"}
            """);

        var deleted = await ProposeAsync(Tool, """
            {"action": "delete", "middleware_name": "compress"}
            """);

        AssertDelivered(deleted);
        Assert.Equal(["deleted Middleware default/compress"], Changes(deleted));
        Assert.Empty(AssertWorktreeValid());
    }
}
