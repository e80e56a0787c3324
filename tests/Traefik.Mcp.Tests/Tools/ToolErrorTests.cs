using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>
/// Bad input is a tool error (isError, no structured content) whose message names each argument to fix
/// and says how; nothing is written, committed or branched, even with worktree delivery.
/// </summary>
public sealed class ToolErrorTests : McpTestBase
{
    [Theory]
    [InlineData("traefik_manage_middleware", "{\"action\": \"create\", \"middleware_type\": \"rate_limit\", \"average\": \"lots\", \"middleware_nmae\": \"x\", \"burst\": 1.5}", "The arguments of traefik_manage_middleware do not match its input schema.\n- average: must be an integer, not the string \"lots\".\n- burst: must be an integer, not the number 1.5.\n- middleware_nmae: is not a parameter here; did you mean middleware_name or middleware_type?")]
    [InlineData("traefik_manage_simple_route", "{\"action\": \"create\", \"route_name\": \"r\", \"entry_points\": \"web\", \"routes\": [{\"match\": \"Host(`a.example.com`)\", \"service_name\": \"s\", \"service_port\": \"eighty\", \"servce\": \"x\"}]}", "The arguments of traefik_manage_simple_route do not match its input schema.\n- entry_points: must be a list, not the string \"web\".\n- routes[0].service_port: must be an integer, not the string \"eighty\".\n- routes[0].servce: is not a parameter here; did you mean services?")]
    [InlineData("traefik_manage_simple_route", "{\"action\": \"create\", \"route_name\": \"hello-preview\", \"routes\": [{\"match\": \"Host(`a.com`) || PathPrefix(`/x\", \"service_name\": \"Bad_Name\", \"service_port\": 70000}, {\"service_name\": \"s\"}, {\"match\": \"Path(`/x`)\"}]}", "The route hello-preview is not valid.\n- routes[0].match: a closing backtick is missing at position 29 (near \"`/x\").\n- routes[0].service_name: \"Bad_Name\" is not a valid Service name: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).\n- routes[0].service_port: 70000 is not a valid port: use a number from 1 to 65535 or the port's name.\n- routes[1].match: a rule is required, for example Host(`app.example.com`) && PathPrefix(`/api`).\n- routes[2].service_name: give at least one Service.")]
    [InlineData("traefik_manage_simple_route", "{\"action\": \"create\", \"route_name\": \"hello-preview\"}", "routes: action=create requires at least one rule, e.g. [{\"match\": \"Host(`app.example.com`)\", \"service_name\": \"app\", \"service_port\": 80}].")]
    [InlineData("traefik_manage_simple_route", "{\"action\": \"upsert\", \"route_name\": \"hello-preview\"}", "action: traefik_manage_simple_route takes action create or delete, not 'upsert'.")]
    [InlineData("traefik_manage_route_middlewares", "{\"action\": \"attach\", \"route_name\": \"api-service-route\", \"middleware_names\": [\"api-strip\"], \"traefik_version\": \"v2\"}", "traefik_version: 'v2' is not supported: this server writes Traefik v3 manifests (traefik.io/v1alpha1) only and does not produce v2 (traefik.containo.us) output. Use v3.")]
    [InlineData("traefik_manage_route_middlewares", "{\"action\": \"attach\", \"route_name\": \"api-service-route\", \"namespace\": \"production\", \"middleware_names\": [\"api-strip\"]}", "route_name: IngressRoute production/api-service-route does not exist; there are no IngressRoutes in production.")]
    [InlineData("traefik_manage_servers_transport", "{\"action\": \"create\", \"name\": \"t\", \"dial_timeout\": \"5 seconds\", \"root_cas\": [{\"secret\": \"a\", \"config_map\": \"b\"}], \"min_version\": \"TLS1.2\"}", "The ServersTransport t is not valid.\n- root_cas[0]: sets both secret and config_map; give one (the CRD rejects both: RootCA cannot have both Secret and ConfigMap defined).\n- dial_timeout: \"5 seconds\" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.\n- min_version: \"TLS1.2\" is not a TLS version Traefik knows; use VersionTLS10, VersionTLS11, VersionTLS12 or VersionTLS13.\n- min_version: needs max_version too: Traefik v3.7.9 compares min_version with an unset max_version and rejects the transport's TLS settings (falling back to its defaults, without server_name, root_cas or client certificates). Add max_version: VersionTLS13.")]
    [InlineData("traefik_manage_servers_transport", "{\"action\": \"link\", \"name\": \"missing-transport\", \"service_names\": [\"hello-world\"]}", "name: ServersTransport default/missing-transport does not exist; create it first.")]
    [InlineData("traefik_configure_service_affinity", "{\"action\": \"enable\", \"service_name\": \"hello-world\", \"cookie_samesite\": \"sometimes\", \"cookie_name\": \"bad name\"}", "Cannot enable sticky sessions for Service hello-world.\n- cookie_name: \"bad name\" is not a valid cookie name: use letters, digits and !#$%&'*+-.^_`|~ (an RFC 6265 token, no spaces or separators).\n- cookie_samesite: \"sometimes\" is not a SameSite value; use none, lax or strict.")]
    [InlineData("traefik_manage_tcp_routing", "{\"action\": \"create\", \"route_name\": \"pg\", \"service_name\": \"postgres\"}", "The TCP route pg is not valid.\n- entry_points: give at least one entry point, declared in Traefik's static configuration for this protocol (for example postgres). There is no default: without entry points the route would listen on every entry point, web and websecure included.\n- service_port: is required: the Service port number or name, e.g. 5432.")]
    [InlineData("traefik_manage_tcp_routing", "{\"action\": \"create\", \"route_name\": \"pg\", \"service_name\": \"postgres\", \"service_port\": 5432, \"entry_points\": [\"postgres\"], \"sni_match\": \"db.example.com\"}", "The TCP route pg is not valid.\n- sni_match: HostSNI(`db.example.com`) needs TLS: clients send the server name (SNI) only in a TLS handshake, so Traefik can match a host name on TLS routes only. Set tls_passthrough (the backend terminates TLS), tls_secret_name or cert_resolver (Traefik terminates TLS), or use \"*\" to take every connection.")]
    [InlineData("traefik_configure_tcp_middleware", "{\"middleware_name\": \"allow\", \"source_ranges\": \"[\\\"10.0.0.0/8\\\", 5]\"}", "source_ranges[1]: must be a string, not a JSON number.")]
    [InlineData("traefik_configure_tcp_middleware", "{\"middleware_name\": \"allow\", \"source_ranges\": [\"10.0.0.300/8\"]}", "The MiddlewareTCP allow is not valid.\n- source_ranges[0]: \"10.0.0.300/8\" is not an IP address or CIDR range: the number 300 is above 255; write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.")]
    [InlineData("traefik_configure_tcp_middleware", "{\"middleware_name\": \"allow\", \"middleware_type\": \"in_flight_conn\", \"source_ranges\": [\"10.0.0.0/8\"]}", "source_ranges: applies to middleware_type=ip_allowlist, not in_flight_conn; remove it (or create a second middleware).")]
    [InlineData("traefik_manage_middleware", "{\"action\": \"create\", \"middleware_type\": \"ip_denylist\", \"source_ranges\": [\"10.0.0.0/8\"]}", "middleware_type: 'ip_denylist' does not exist in Traefik OSS v3: the v3 Middleware CRD has no ipDenyList, only ipAllowList. Use ip_allowlist with the ranges that may connect (everything else is refused), or a deny-list plugin with middleware_type=plugin.")]
    [InlineData("traefik_manage_middleware", "{\"action\": \"create\", \"middleware_type\": \"circuit_breaker\", \"trigger_type\": \"error-rate\", \"threshold\": 0.3, \"prefixes\": [\"/api\"], \"average\": 5}", "Some arguments do not apply to a circuit_breaker middleware.\n- average: applies to middleware_type=rate_limit, not circuit_breaker; remove it (circuit_breaker takes check_period, expression, fallback_duration, latency_quantile, recovery_duration, response_code, threshold, trigger_type), or put other circuit_breaker fields in spec.\n- prefixes: applies to middleware_type=strip_prefix, not circuit_breaker; remove it (circuit_breaker takes check_period, expression, fallback_duration, latency_quantile, recovery_duration, response_code, threshold, trigger_type), or put other circuit_breaker fields in spec.")]
    [InlineData("traefik_manage_middleware", "{\"action\": \"create\", \"middleware_type\": \"rate_limit\", \"average\": 100, \"spec\": {\"sourceCriterion\": {\"requestHots\": true}}}", "The rate_limit middleware rate-limit does not match the Middleware CRD.\n- spec.sourceCriterion.requestHots: is not a field of this kind in the CRD schema; Kubernetes would drop it.")]
    [InlineData("traefik_manage_middleware", "{\"action\": \"create\", \"middleware_type\": \"circuit_breaker\", \"trigger_type\": \"error-rate\", \"threshold\": 3, \"check_period\": \"soon\"}", "The circuit breaker arguments are not valid.\n- threshold: 3 would never trip: ResponseCodeRatio(500, 600, 0, 600) is a ratio between 0 and 1. Use 0.03 for 3%.\n- check_period: \"soon\" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.")]
    [InlineData("traefik_manage_middleware", "{\"action\": \"create\", \"middleware_type\": \"forward_auth\", \"forward_auth_address\": \"ftp://auth.example.com\"}", "Cannot write Middleware default/forward-auth.\n- forward_auth_address: \"ftp://auth.example.com\" is not an absolute http:// or https:// URL, for example https://auth.example.com/verify.")]
    [InlineData("traefik_manage_middleware", "{\"action\": \"create\", \"middleware_type\": \"add_prefix\", \"add_prefix_value\": \"api\"}", "The add_prefix middleware add-prefix does not match the Middleware CRD.\n- add_prefix_value: must start with a '/'.")]
    public async Task Call_BadInput_ToolErrorNamingTheArgumentsAndNothingWritten(string tool, string arguments, string message)
    {
        var head = Git("rev-parse", "HEAD");

        var error = await ErrorAsync(tool, arguments);

        Assert.Equal(message, error);
        AssertNothingWritten(head);
    }

    [Fact]
    public async Task WeightedRouting_RuleInjectionInHostname_RefusedAsInvalidHost()
    {
        var head = Git("rev-parse", "HEAD");

        var error = await ErrorAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "r", "hostname": "a.example.com`) || PathPrefix(`/", "stable_service": "s"}
            """);

        Assert.Contains("\"a.example.com`) || PathPrefix(`/\" is not a valid host name", error, StringComparison.Ordinal);
        AssertNothingWritten(head);
    }

    [Fact]
    public async Task Middleware_DeleteWhileAttached_RefusedListingTheRoute()
    {
        Assert.Equal("delivered", (await ProposeAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "strip_prefix", "middleware_name": "api-strip", "prefixes": ["/api"]}
            """))["status"]!.GetValue<string>());
        Assert.Equal("delivered", (await ProposeAsync("traefik_manage_simple_route", """
            {"action": "create", "route_name": "api", "routes": [{"match": "Host(`api.example.com`)", "service_name": "api", "service_port": 80, "middlewares": ["api-strip"]}]}
            """))["status"]!.GetValue<string>());
        var before = Git("status", "--porcelain");

        var error = await ErrorAsync("traefik_manage_middleware", """
            {"action": "delete", "middleware_name": "api-strip"}
            """);

        Assert.Equal(
            "Cannot delete Middleware default/api-strip: 1 reference still uses it, and Traefik disables a router whose middleware is missing. Detach it first.\n- IngressRoute default/api spec.routes[0].middlewares[0]: references Middleware default/api-strip.",
            error);
        Assert.Equal(before, Git("status", "--porcelain"));
    }

    [Fact]
    public async Task DeliverProposal_UnknownId_ToolError()
    {
        var error = await ErrorAsync("traefik_deliver_proposal", """
            {"proposal_id": "0123456789abcdef"}
            """);

        Assert.Equal("No proposal with id '0123456789abcdef' was found. Run the tool again to get a proposal, then deliver it by the id it returns.", error);
    }

    private void AssertNothingWritten(string head)
    {
        Assert.Equal(string.Empty, Git("status", "--porcelain", "--untracked-files=all"));
        Assert.Equal("main", Git("branch", "--format=%(refname:short)").Trim());
        Assert.Equal(head, Git("rev-parse", "HEAD"));
    }
}
