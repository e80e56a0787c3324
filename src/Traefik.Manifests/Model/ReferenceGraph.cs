using System.Collections.Immutable;
using System.Text.Json;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Tcp;

namespace Traefik.Manifests.Model;

/// <summary>
/// Who refers to whom in a <see cref="ManifestSet"/>: IngressRoutes and IngressRouteTCPs to the TraefikServices,
/// Middlewares and ServersTransports they use, TraefikServices to their TraefikService children, chains to
/// their members, and progressive delivery controllers (Argo Rollouts <c>Rollout</c>, Flagger <c>Canary</c>) to
/// the TraefikService whose weights they own. Read backwards, it answers "which routers reach this object"
/// without scanning the set, so a plan's cost follows the size of its change.
/// </summary>
/// <remarks>
/// Built once per set on first use, then carried to the sets made from it by <see cref="ManifestSet.Set"/>,
/// <see cref="ManifestSet.Remove"/> and <see cref="ManifestSet.With"/>, by updating only the edges of the
/// objects that changed. References by another provider's name (<c>name@provider</c>) are not edges, and
/// neither are references to Kubernetes Services: every route has some, they change nothing Traefik reads from
/// this repository, and leaving them out keeps the graph a fraction of the set's size (the few callers that
/// ask which routers reach a Service find its direct holders with <see cref="ServiceHolders"/>).
/// </remarks>
internal sealed class ReferenceGraph
{
    /// <summary>Kind of the key of a ServersTransportTCP (not modelled by this library).</summary>
    public const string ServersTransportTcpKind = "ServersTransportTCP";

    /// <summary>Kind of an Argo Rollouts Rollout.</summary>
    public const string RolloutKind = "Rollout";

    /// <summary>Kind of a Flagger Canary.</summary>
    public const string CanaryKind = "Canary";

    private static readonly ImmutableArray<ObjectKey> NoKeys = [];

    private readonly ImmutableDictionary<ObjectKey, ImmutableArray<ObjectKey>> _out;
    private readonly ImmutableDictionary<ObjectKey, ImmutableArray<ObjectKey>> _in;

    private ReferenceGraph(ImmutableDictionary<ObjectKey, ImmutableArray<ObjectKey>> outgoing, ImmutableDictionary<ObjectKey, ImmutableArray<ObjectKey>> incoming)
    {
        _out = outgoing;
        _in = incoming;
    }

    /// <summary>The graph of a whole set.</summary>
    public static ReferenceGraph Build(IEnumerable<KubernetesObject> objects)
    {
        var outgoing = ImmutableDictionary.CreateBuilder<ObjectKey, ImmutableArray<ObjectKey>>();
        var incoming = new Dictionary<ObjectKey, List<ObjectKey>>();
        foreach (var value in objects)
        {
            var edges = Edges(value);
            if (edges.IsEmpty)
            {
                continue;
            }

            outgoing[value.Key] = edges;
            foreach (var target in edges)
            {
                if (!incoming.TryGetValue(target, out var holders))
                {
                    holders = [];
                    incoming[target] = holders;
                }

                holders.Add(value.Key);
            }
        }

        return new ReferenceGraph(outgoing.ToImmutable(), incoming.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray()));
    }

    /// <summary>The objects that refer to <paramref name="target"/>.</summary>
    public ImmutableArray<ObjectKey> Holders(ObjectKey target) => _in.TryGetValue(target, out var holders) ? holders : NoKeys;

    /// <summary>The objects <paramref name="holder"/> refers to.</summary>
    public ImmutableArray<ObjectKey> Targets(ObjectKey holder) => _out.TryGetValue(holder, out var targets) ? targets : NoKeys;

    /// <summary>
    /// Every IngressRoute and IngressRouteTCP that reaches <paramref name="start"/> through references (the key
    /// itself when it is one), following holders upwards.
    /// </summary>
    public IEnumerable<ObjectKey> RoutesReaching(ObjectKey start) => RoutesReaching(start, key => Holders(key));

    /// <summary>The routes reaching <paramref name="start"/> when <paramref name="holders"/> says who refers to a key.</summary>
    public static IEnumerable<ObjectKey> RoutesReaching(ObjectKey start, Func<ObjectKey, IEnumerable<ObjectKey>> holders)
    {
        var seen = new HashSet<ObjectKey> { start };
        var queue = new Queue<ObjectKey>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            if (key.Kind is TraefikApi.IngressRouteKind or TraefikApi.IngressRouteTcpKind)
            {
                yield return key;
            }

            foreach (var holder in holders(key))
            {
                if (seen.Add(holder))
                {
                    queue.Enqueue(holder);
                }
            }
        }
    }

    /// <summary>
    /// The IngressRoutes, TraefikServices and IngressRouteTCPs that refer to the Kubernetes Service
    /// <paramref name="service"/> directly (a scan of the set: Services are not edges of the graph).
    /// </summary>
    public static IEnumerable<ObjectKey> ServiceHolders(ManifestSet objects, ObjectKey service)
    {
        bool Names(string name, string? ns, string ownerNamespace) =>
            name == service.Name && (string.IsNullOrEmpty(ns) ? ownerNamespace : ns) == service.Namespace;

        foreach (var value in objects)
        {
            var holds = value switch
            {
                IngressRoute r => r.Spec.Routes.Any(rule => (rule.Services ?? []).Any(s => !s.IsTraefikService() && Names(s.Name, s.Namespace, r.Namespace))),
                TraefikService t => ServiceChildren.Of(t).Any(c => c.Reference is { } s && !s.IsTraefikService() && Names(s.Name, s.Namespace, t.Namespace)),
                IngressRouteTcp r => r.Spec.Routes.Any(rule => (rule.Services ?? []).Any(s => Names(s.Name, s.Namespace, r.Namespace))),
                _ => false,
            };
            if (holds)
            {
                yield return value.Key;
            }
        }
    }

    /// <summary>The graph after replacing or adding <paramref name="values"/> and removing <paramref name="removed"/>.</summary>
    public ReferenceGraph With(IEnumerable<KubernetesObject> values, IEnumerable<ObjectKey> removed)
    {
        var outgoing = _out.ToBuilder();
        var incoming = _in.ToBuilder();
        foreach (var key in removed)
        {
            Unlink(outgoing, incoming, key);
        }

        foreach (var value in values)
        {
            var edges = Edges(value);
            if (outgoing.TryGetValue(value.Key, out var old) && old.SequenceEqual(edges))
            {
                continue;
            }

            Unlink(outgoing, incoming, value.Key);
            if (edges.IsEmpty)
            {
                continue;
            }

            outgoing[value.Key] = edges;
            foreach (var target in edges)
            {
                incoming[target] = incoming.TryGetValue(target, out var holders) ? holders.Add(value.Key) : [value.Key];
            }
        }

        return new ReferenceGraph(outgoing.ToImmutable(), incoming.ToImmutable());
    }

    /// <summary>The distinct objects one object refers to, in the order they appear (no allocation for an object that refers to none).</summary>
    public static ImmutableArray<ObjectKey> Edges(KubernetesObject value)
    {
        List<ObjectKey>? edges = null;
        switch (value)
        {
            case IngressRoute route when TraefikApi.IsTraefikApiVersion(route.ApiVersion):
                foreach (var rule in route.Spec.Routes)
                {
                    foreach (var m in rule.Middlewares ?? [])
                    {
                        AddMiddleware(ref edges, TraefikApi.MiddlewareKind, m, route.Namespace);
                    }

                    foreach (var s in rule.Services ?? [])
                    {
                        AddService(ref edges, s, route.Namespace);
                    }
                }

                break;
            case TraefikService service when TraefikApi.IsTraefikApiVersion(service.ApiVersion):
                if (service.Spec.Weighted is { } weighted)
                {
                    foreach (var s in weighted.Services ?? [])
                    {
                        AddService(ref edges, s, service.Namespace);
                    }
                }
                else if (service.Spec.Mirroring is { } mirroring)
                {
                    AddService(ref edges, mirroring, service.Namespace);
                    foreach (var s in mirroring.Mirrors ?? [])
                    {
                        AddService(ref edges, s, service.Namespace);
                    }
                }
                else
                {
                    foreach (var child in ServiceChildren.Of(service))
                    {
                        if (child.Reference is { } reference)
                        {
                            AddService(ref edges, reference, service.Namespace);
                        }
                    }
                }

                break;
            case Middleware middleware when TraefikApi.IsTraefikApiVersion(middleware.ApiVersion):
                foreach (var m in middleware.Spec.Chain?.Middlewares ?? [])
                {
                    AddMiddleware(ref edges, TraefikApi.MiddlewareKind, m, middleware.Namespace);
                }

                break;
            case IngressRouteTcp tcp when TraefikApi.IsTraefikApiVersion(tcp.ApiVersion):
                foreach (var rule in tcp.Spec.Routes)
                {
                    foreach (var m in rule.Middlewares ?? [])
                    {
                        AddMiddleware(ref edges, TraefikApi.MiddlewareTcpKind, m, tcp.Namespace);
                    }

                    foreach (var s in rule.Services ?? [])
                    {
                        if (s.ServersTransport is { } transport && !transport.Contains('@', StringComparison.Ordinal))
                        {
                            Add(ref edges, new ObjectKey(ServersTransportTcpKind, string.IsNullOrEmpty(s.Namespace) ? tcp.Namespace : s.Namespace, transport));
                        }
                    }
                }

                break;
            case UnknownObject other when TrafficControllerSpec.ManagedService(other) is { } managed:
                Add(ref edges, managed);
                break;
        }

        return edges is null ? NoKeys : [.. edges];
    }

    private static void AddService(ref List<ObjectKey>? edges, ServiceReference reference, string ownerNamespace)
    {
        if (reference.Name.Contains('@', StringComparison.Ordinal))
        {
            return;
        }

        var ns = string.IsNullOrEmpty(reference.Namespace) ? ownerNamespace : reference.Namespace;
        if (reference.IsTraefikService())
        {
            Add(ref edges, new ObjectKey(TraefikApi.TraefikServiceKind, ns, reference.Name));
            return;
        }

        if (reference.Kind is not (null or "" or TraefikApi.ServiceKind))
        {
            return;
        }

        if (reference.ServersTransport is { } transport && !transport.Contains('@', StringComparison.Ordinal))
        {
            Add(ref edges, new ObjectKey(TraefikApi.ServersTransportKind, ns, transport));
        }

        if (reference.UnmodelledFields?.TryGetValue("middlewares", out var middlewares) == true && middlewares.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in middlewares.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && name.GetString() is { } text && !text.Contains('@', StringComparison.Ordinal))
                {
                    var mwNs = item.TryGetProperty("namespace", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } s ? s : ns;
                    Add(ref edges, new ObjectKey(TraefikApi.MiddlewareKind, mwNs, text));
                }
            }
        }
    }

    private static void AddMiddleware(ref List<ObjectKey>? edges, string kind, MiddlewareReference reference, string ownerNamespace)
    {
        if (!reference.Name.Contains('@', StringComparison.Ordinal))
        {
            Add(ref edges, new ObjectKey(kind, string.IsNullOrEmpty(reference.Namespace) ? ownerNamespace : reference.Namespace, reference.Name));
        }
    }

    private static void Add(ref List<ObjectKey>? edges, ObjectKey key)
    {
        edges ??= [];
        if (!edges.Contains(key))
        {
            edges.Add(key);
        }
    }

    private static void Unlink(ImmutableDictionary<ObjectKey, ImmutableArray<ObjectKey>>.Builder outgoing, ImmutableDictionary<ObjectKey, ImmutableArray<ObjectKey>>.Builder incoming, ObjectKey key)
    {
        if (!outgoing.TryGetValue(key, out var old))
        {
            return;
        }

        outgoing.Remove(key);
        foreach (var target in old)
        {
            if (incoming.TryGetValue(target, out var holders))
            {
                var rest = holders.Remove(key);
                if (rest.IsEmpty)
                {
                    incoming.Remove(target);
                }
                else
                {
                    incoming[target] = rest;
                }
            }
        }
    }
}
