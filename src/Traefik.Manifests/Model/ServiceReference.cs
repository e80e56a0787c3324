namespace Traefik.Manifests.Model;

/// <summary>
/// A reference to a Kubernetes Service or a TraefikService, as used in IngressRoute rules and inside
/// TraefikServices (Traefik's <c>LoadBalancerSpec</c>). Health checks, service-level middlewares and
/// other rarely used fields ride along in <see cref="JsonRecord.AdditionalFields"/>.
/// </summary>
public record ServiceReference : JsonRecord
{
    /// <summary><c>Service</c> (the default when absent) or <c>TraefikService</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>The Service or TraefikService name. A TraefikService name containing <c>@</c> is a cross-provider reference.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace; absent means the namespace of the referencing object.</summary>
    public string? Namespace { get; init; }

    /// <summary>The Service port, by number or name. Required by Traefik for <c>kind: Service</c>.</summary>
    public IntOrString? Port { get; init; }

    /// <summary>
    /// The weight in a weighted round robin. Traefik treats an absent weight as 1, so this library
    /// always writes it, zero included.
    /// </summary>
    public int? Weight { get; init; }

    /// <summary>Cookie stickiness on the servers of this Service.</summary>
    public StickySpec? Sticky { get; init; }

    /// <summary>Servers load-balancing strategy (<c>wrr</c>, <c>p2c</c>, <c>hrw</c>, <c>leasttime</c>).</summary>
    public string? Strategy { get; init; }

    /// <summary><c>http</c>, <c>https</c> or <c>h2c</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>Whether the client Host header is forwarded (Traefik default: true).</summary>
    public bool? PassHostHeader { get; init; }

    /// <summary>The ServersTransport to use for this Service.</summary>
    public string? ServersTransport { get; init; }

    /// <summary>Use the Service ClusterIP as the single server.</summary>
    public bool? NativeLB { get; init; }

    /// <summary>Use node IP and node port for NodePort Services.</summary>
    public bool? NodePortLB { get; init; }

    /// <summary>True when this references a TraefikService rather than a Kubernetes Service.</summary>
    public bool IsTraefikService() => string.Equals(Kind, TraefikApi.TraefikServiceKind, StringComparison.Ordinal);
}

/// <summary>Cookie stickiness settings.</summary>
public sealed record StickySpec : JsonRecord
{
    /// <summary>The sticky cookie.</summary>
    public StickyCookie? Cookie { get; init; }
}

/// <summary>The cookie Traefik sets to keep a client on one backend.</summary>
public sealed record StickyCookie : JsonRecord
{
    /// <summary>Cookie name; Traefik generates one when absent.</summary>
    public string? Name { get; init; }

    /// <summary>Set the Secure attribute.</summary>
    public bool? Secure { get; init; }

    /// <summary>Set the HttpOnly attribute.</summary>
    public bool? HttpOnly { get; init; }

    /// <summary>SameSite attribute: <c>none</c>, <c>lax</c> or <c>strict</c> (written in lower case).</summary>
    public string? SameSite { get; init; }

    /// <summary>Max-Age in seconds; 0 means a session cookie, negative expires it immediately.</summary>
    public long? MaxAge { get; init; }

    /// <summary>Cookie path (Traefik default <c>/</c>).</summary>
    public string? Path { get; init; }

    /// <summary>Cookie domain.</summary>
    public string? Domain { get; init; }
}
