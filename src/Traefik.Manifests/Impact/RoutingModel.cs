using System.Collections.Immutable;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tcp;

namespace Traefik.Manifests.Impact;

/// <summary>
/// The effective routing model: every router (each IngressRoute rule, each IngressRouteTCP rule) resolved
/// through the TraefikServices it reaches — weighted, mirroring, highest random weight, failover, nested in any
/// order — down to the Kubernetes Services that answer users, the way Traefik's Kubernetes CRD provider builds
/// them. Pure functions of a <see cref="ManifestSet"/>.
/// </summary>
/// <remarks>
/// Traefik semantics followed: an absent weight counts as 1 and a weight of 0 gets nothing; a weighted service
/// whose weights are all 0 answers 503; a mirroring's main service gets every request that reaches it and each
/// mirror a copy of <c>percent</c> of them; a failover's service gets its users while it is healthy (the fallback
/// is listed with a share of 0); a rule with one service sends it everything whatever its weight. A reference to
/// a TraefikService, Middleware or ServersTransport that does not exist, a cycle, or nesting deeper than
/// <see cref="MaxDepth"/> is a problem (Traefik disables the router); a reference to another provider
/// (<c>name@provider</c>) is a backend that is not resolved further; a reference to another namespace is noted
/// (Traefik follows it only with <c>allowCrossNamespace</c>, a static option this library cannot see).
/// </remarks>
public static class RoutingModel
{
    /// <summary>How deep TraefikServices may nest before a router is reported as failing.</summary>
    public const int MaxDepth = 16;

    /// <summary>Every router of the set, in route order, then rule order.</summary>
    public static ImmutableList<EffectiveRouter> Routers(ManifestSet objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var result = ImmutableList.CreateBuilder<EffectiveRouter>();
        foreach (var value in objects)
        {
            result.AddRange(Resolve(objects, value));
        }

        return result.ToImmutable();
    }

    /// <summary>The routers of one IngressRoute or IngressRouteTCP (empty when it is not in the set).</summary>
    public static ImmutableList<EffectiveRouter> RoutersOf(ManifestSet objects, ObjectKey route)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return objects.TryGet(route, out var value) ? Resolve(objects, value) : [];
    }

    /// <summary>
    /// The routers that reach <paramref name="target"/> (a TraefikService, Middleware, ServersTransport, Kubernetes
    /// Service keyed as <c>Service namespace/name</c>, or a route itself), found through the set's references
    /// without resolving the others.
    /// </summary>
    public static ImmutableList<EffectiveRouter> RoutersReaching(ManifestSet objects, ObjectKey target)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var result = ImmutableList.CreateBuilder<EffectiveRouter>();
        var graph = objects.Graph;
        var routes = target.Kind == TraefikApi.ServiceKind
            ? ReferenceGraph.ServiceHolders(objects, target).SelectMany(k => graph.RoutesReaching(k)).Distinct()
            : graph.RoutesReaching(target);
        foreach (var route in routes.Order())
        {
            result.AddRange(RoutersOf(objects, route).Where(r => r.Closure.Contains(target)));
        }

        return result.ToImmutable();
    }

    /// <summary>The backends a TraefikService sends users to, resolved as a router pointing only at it would be.</summary>
    internal static ImmutableList<EffectiveBackend> BackendsOf(ManifestSet objects, ObjectKey traefikService)
    {
        var walk = new RouterWalk(objects, traefikService);
        walk.Visit(new ServiceReference { Kind = TraefikApi.TraefikServiceKind, Name = traefikService.Name }, traefikService.Namespace, 1m, copies: false, fallback: false, []);
        return walk.Router(RouterProtocol.Http, 0, string.Empty, null, null, null, []).Backends;
    }

    /// <summary>The id of a router: <c>namespace/name#index</c>, or <c>tcp:namespace/name#index</c> for a TCP router.</summary>
    public static string RouterId(ObjectKey route, int ruleIndex) =>
        (route.Kind == TraefikApi.IngressRouteTcpKind ? "tcp:" : string.Empty) + $"{route.Namespace}/{route.Name}#{ruleIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static ImmutableList<EffectiveRouter> Resolve(ManifestSet objects, KubernetesObject value) => value switch
    {
        IngressRoute route when TraefikApi.IsTraefikApiVersion(route.ApiVersion) => [.. route.Spec.Routes.Select((_, i) => Http(objects, route, i))],
        IngressRouteTcp route when TraefikApi.IsTraefikApiVersion(route.ApiVersion) => [.. route.Spec.Routes.Select((_, i) => Tcp(objects, route, i))],
        _ => [],
    };

    private static EffectiveRouter Http(ManifestSet objects, IngressRoute route, int index)
    {
        var rule = route.Spec.Routes[index];
        var walk = new RouterWalk(objects, route.Key);
        if (rule.Kind is { Length: > 0 } kind && kind != "Rule")
        {
            walk.Problem($"spec.routes[{index}].kind is {kind}; Traefik only accepts Rule and skips this router.");
        }

        if (string.IsNullOrEmpty(rule.Match))
        {
            walk.Problem($"spec.routes[{index}].match is empty; Traefik skips this router.");
        }

        var middlewares = walk.Middlewares(rule.Middlewares, route.Namespace, TraefikApi.MiddlewareKind);
        var services = rule.Services ?? [];
        switch (services.Count)
        {
            case 0:
                walk.Note("The rule has no service: it serves only as the parent of other routes (multi-layer routing); without child routes Traefik disables it.");
                break;
            case 1:
                walk.Visit(services[0], route.Namespace, 1m, copies: false, fallback: false, []);
                break;
            default:
                walk.Weighted(services, route.Namespace, 1m, copies: false, fallback: false, [], $"the services of spec.routes[{index}]");
                break;
        }

        return walk.Router(RouterProtocol.Http, index, rule.Match, rule.Priority, route.Spec.EntryPoints, Tls(route.Spec.Tls, route.Namespace), middlewares);
    }

    private static EffectiveRouter Tcp(ManifestSet objects, IngressRouteTcp route, int index)
    {
        var rule = route.Spec.Routes[index];
        var walk = new RouterWalk(objects, route.Key);
        if (string.IsNullOrEmpty(rule.Match))
        {
            walk.Problem($"spec.routes[{index}].match is empty; Traefik skips this router.");
        }

        var middlewares = walk.Middlewares(rule.Middlewares, route.Namespace, TraefikApi.MiddlewareTcpKind);
        walk.Tcp(rule.Services ?? [], route.Namespace);
        var tls = route.Spec.Tls is { } t
            ? new RouterTls
            {
                SecretName = t.SecretName,
                CertResolver = t.CertResolver,
                Options = Reference(t.Options, route.Namespace),
                Store = Reference(t.Store, route.Namespace),
                Domains = Domains(t.Domains),
                Passthrough = t.Passthrough == true,
            }
            : null;
        return walk.Router(RouterProtocol.Tcp, index, rule.Match, rule.Priority, route.Spec.EntryPoints, tls, middlewares);
    }

    private static RouterTls? Tls(RouteTls? tls, string ns) => tls is null
        ? null
        : new RouterTls
        {
            SecretName = tls.SecretName,
            CertResolver = tls.CertResolver,
            Options = Reference(tls.Options, ns),
            Store = Reference(tls.Store, ns),
            Domains = Domains(tls.Domains),
        };

    private static string? Reference(ObjectReference? reference, string ns) =>
        reference is null ? null : $"{(string.IsNullOrEmpty(reference.Namespace) ? ns : reference.Namespace)}/{reference.Name}";

    private static ImmutableList<string> Domains(ImmutableList<TlsDomain>? domains) =>
        domains is null ? [] : [.. domains.Select(d => d.Sans is { IsEmpty: false } sans ? $"{d.Main} ({string.Join(", ", sans)})" : d.Main ?? string.Empty)];

    /// <summary>One router's resolution: the backends, mirrors, problems, notes and closure found so far.</summary>
    private sealed class RouterWalk(ManifestSet objects, ObjectKey route)
    {
        private readonly List<(EffectiveBackend Backend, decimal Fraction)> _backends = [];
        private readonly List<(EffectiveMirror Mirror, decimal Fraction)> _mirrors = [];
        private readonly List<string> _problems = [];
        private readonly List<string> _notes = [];
        private readonly SortedSet<ObjectKey> _closure = [route];

        public void Problem(string text)
        {
            if (!_problems.Contains(text))
            {
                _problems.Add(text);
            }
        }

        public void Note(string text)
        {
            if (!_notes.Contains(text))
            {
                _notes.Add(text);
            }
        }

        public ImmutableList<RouterMiddleware> Middlewares(ImmutableList<MiddlewareReference>? references, string ownerNamespace, string kind)
        {
            var result = ImmutableList.CreateBuilder<RouterMiddleware>();
            foreach (var reference in references ?? [])
            {
                if (reference.Name.Contains('@', StringComparison.Ordinal))
                {
                    result.Add(new RouterMiddleware { Name = reference.Name });
                    Note($"Middleware {reference.Name} belongs to another provider; it is not in this repository.");
                    continue;
                }

                var ns = string.IsNullOrEmpty(reference.Namespace) ? ownerNamespace : reference.Namespace;
                var key = new ObjectKey(kind, ns, reference.Name);
                CrossNamespace(ns, ownerNamespace, $"{kind} {ns}/{reference.Name}");
                result.Add(Middleware(key, 0, []));
            }

            return result.ToImmutable();
        }

        public void Visit(ServiceReference reference, string ownerNamespace, decimal fraction, bool copies, bool fallback, ImmutableList<ObjectKey> stack)
        {
            var external = reference.Name.Contains('@', StringComparison.Ordinal);
            var ns = string.IsNullOrEmpty(reference.Namespace) ? ownerNamespace : reference.Namespace;
            if (reference.IsTraefikService())
            {
                if (external)
                {
                    Note($"TraefikService {reference.Name} belongs to another provider; what it does is not in this repository.");
                    Terminal(reference.Name, ns, null, fraction, copies, fallback, external: true, CanonicalJson.Options(reference));
                    return;
                }

                CrossNamespace(ns, ownerNamespace, $"TraefikService {ns}/{reference.Name}");
                TraefikService(new ObjectKey(TraefikApi.TraefikServiceKind, ns, reference.Name), fraction, copies, fallback, stack);
                return;
            }

            if (reference.Kind is { Length: > 0 } kind && kind != TraefikApi.ServiceKind)
            {
                Problem($"Service reference {reference.Name} has kind {kind}; Traefik only knows Service and TraefikService and skips it.");
                return;
            }

            if (external)
            {
                Problem($"Service reference {reference.Name} names a provider, which only kind TraefikService may; Traefik finds no such Kubernetes Service.");
                return;
            }

            CrossNamespace(ns, ownerNamespace, $"Service {ns}/{reference.Name}");
            _closure.Add(new ObjectKey(TraefikApi.ServiceKind, ns, reference.Name));
            if (reference.Port is null)
            {
                Problem($"Service {ns}/{reference.Name} has no port; Traefik cannot build a Kubernetes Service reference without one.");
            }

            if (reference.ServersTransport is { } transport && !transport.Contains('@', StringComparison.Ordinal))
            {
                var key = new ObjectKey(TraefikApi.ServersTransportKind, ns, transport);
                _closure.Add(key);
                if (!objects.Contains(key))
                {
                    Problem($"ServersTransport {ns}/{transport} (used by Service {ns}/{reference.Name}) does not exist; Traefik cannot build that service, so it disables the router.");
                }
            }

            if (reference.UnmodelledFields?.TryGetValue("middlewares", out var serviceMiddlewares) == true && serviceMiddlewares.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var item in serviceMiddlewares.EnumerateArray())
                {
                    if (item.ValueKind == System.Text.Json.JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.GetString() is { } name && !name.Contains('@', StringComparison.Ordinal))
                    {
                        var mwNs = item.TryGetProperty("namespace", out var m) && m.GetString() is { Length: > 0 } s ? s : ns;
                        _ = Middleware(new ObjectKey(TraefikApi.MiddlewareKind, mwNs, name), 0, []);
                    }
                }
            }

            Terminal(reference.Name, ns, reference.Port?.ToString(), fraction, copies, fallback, external: false, CanonicalJson.Options(reference));
        }

        public void Weighted(IReadOnlyList<ServiceReference> services, string ownerNamespace, decimal fraction, bool copies, bool fallback, ImmutableList<ObjectKey> stack, string what)
        {
            if (services.Count == 0)
            {
                Problem($"{Capitalise(what)} are empty; Traefik answers 503.");
                return;
            }

            var total = services.Sum(s => (decimal)Math.Max(0, s.Weight ?? 1));
            if (total == 0)
            {
                Problem($"Every weight of {what} is 0, so no service is in the pool and Traefik answers 503 to every request.");
            }

            foreach (var service in services)
            {
                var share = total == 0 ? 0m : fraction * Math.Max(0, service.Weight ?? 1) / total;
                Visit(service, ownerNamespace, share, copies, fallback, stack);
            }
        }

        public void Tcp(IReadOnlyList<TcpServiceReference> services, string ownerNamespace)
        {
            if (services.Count == 0)
            {
                Problem("The rule has no service; Traefik has nowhere to send connections.");
                return;
            }

            var weighted = services.Count > 1;
            var total = services.Sum(s => (decimal)Math.Max(0, s.Weight ?? 1));
            if (weighted && total == 0)
            {
                Problem("Every weight of the rule's services is 0, so Traefik has no server for connections.");
            }

            foreach (var service in services)
            {
                var ns = string.IsNullOrEmpty(service.Namespace) ? ownerNamespace : service.Namespace;
                CrossNamespace(ns, ownerNamespace, $"Service {ns}/{service.Name}");
                _closure.Add(new ObjectKey(TraefikApi.ServiceKind, ns, service.Name));
                if (service.ServersTransport is { } transport && !transport.Contains('@', StringComparison.Ordinal))
                {
                    _closure.Add(new ObjectKey(ReferenceGraph.ServersTransportTcpKind, ns, transport));
                }

                var share = !weighted ? 1m : total == 0 ? 0m : Math.Max(0, service.Weight ?? 1) / total;
                Terminal(service.Name, ns, service.Port?.ToString(), share, copies: false, fallback: false, external: false, CanonicalJson.Options(service));
            }
        }

        public EffectiveRouter Router(RouterProtocol protocol, int index, string match, long? priority, ImmutableList<string>? entryPoints, RouterTls? tls, ImmutableList<RouterMiddleware> middlewares) => new()
        {
            Id = RouterId(route, index),
            Protocol = protocol,
            Route = route,
            RuleIndex = index,
            Match = match,
            Priority = priority,
            EntryPoints = entryPoints,
            Tls = tls,
            Middlewares = middlewares,
            Backends = [.. _backends.Select(b => b.Backend with { Share = Percent(b.Fraction) })],
            Mirrors = [.. _mirrors.Select(m => m.Mirror with { Percent = Percent(m.Fraction) })],
            Problems = [.. _problems],
            Notes = [.. _notes],
            Closure = [.. _closure],
        };

        /// <summary>A fraction as a percentage with at most two decimals and no trailing zeros (75, not 75.00).</summary>
        private static decimal Percent(decimal fraction) => Math.Round(fraction * 100m, 2, MidpointRounding.AwayFromZero) / 1.0000000000000000000000000000m;

        private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

        private void TraefikService(ObjectKey key, decimal fraction, bool copies, bool fallback, ImmutableList<ObjectKey> stack)
        {
            _closure.Add(key);
            if (stack.Contains(key))
            {
                Problem($"TraefikService {key.Namespace}/{key.Name} leads back to itself ({string.Join(" -> ", stack.Add(key).Select(k => k.Name))}); Traefik detects the recursion and disables the router.");
                return;
            }

            if (stack.Count >= MaxDepth)
            {
                Problem($"TraefikServices nest more than {MaxDepth} deep at {key.Namespace}/{key.Name}; this model stops there.");
                return;
            }

            var service = objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, key.Namespace, key.Name);
            if (service is null || !TraefikApi.IsTraefikApiVersion(service.ApiVersion))
            {
                Problem(objects.TryGet(key, out var other)
                    ? $"TraefikService {key.Namespace}/{key.Name} has apiVersion {other.ApiVersion}, which Traefik does not read; it disables the router."
                    : $"TraefikService {key.Namespace}/{key.Name} does not exist; Traefik disables the router.");
                return;
            }

            var inner = stack.Add(key);
            var (type, children) = ServiceChildren.Read(service);
            foreach (var child in children.Where(c => c.Problem is not null))
            {
                Problem($"TraefikService {key.Namespace}/{key.Name} {child.Path} {child.Problem}");
            }

            switch (type)
            {
                case TraefikServiceType.None:
                    Problem($"TraefikService {key.Namespace}/{key.Name} sets none of weighted, mirroring, highestRandomWeight or failover; Traefik rejects it.");
                    break;
                case TraefikServiceType.Weighted or TraefikServiceType.HighestRandomWeight:
                    Weighted([.. children.Select(c => c.Reference).OfType<ServiceReference>()], service.Namespace, fraction, copies, fallback, inner, $"TraefikService {key.Namespace}/{key.Name}");
                    break;
                case TraefikServiceType.Mirroring:
                    foreach (var child in children.Where(c => c.Reference is not null))
                    {
                        if (child.Role == ChildRole.MirrorMain)
                        {
                            Visit(child.Reference!, service.Namespace, fraction, copies, fallback, inner);
                        }
                        else if (child.Percent is < 0 or > 100)
                        {
                            Problem($"TraefikService {key.Namespace}/{key.Name} {child.Path}.percent is {child.Percent}; Traefik requires 0 to 100 and rejects the mirroring.");
                        }
                        else
                        {
                            Visit(child.Reference!, service.Namespace, fraction * (child.Percent ?? 0) / 100m, copies: true, fallback, inner);
                        }
                    }

                    break;
                case TraefikServiceType.Failover:
                    foreach (var child in children.Where(c => c.Reference is not null))
                    {
                        var isFallback = child.Role == ChildRole.FailoverFallback;
                        Visit(child.Reference!, service.Namespace, isFallback ? 0m : fraction, copies, fallback || isFallback, inner);
                    }

                    break;
            }
        }

        private RouterMiddleware Middleware(ObjectKey key, int depth, ImmutableList<ObjectKey> chain)
        {
            _closure.Add(key);
            var name = $"{key.Namespace}/{key.Name}";
            if (key.Kind == TraefikApi.MiddlewareTcpKind)
            {
                var tcp = objects.Find<MiddlewareTcp>(key.Kind, key.Namespace, key.Name);
                if (tcp is null)
                {
                    Problem($"MiddlewareTCP {name} does not exist; Traefik disables the router.");
                    return new RouterMiddleware { Name = name };
                }

                var spec = ManifestYaml.ToJson(tcp)["spec"];
                var type = tcp.Spec.IpAllowList is not null ? "ipAllowList" : tcp.Spec.InFlightConn is not null ? "inFlightConn" : null;
                var summary = tcp.Spec.IpAllowList is { } allow ? "allow " + string.Join(", ", allow.SourceRange ?? [])
                    : tcp.Spec.InFlightConn is { } inFlight ? $"at most {inFlight.Amount} connections per client IP"
                    : null;
                return new RouterMiddleware { Name = name, Type = type, Summary = summary, Fingerprint = CanonicalJson.Write(spec) };
            }

            var middleware = objects.Find<Middleware>(key.Kind, key.Namespace, key.Name);
            if (middleware is null)
            {
                Problem($"Middleware {name} does not exist; Traefik disables the router.");
                return new RouterMiddleware { Name = name };
            }

            if (chain.Contains(key))
            {
                Problem($"Middleware {name} is part of its own chain; Traefik detects the recursion and disables the router.");
                return new RouterMiddleware { Name = name, Type = middleware.Spec.Type };
            }

            var fingerprint = CanonicalJson.Write(ManifestYaml.ToJson(middleware)["spec"]);
            if (middleware.Spec.Chain?.Middlewares is { } members && depth < MaxDepth)
            {
                var inner = chain.Add(key);
                var parts = new List<string> { fingerprint };
                foreach (var member in members.Where(m => !m.Name.Contains('@', StringComparison.Ordinal)))
                {
                    var ns = string.IsNullOrEmpty(member.Namespace) ? key.Namespace : member.Namespace;
                    parts.Add(Middleware(new ObjectKey(TraefikApi.MiddlewareKind, ns, member.Name), depth + 1, inner).Fingerprint ?? "missing");
                }

                fingerprint = string.Join("|", parts);
            }

            return new RouterMiddleware
            {
                Name = name,
                Type = middleware.Spec.Type ?? string.Join("+", middleware.Spec.Types),
                Summary = MiddlewareSummary.Describe(middleware.Spec),
                Fingerprint = fingerprint,
            };
        }

        private void Terminal(string service, string ns, string? port, decimal fraction, bool copies, bool fallback, bool external, ImmutableSortedDictionary<string, string> options)
        {
            if (copies)
            {
                var index = _mirrors.FindIndex(m => m.Mirror.Service == service && m.Mirror.Namespace == ns && m.Mirror.Port == port);
                if (index >= 0)
                {
                    _mirrors[index] = (_mirrors[index].Mirror, _mirrors[index].Fraction + fraction);
                }
                else
                {
                    _mirrors.Add((new EffectiveMirror { Service = service, Namespace = ns, Port = port, Percent = 0 }, fraction));
                }

                return;
            }

            var found = _backends.FindIndex(b => b.Backend.Service == service && b.Backend.Namespace == ns && b.Backend.Port == port
                && b.Backend.Fallback == fallback && b.Backend.External == external && b.Backend.Options.SequenceEqual(options));
            if (found >= 0)
            {
                _backends[found] = (_backends[found].Backend, _backends[found].Fraction + fraction);
            }
            else
            {
                _backends.Add((new EffectiveBackend { Service = service, Namespace = ns, Port = port, Share = 0, Options = options, Fallback = fallback, External = external }, fraction));
            }
        }

        private void CrossNamespace(string ns, string ownerNamespace, string what)
        {
            if (ns != ownerNamespace)
            {
                Note($"{what} is in another namespace than the object that refers to it ({ownerNamespace}); Traefik follows the reference only when its Kubernetes CRD provider runs with allowCrossNamespace=true.");
            }
        }
    }
}
