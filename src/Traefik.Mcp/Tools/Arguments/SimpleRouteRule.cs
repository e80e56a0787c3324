using System.ComponentModel;

namespace Traefik.Mcp.Tools.Arguments;

/// <summary>One rule of <c>traefik_manage_simple_route</c>: a match and the Kubernetes Service(s) it sends traffic to.</summary>
public sealed record SimpleRouteRule
{
    /// <summary>The Traefik v3 rule.</summary>
    [Description("Traefik v3 rule (required), e.g. Host(`app.example.com`) && PathPrefix(`/api`); unquoted host and path arguments such as Host(app.example.com) are quoted for you.")]
    public string? Match { get; init; }

    /// <summary>The Kubernetes Service (single-backend form).</summary>
    [Description("Kubernetes Service name, used exactly as given (or give services for several).")]
    public string? ServiceName { get; init; }

    /// <summary>The Service port number.</summary>
    [Description("Service port number (default 80).")]
    public int? ServicePort { get; init; }

    /// <summary>The Service port name.</summary>
    [Description("Service port name, instead of a number.")]
    public string? ServicePortName { get; init; }

    /// <summary>The Service weight.</summary>
    [Description("Weight of the Service among the rule's services (Traefik's default is 1).")]
    public int? ServiceWeight { get; init; }

    /// <summary>Several Services balanced by weight, instead of service_name.</summary>
    [Description("Several Kubernetes Services balanced by weight, instead of service_name/service_port.")]
    public IReadOnlyList<ServiceArgument>? Services { get; init; }

    /// <summary>Middlewares in order.</summary>
    [Description("Middlewares for this rule, in order: name, namespace/name or name@provider. Each must exist (except name@provider).")]
    public IReadOnlyList<string>? Middlewares { get; init; }

    /// <summary>Router priority.</summary>
    [Description("Router priority (Traefik's default is the rule length).")]
    public long? Priority { get; init; }
}
