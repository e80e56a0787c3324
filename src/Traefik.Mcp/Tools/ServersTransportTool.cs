using System.Collections.Immutable;
using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Model;
using Traefik.Manifests.Transports;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Proposals;
using Traefik.Mcp.Tools.Arguments;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_manage_servers_transport: ServersTransports (backend connection settings) and the links that make them apply.</summary>
[McpServerToolType]
public sealed class ServersTransportTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_manage_servers_transport";

    private static readonly Func<string, string> Paths = ParameterPaths.Map(
        ("transportName", "name"),
        ("serviceNames", "service_names"),
        ("spec.forwardingTimeouts.dialTimeout", "dial_timeout"),
        ("spec.forwardingTimeouts.responseHeaderTimeout", "response_header_timeout"),
        ("spec.forwardingTimeouts.idleConnTimeout", "idle_conn_timeout"),
        ("spec.forwardingTimeouts.readIdleTimeout", "read_idle_timeout"),
        ("spec.forwardingTimeouts.pingTimeout", "ping_timeout"),
        ("spec.serverName", "server_name"),
        ("spec.insecureSkipVerify", "insecure_skip_verify"),
        ("spec.rootCAs", "root_cas"),
        ("spec.certificatesSecrets", "certificates_secrets"),
        ("spec.maxIdleConnsPerHost", "max_idle_conns_per_host"),
        ("spec.disableHTTP2", "disable_http2"),
        ("spec.peerCertURI", "peer_cert_uri"),
        ("spec.spiffe.ids", "spiffe_ids"),
        ("spec.spiffe.trustDomain", "spiffe_trust_domain"),
        ("spec.spiffe", "spiffe_ids"),
        ("spec.cipherSuites", "cipher_suites"),
        ("spec.minVersion", "min_version"),
        ("spec.maxVersion", "max_version"));

    private static readonly Func<string, string> Rename = path => Paths(path).Replace(".configMap", ".config_map", StringComparison.Ordinal);

    private static readonly (string, string)[] Words =
    [
        ("minVersion", "min_version"), ("maxVersion", "max_version"), ("insecureSkipVerify", "insecure_skip_verify"), ("rootCAs", "root_cas"),
        ("serverName", "server_name"), ("configMap", "config_map"), ("peerCertURI", "peer_cert_uri"), ("cipherSuites", "cipher_suites"),
        ("certificatesSecrets", "certificates_secrets"), ("disableHTTP2", "disable_http2"), ("maxIdleConnsPerHost", "max_idle_conns_per_host"),
    ];

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
        return runner.RunAsync(Name, arguments, delivery, () =>
        {
            var act = ToolArguments.Action(action, Name, "create", "delete", "link", "unlink");
            var fingerprint = ToolRunner.Fingerprint(Name, arguments);
            var services = service_names ?? [];
            switch (act)
            {
                case "delete":
                    return TrafficIntent.Create($"Delete ServersTransport {name}", fingerprint, @namespace, name, ParameterPaths.Renamed(s => ServersTransports.Delete(s, @namespace, name), Rename, Words));
                case "link":
                    return TrafficIntent.Create($"Use ServersTransport {name} for {string.Join(", ", services)}", fingerprint, @namespace, name, ParameterPaths.Renamed(s => ServersTransports.Link(s, @namespace, name, services, annotate_services), Rename, Words));
                case "unlink":
                    return TrafficIntent.Create(
                        services.Length == 0 ? $"Stop using ServersTransport {name}" : $"Stop using ServersTransport {name} for {string.Join(", ", services)}",
                        fingerprint,
                        @namespace,
                        name,
                        ParameterPaths.Renamed(s => ServersTransports.Unlink(s, @namespace, name, services), Rename, Words));
            }

            var spec = new ServersTransportSpec
            {
                ServerName = server_name,
                InsecureSkipVerify = insecure_skip_verify,
                RootCAs = root_cas is null ? null : [.. root_cas.Select(r => new RootCASpec { Secret = r?.Secret, ConfigMap = r?.ConfigMap })],
                CertificatesSecrets = ToolArguments.List(certificates_secrets),
                MaxIdleConnsPerHost = max_idle_conns_per_host,
                ForwardingTimeouts = new ForwardingTimeoutsSpec
                {
                    DialTimeout = ArgumentValues.Duration(dial_timeout),
                    ResponseHeaderTimeout = ArgumentValues.Duration(response_header_timeout),
                    IdleConnTimeout = ArgumentValues.Duration(idle_conn_timeout),
                    ReadIdleTimeout = ArgumentValues.Duration(read_idle_timeout),
                    PingTimeout = ArgumentValues.Duration(ping_timeout),
                },
                DisableHTTP2 = disable_http2,
                PeerCertURI = peer_cert_uri,
                Spiffe = spiffe_ids is null && spiffe_trust_domain is null ? null : new SpiffeSpec { Ids = ToolArguments.List(spiffe_ids), TrustDomain = spiffe_trust_domain },
                CipherSuites = ToolArguments.List(cipher_suites),
                MinVersion = min_version,
                MaxVersion = max_version,
            };
            if (annotate_services && services.Length == 0)
            {
                throw new ManifestException("annotate_services", "applies to the Services being linked: give service_names too.");
            }

            return TrafficIntent.Create(
                services.Length == 0 ? $"Set ServersTransport {name}" : $"Set ServersTransport {name} for {string.Join(", ", services)}",
                fingerprint,
                @namespace,
                name,
                current => ParameterPaths.Run(() => CreateAndLink(current, @namespace, name, spec, services, annotate_services), Rename, Words));
        }, cancellationToken);
    }

    /// <summary>Creates the transport and, when Services are named, links them in the same change.</summary>
    private static IntentResult CreateAndLink(ManifestSet current, string @namespace, string name, ServersTransportSpec spec, IReadOnlyList<string> services, bool annotate)
    {
        var created = ServersTransports.Upsert(current, @namespace, name, spec);
        if (services.Count == 0)
        {
            return IntentResult.From(created);
        }

        var linked = ServersTransports.Link(created.Objects, @namespace, name, services, annotate);
        var unused = $"ServersTransport {@namespace}/{name} is not used by any route yet";
        var warnings = created.Warnings.Where(w => !w.StartsWith(unused, StringComparison.Ordinal)).Concat(linked.Warnings).Distinct(StringComparer.Ordinal);
        return IntentResult.Compare(current, linked.Objects, warnings, linked.Outcome, created.Allowed.And(linked.Allowed));
    }
}
