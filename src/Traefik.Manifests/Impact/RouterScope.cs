namespace Traefik.Manifests.Impact;

/// <summary>Which routers an <see cref="AllowedChange"/> is about.</summary>
public enum RouterScope
{
    /// <summary>The routers an IngressRoute or IngressRouteTCP defines (its rules).</summary>
    RoutersOf,

    /// <summary>Every router that reaches an object (a TraefikService, Middleware, ServersTransport or Kubernetes Service), before or after the change.</summary>
    RoutersReaching,
}
