using Snapshooter.Xunit;
using Traefik.Manifests.Model;
using Traefik.Manifests.Transports;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>traefik_manage_servers_transport: every option, and the links that make a transport apply.</summary>
public sealed class ServersTransportToolTests : McpTestBase
{
    private const string Tool = "traefik_manage_servers_transport";

    [Fact]
    public async Task Create_EveryOption_WritesTheFullSpec()
    {
        var proposal = await ProposeAsync(Tool, """
            {"action": "create", "name": "mtls-backend", "namespace": "production",
             "dial_timeout": "5s", "response_header_timeout": "60s", "idle_conn_timeout": "90s", "read_idle_timeout": "30s", "ping_timeout": "15s",
             "server_name": "backend.internal.example.com", "root_cas": [{"secret": "backend-ca"}, {"config_map": "extra-ca"}],
             "certificates_secrets": ["traefik-client-cert"], "max_idle_conns_per_host": 16, "disable_http2": true,
             "peer_cert_uri": "spiffe://example.org/backend", "cipher_suites": ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"],
             "min_version": "VersionTLS12", "max_version": "VersionTLS13"}
            """);

        AssertDelivered(proposal);
        Assert.Equal(["created ServersTransport production/mtls-backend"], Changes(proposal));
        Find<ServersTransport>(AssertWorktreeValid(), TraefikApi.ServersTransportKind, "production", "mtls-backend");
        Snapshot.Match(File.ReadAllText(Path.Combine(Work, "traefik", "production", "mtls-backend", "serverstransport-mtls-backend.yaml")));
    }

    [Fact]
    public async Task Create_WithServiceNames_LinksTheRoutesInTheSameProposal()
    {
        await ProposeAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "app", "hostname": "app.example.com", "stable_service": "app-stable", "canary_service": "app-canary", "stable_weight": 90, "canary_weight": 10}
            """);

        var proposal = await ProposeAsync(Tool, """
            {"action": "create", "name": "https-backend", "server_name": "app.internal", "root_cas": [{"secret": "app-ca"}], "service_names": ["app-stable", "app-canary"]}
            """);

        AssertDelivered(proposal);
        Assert.Equal(["created ServersTransport default/https-backend", "updated TraefikService default/app-wrr"], Changes(proposal));
        Assert.DoesNotContain(Warnings(proposal), w => w.Contains("not used by any route", StringComparison.Ordinal));
        var wrr = Find<TraefikService>(AssertWorktreeValid(), TraefikApi.TraefikServiceKind, "default", "app-wrr");
        Assert.All(wrr.Spec.Weighted!.Services!, s => Assert.Equal("https-backend", s.ServersTransport));

        var deleteWhileUsed = await ErrorAsync(Tool, """{"action": "delete", "name": "https-backend"}""");
        Assert.StartsWith("ServersTransport default/https-backend is still used; unlink it first (Traefik cannot build a service whose transport is missing).\n- TraefikService default/app-wrr", deleteWhileUsed, StringComparison.Ordinal);

        var unlinked = await ProposeAsync(Tool, """{"action": "unlink", "name": "https-backend"}""");
        AssertDelivered(unlinked);
        wrr = Find<TraefikService>(AssertWorktreeValid(), TraefikApi.TraefikServiceKind, "default", "app-wrr");
        Assert.All(wrr.Spec.Weighted!.Services!, s => Assert.Null(s.ServersTransport));

        AssertDelivered(await ProposeAsync(Tool, """{"action": "delete", "name": "https-backend"}"""));
        Assert.DoesNotContain(AssertWorktreeValid(), o => o.Kind == TraefikApi.ServersTransportKind);
    }

    [Fact]
    public async Task Create_Again_ReplacesTheSpecSoInsecureSkipVerifyCanBeTurnedOff()
    {
        await ProposeAsync(Tool, """{"action": "create", "name": "https-backend", "insecure_skip_verify": true}""");

        var replaced = await ProposeAsync(Tool, """{"action": "create", "name": "https-backend", "root_cas": [{"secret": "backend-ca"}]}""");

        AssertDelivered(replaced);
        var spec = Find<ServersTransport>(AssertWorktreeValid(), TraefikApi.ServersTransportKind, "default", "https-backend").Spec;
        Assert.Null(spec.InsecureSkipVerify);
        Assert.Equal("backend-ca", Assert.Single(spec.RootCAs!).Secret);
    }

    [Fact]
    public async Task Link_AnnotateServices_AnnotatesTheServiceManifest()
    {
        Directory.CreateDirectory(Path.Combine(Work, "traefik", "default"));
        File.WriteAllText(Path.Combine(Work, "traefik", "default", "service-legacy.yaml"), """
            apiVersion: v1
            kind: Service
            metadata:
              name: legacy
              namespace: default
            spec:
              ports:
                - port: 443
            """);
        await ProposeAsync(Tool, """{"action": "create", "name": "https-backend", "insecure_skip_verify": true}""");

        var linked = await ProposeAsync(Tool, """{"action": "link", "name": "https-backend", "service_names": ["legacy"], "annotate_services": true}""");

        AssertDelivered(linked);
        Assert.Equal(["updated Service default/legacy"], Changes(linked));
        var service = Assert.Single(AssertWorktreeValid(), o => o.Kind == "Service");
        Assert.Equal("default-https-backend@kubernetescrd", service.Metadata.Annotations!["traefik.ingress.kubernetes.io/service.serverstransport"]);
    }
}
