using System.Collections.Immutable;
using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Model;
using Traefik.Manifests.Transports;
using Traefik.Mcp.Proposals;
using Traefik.Mcp.Tools.Arguments;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_servers_transport: ServersTransports (backend connection settings) and the links that make them apply.</summary>
[McpServerToolType]
public sealed class ServersTransportTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_servers_transport";

    /// <summary>Creates, deletes, links or unlinks a ServersTransport and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Manage Servers Transport", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Create (or replace), delete, link or unlink a ServersTransport: how Traefik connects to backends (timeouts, backend TLS verification, mTLS client certificates, HTTP/2, connection reuse). A transport only applies to the Service references that name it, so link sets serversTransport: {name} on every IngressRoute and TraefikService reference to service_names (annotate_services also sets the traefik.ingress.kubernetes.io/service.serverstransport annotation on the Service manifests, for Kubernetes Ingress routes); create with service_names links in the same proposal. create replaces the whole spec, so a setting left out is removed. delete is refused while anything still uses the transport (unlink first). Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("create (or replace), delete, link or unlink.")] string action,
        [Description("ServersTransport name.")] string name,
        [Description("Kubernetes namespace of the transport and of the backend Services.")] string @namespace = "default",
        [Description("Time to establish a connection, e.g. 5s (Traefik default 30s; an integer means seconds).")] string? dial_timeout = null,
        [Description("Time to wait for the response headers after the request is sent, e.g. 60s (default 0: no timeout).")] string? response_header_timeout = null,
        [Description("How long an idle keep-alive connection stays open, e.g. 90s (default 90s).")] string? idle_conn_timeout = null,
        [Description("HTTP/2: health-check a connection with a ping after this long without frames, e.g. 30s (default 0: off).")] string? read_idle_timeout = null,
        [Description("HTTP/2: close the connection when the ping gets no answer within this time, e.g. 15s (default 15s).")] string? ping_timeout = null,
        [Description("Skip backend certificate verification (insecure; prefer root_cas).")] bool? insecure_skip_verify = null,
        [Description("Server name sent in TLS SNI and checked against the backend certificate.")] string? server_name = null,
        [Description("CAs that sign the backend certificates: [{secret}] or [{config_map}] (key tls.ca or ca.crt).")] RootCaArgument[]? root_cas = null,
        [Description("Secrets (type kubernetes.io/tls) with client certificates for mTLS to the backends.")] string[]? certificates_secrets = null,
        [Description("Idle connections kept per host (-1 disables reuse; 0 means Go's default of 2).")] long? max_idle_conns_per_host = null,
        [Description("Use HTTP/1.1 to the backends even when they offer HTTP/2.")] bool? disable_http2 = null,
        [Description("URI SAN the backend certificate must carry, e.g. spiffe://example.org/backend.")] string? peer_cert_uri = null,
        [Description("SPIFFE IDs accepted from the backends (Traefik's SPIFFE support must be on).")] string[]? spiffe_ids = null,
        [Description("SPIFFE trust domain accepted from the backends.")] string? spiffe_trust_domain = null,
        [Description("TLS cipher suites (Go crypto/tls names) for TLS 1.2 and below.")] string[]? cipher_suites = null,
        [Description("Minimum TLS version: VersionTLS10, VersionTLS11, VersionTLS12 or VersionTLS13.")] string? min_version = null,
        [Description("Maximum TLS version: VersionTLS10, VersionTLS11, VersionTLS12 or VersionTLS13.")] string? max_version = null,
        [Description("Kubernetes Services that should use (link) or stop using (unlink; omit for every one) the transport.")] string[]? service_names = null,
        [Description("link/create: also set the service.serverstransport annotation on the Service manifests (which must be in the repository), for Kubernetes Ingress routes. unlink always removes the annotation where it names this transport.")] bool annotate_services = false,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, call =>
        {
            var act = call.Action(action, "create", "delete", "link", "unlink");
            var services = string.Join(", ", service_names ?? []);
            return act switch
            {
                "delete" => call.Change($"Delete ServersTransport {name}", @namespace, name, LinkMap, s => ServersTransports.Delete(s, @namespace, name)),
                "link" => call.Change<TransportLinkIntent, TransportLinkOutcome>($"Use ServersTransport {name} for {services}", @namespace, name, LinkMap, (s, intent) => ServersTransports.Link(s, @namespace, name, intent)),
                "unlink" => call.Change<TransportLinkIntent, TransportLinkOutcome>(
                    services.Length == 0 ? $"Stop using ServersTransport {name}" : $"Stop using ServersTransport {name} for {services}",
                    @namespace,
                    name,
                    LinkMap,
                    (s, intent) => ServersTransports.Unlink(s, @namespace, name, intent)),
                _ => call.Change<ServersTransportIntent, ServersTransportOutcome>(
                    services.Length == 0 ? $"Set ServersTransport {name}" : $"Set ServersTransport {name} for {services}",
                    @namespace,
                    name,
                    CreateMap,
                    (s, intent) => ServersTransports.Upsert(s, @namespace, name, intent)),
            };
        }, cancellationToken);
    }

    /// <summary>Parameters ↔ <see cref="TransportLinkIntent"/> (link, unlink; delete reports the same names).</summary>
    private static readonly ParameterMap LinkMap = ParameterMap.Of(
            ("service_names", "serviceNames"),
            ("annotate_services", "annotateServices"))
        .Naming(("name", "transportName"), ("name", "name"));

    /// <summary>Parameters ↔ <see cref="ServersTransportIntent"/> (create: the whole spec, and the Services to link).</summary>
    private static readonly ParameterMap CreateMap = LinkMap
        .With(Duration("dial_timeout", "spec.forwardingTimeouts.dialTimeout"))
        .With(Duration("response_header_timeout", "spec.forwardingTimeouts.responseHeaderTimeout"))
        .With(Duration("idle_conn_timeout", "spec.forwardingTimeouts.idleConnTimeout"))
        .With(Duration("read_idle_timeout", "spec.forwardingTimeouts.readIdleTimeout"))
        .With(Duration("ping_timeout", "spec.forwardingTimeouts.pingTimeout"))
        .With(new ParameterRow("server_name", "spec.serverName"))
        .With(new ParameterRow("insecure_skip_verify", "spec.insecureSkipVerify"))
        .With(new ParameterRow("root_cas", "spec.rootCAs") { Fields = [("config_map", "configMap")] })
        .With(new ParameterRow("certificates_secrets", "spec.certificatesSecrets"))
        .With(new ParameterRow("max_idle_conns_per_host", "spec.maxIdleConnsPerHost"))
        .With(new ParameterRow("disable_http2", "spec.disableHTTP2"))
        .With(new ParameterRow("peer_cert_uri", "spec.peerCertURI"))
        .With(new ParameterRow("spiffe_ids", "spec.spiffe.ids"))
        .With(new ParameterRow("spiffe_trust_domain", "spec.spiffe.trustDomain"))
        .With(new ParameterRow("cipher_suites", "spec.cipherSuites"))
        .With(new ParameterRow("min_version", "spec.minVersion"))
        .With(new ParameterRow("max_version", "spec.maxVersion"))
        .Naming(("spiffe_ids", "spec.spiffe"));

    /// <summary>A duration row: Go syntax stays text, a bare integer means seconds.</summary>
    private static ParameterRow Duration(string parameter, string path) => new(parameter, path)
    {
        Convert = ArgumentValues.Duration,
    };
}
