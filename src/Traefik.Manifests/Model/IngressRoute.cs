using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Traefik.Manifests.Model;

/// <summary>A Traefik <c>IngressRoute</c>: HTTP routing rules for one or more entry points.</summary>
public sealed record IngressRoute : KubernetesObject
{
    /// <summary>The route spec.</summary>
    [JsonPropertyOrder(-1)]
    public required IngressRouteSpec Spec { get; init; }
}

/// <summary>The spec of an <see cref="IngressRoute"/>.</summary>
public sealed record IngressRouteSpec : JsonRecord
{
    /// <summary>The ingress class this route belongs to (Traefik 3.7+).</summary>
    public string? IngressClassName { get; init; }

    /// <summary>Entry points the route listens on; absent means every default entry point.</summary>
    public ImmutableList<string>? EntryPoints { get; init; }

    /// <summary>The routing rules.</summary>
    public required ImmutableList<RouteRule> Routes { get; init; }

    /// <summary>TLS termination; an empty object means TLS with the default certificate.</summary>
    public RouteTls? Tls { get; init; }
}

/// <summary>One rule of an IngressRoute: a match expression and where matching requests go.</summary>
public sealed record RouteRule : JsonRecord
{
    /// <summary>Always <c>Rule</c> (required by Traefik before v3.3).</summary>
    public string? Kind { get; init; }

    /// <summary>The Traefik rule expression, for example <c>Host(`a.example.com`)</c>.</summary>
    public required string Match { get; init; }

    /// <summary>Router priority; 0 or absent means the length of the rule.</summary>
    public long? Priority { get; init; }

    /// <summary>Middlewares applied in order.</summary>
    public ImmutableList<MiddlewareReference>? Middlewares { get; init; }

    /// <summary>Where matching requests go.</summary>
    public ImmutableList<ServiceReference>? Services { get; init; }
}

/// <summary>A reference to a Middleware.</summary>
public sealed record MiddlewareReference : JsonRecord
{
    /// <summary>The middleware name; a name containing <c>@</c> is a cross-provider reference used verbatim.</summary>
    public required string Name { get; init; }

    /// <summary>The middleware namespace; absent means the route's namespace.</summary>
    public string? Namespace { get; init; }
}

/// <summary>TLS settings of an IngressRoute.</summary>
public sealed record RouteTls : JsonRecord
{
    /// <summary>Secret holding the certificate, in the route's namespace.</summary>
    public string? SecretName { get; init; }

    /// <summary>TLSOption reference.</summary>
    public ObjectReference? Options { get; init; }

    /// <summary>TLSStore reference.</summary>
    public ObjectReference? Store { get; init; }

    /// <summary>ACME certificate resolver name.</summary>
    public string? CertResolver { get; init; }

    /// <summary>Domains to request certificates for.</summary>
    public ImmutableList<TlsDomain>? Domains { get; init; }
}

/// <summary>A reference by name and optional namespace.</summary>
public sealed record ObjectReference : JsonRecord
{
    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace; absent means the referencing object's namespace.</summary>
    public string? Namespace { get; init; }
}

/// <summary>A certificate domain: main name and alternative names.</summary>
public sealed record TlsDomain : JsonRecord
{
    /// <summary>The main domain.</summary>
    public string? Main { get; init; }

    /// <summary>Subject alternative names.</summary>
    public ImmutableList<string>? Sans { get; init; }
}
