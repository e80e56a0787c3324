using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Mirroring;

/// <summary>
/// Shadow traffic for a route: TraefikService <c>{route}-mirror</c> whose main service answers every
/// request while a copy of <see cref="Percent"/> percent goes to the mirror, whose responses Traefik
/// discards. The route's name and namespace are the arguments of <see cref="Mirrors.Enable"/>.
/// </summary>
public sealed record MirrorIntent
{
    /// <summary>
    /// The Kubernetes Service that answers users. It must be one of the route's current backends (a Service its
    /// rules or its <c>{route}-wrr</c> send users to): the mirror's main reference then copies that backend's
    /// port, namespace and every option (transport, stickiness, pass-host-header…), so users keep what they were
    /// served with. Another Service is refused unless <see cref="AllowNewMainService"/> is set.
    /// </summary>
    /// <value>The default is <c>{route}-stable</c>. Must be left out when <see cref="KeepWeightedSplit"/> is true.</value>
    public string? MainService { get; init; }

    /// <summary>The main Service's port; when given for an existing backend it must be the port the route uses.</summary>
    /// <value>The default is the port the route uses for that Service, or 80 for a new one.</value>
    public IntOrString? MainPort { get; init; }

    /// <summary>
    /// Send users to a <see cref="MainService"/> that is not one of the route's current backends. Off by default:
    /// a typo or the default name would otherwise send every user to a Service the route never used.
    /// </summary>
    public bool AllowNewMainService { get; init; }

    /// <summary>
    /// Use the route's weighted TraefikService <c>{route}-wrr</c> as the main service, so users keep
    /// the live weighted split while a copy of their traffic is mirrored.
    /// </summary>
    public bool KeepWeightedSplit { get; init; }

    /// <summary>The Kubernetes Service that receives the copies.</summary>
    /// <value>The default is <c>{route}-staging</c>.</value>
    public string? MirrorService { get; init; }

    /// <summary>The mirror Service's port.</summary>
    /// <value>The default is the port the route uses for that Service when it is one of its backends, else 80.</value>
    public IntOrString? MirrorPort { get; init; }

    /// <summary>Percentage of requests copied to the mirror, 1 to 100.</summary>
    /// <value>Null (the default) means 20.</value>
    public int? Percent { get; init; }

    /// <summary>Whether request bodies are mirrored (Traefik default: true).</summary>
    public bool? MirrorBody { get; init; }

    /// <summary>Requests with a larger body are not mirrored; -1 means no limit (Traefik default).</summary>
    public long? MaxBodySize { get; init; }

    /// <summary>
    /// Repoint the rules of IngressRoute <c>{route}</c> that point at <c>{route}-wrr</c> to the
    /// mirror, making it active.
    /// </summary>
    public bool AttachToIngress { get; init; }
}
