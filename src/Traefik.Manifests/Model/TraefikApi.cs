namespace Traefik.Manifests.Model;

/// <summary>Traefik CRD API group, version and kinds.</summary>
public static class TraefikApi
{
    /// <summary>The Traefik v3 API version, <c>traefik.io/v1alpha1</c>.</summary>
    public const string Version = "traefik.io/v1alpha1";

    /// <summary>The Traefik v2 API group version, <c>traefik.containo.us/v1alpha1</c>.</summary>
    public const string LegacyVersion = "traefik.containo.us/v1alpha1";

    /// <summary>Kind <c>IngressRoute</c>.</summary>
    public const string IngressRouteKind = "IngressRoute";

    /// <summary>Kind <c>TraefikService</c>.</summary>
    public const string TraefikServiceKind = "TraefikService";

    /// <summary>Kind <c>Middleware</c>.</summary>
    public const string MiddlewareKind = "Middleware";

    /// <summary>Kind <c>ServersTransport</c>.</summary>
    public const string ServersTransportKind = "ServersTransport";

    /// <summary>Kind <c>IngressRouteTCP</c>.</summary>
    public const string IngressRouteTcpKind = "IngressRouteTCP";

    /// <summary>Kind <c>MiddlewareTCP</c>.</summary>
    public const string MiddlewareTcpKind = "MiddlewareTCP";

    /// <summary>Kind <c>Service</c> (core v1).</summary>
    public const string ServiceKind = "Service";

    /// <summary>True for the API versions Traefik CRDs are served under.</summary>
    public static bool IsTraefikApiVersion(string? apiVersion) => apiVersion is Version or LegacyVersion;
}
