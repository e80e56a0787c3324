using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Affinity;

namespace Traefik.Mcp.Tools;

/// <summary>traefik_configure_service_affinity: sticky sessions (cookie affinity) for a Kubernetes Service behind CRD routes.</summary>
[McpServerToolType]
public sealed class ServiceAffinityTool(ToolRunner runner)
{
    /// <summary>The tool name.</summary>
    public const string Name = "traefik_configure_service_affinity";


    /// <summary>Enables or disables sticky sessions and returns the proposed diff.</summary>
    [McpServerTool(Name = Name, Title = "Configure Service Affinity", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Enable or disable sticky sessions (cookie affinity) for Kubernetes Service {service_name}. enable sets sticky.cookie on every IngressRoute and TraefikService reference to the Service (so a client stays on one pod), and weighted.sticky.cookie named {cookie_name}_wrr on each weighted TraefikService that has it as a backend (so a client stays on one track of a canary); mirrors are left alone. The route must already reference the Service. annotate_service also writes the traefik.ingress.kubernetes.io/service.sticky.cookie* annotations on the Service manifest, which only Kubernetes Ingress routes read. Returns a proposed diff of the GitOps repository (or delivers it); nothing touches a cluster.")]
    public Task<CallToolResult> Run(
        RequestContext<CallToolRequestParams> context,
        [Description("enable or disable.")] string action,
        [Description("Kubernetes Service name, as the routes reference it.")] string service_name,
        [Description("Kubernetes namespace of the Service.")] string @namespace = "default",
        [Description("Cookie name (an RFC 6265 token); default: Traefik generates one per load balancer.")] string? cookie_name = null,
        [Description("Cookie Max-Age in seconds; 0 or omitted means a session cookie.")] long? cookie_max_age = null,
        [Description("Send the cookie over HTTPS only (required by browsers with SameSite none). Default: true when every route serving the Service has TLS, else unset.")] bool? cookie_secure = null,
        [Description("Hide the cookie from client-side scripts. Default: true when any route serving the Service has TLS, else unset.")] bool? cookie_http_only = null,
        [Description("SameSite: none, lax or strict.")] string? cookie_samesite = null,
        [Description("Cookie path, starting with / (Traefik default /).")] string? cookie_path = null,
        [Description("Cookie domain (a host name).")] string? cookie_domain = null,
        [Description("Also write (enable) or remove (disable) the service.sticky.cookie* annotations on the Service manifest, which must be in the repository.")] bool annotate_service = false,
        [Description("diff (default: propose only), worktree, branch or pull_request.")] string? delivery = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        return runner.RunAsync(Name, arguments, delivery, call =>
        {
            var act = call.Action(action, "enable", "disable");
            return act == "disable"
                ? call.Change<StickySessionIntent, StickySessionOutcome>($"Disable sticky sessions for {service_name}", @namespace, service_name, DisableMap, (s, intent) => StickySessions.Disable(s, @namespace, service_name, intent))
                : call.Change<StickySessionIntent, StickySessionOutcome>(
                    $"Enable sticky sessions for {service_name}" + (cookie_name is null ? string.Empty : $" (cookie {cookie_name})"),
                    @namespace,
                    service_name,
                    EnableMap,
                    (s, intent) => StickySessions.Enable(s, @namespace, service_name, intent));
        }, cancellationToken);
    }

    /// <summary>Parameters ↔ <see cref="StickySessionIntent"/> for action=disable (the cookie is not needed to remove it).</summary>
    private static readonly ParameterMap DisableMap = ParameterMap.Of(("annotate_service", "annotateService"))
        .Naming(("service_name", "serviceName"));

    /// <summary>Parameters ↔ <see cref="StickySessionIntent"/> for action=enable.</summary>
    private static readonly ParameterMap EnableMap = ParameterMap.Of(
            ("cookie_name", "cookie.name"),
            ("cookie_max_age", "cookie.maxAge"),
            ("cookie_secure", "cookie.secure"),
            ("cookie_http_only", "cookie.httpOnly"),
            ("cookie_samesite", "cookie.sameSite"),
            ("cookie_path", "cookie.path"),
            ("cookie_domain", "cookie.domain"),
            ("annotate_service", "annotateService"))
        .Naming(("service_name", "serviceName"));
}
