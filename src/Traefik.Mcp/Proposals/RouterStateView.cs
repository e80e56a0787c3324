using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Traefik.Mcp.Proposals;

/// <summary>What a router does for users at one point: entry points, TLS, middlewares, backends and mirrors.</summary>
public sealed record RouterStateView
{
    /// <summary>Entry points; null means every default entry point.</summary>
    [Description("Entry points; null means every entry point Traefik treats as default.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<string>? EntryPoints { get; init; }

    /// <summary>TLS; null for a router without TLS.</summary>
    [Description("TLS; null for a router without TLS.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public RouterTlsView? Tls { get; init; }

    /// <summary>Middlewares in order.</summary>
    [Description("Middlewares in the order they apply: namespace/name (with what each does) or name@provider.")]
    public required IReadOnlyList<string> Middlewares { get; init; }

    /// <summary>The services that answer users.</summary>
    [Description("The services that answer users, each with its share of the router's requests in percent (product of the normalised weights on the way; weight 0 gets 0) and the options it is served with.")]
    public required IReadOnlyList<ImpactBackendView> Backends { get; init; }

    /// <summary>The services that get copies.</summary>
    [Description("The services that receive copies of the router's requests (mirroring), with the percentage copied; their responses are discarded.")]
    public required IReadOnlyList<ImpactMirrorView> Mirrors { get; init; }

    /// <summary>Why users get errors, if they do.</summary>
    [Description("Why users of this router get errors (a missing TraefikService, Middleware or ServersTransport disables it; weights all 0 answer 503). Empty when it serves.")]
    public required IReadOnlyList<string> Problems { get; init; }
}
