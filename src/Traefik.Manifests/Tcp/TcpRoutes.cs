using System.Collections.Immutable;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tcp;

/// <summary>TCP routes (IngressRouteTCP). Pure functions of (current objects, intent).</summary>
public static class TcpRoutes
{
    /// <summary>
    /// Creates the route, or replaces its spec (so a route re-created without TLS loses its TLS).
    /// Labels, annotations and the <c>ingressClassName</c> of an existing route are kept.
    /// </summary>
    /// <exception cref="ManifestException">The spec is not valid; every problem is listed.</exception>
    public static OperationResult<TcpRouteOutcome> Upsert(ManifestSet current, TcpRouteSpec spec)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new Problems();
        problems.Check("name", Check.Label(spec.Name, "route name"));
        problems.Check("namespace", Check.Label(spec.Namespace, "namespace"));
        EntryPoints(spec.EntryPoints, problems);
        var tls = Tls(spec, problems);
        if (spec.SniHost != TcpDefaults.AnySni)
        {
            var hostError = Check.HostName(spec.SniHost);
            problems.Check("sniHost", hostError);
            if (hostError is null && tls is null)
            {
                problems.Add("sniHost", $"HostSNI(`{spec.SniHost}`) needs TLS: clients send the server name (SNI) only in a TLS handshake, so Traefik can match a host name on TLS routes only. Set tlsPassthrough (the backend terminates TLS), tlsSecretName or tlsCertResolver (Traefik terminates TLS), or use \"*\" to take every connection.");
            }
        }

        Services(spec.Services, problems);
        var middlewares = Middlewares(current, spec, problems);
        problems.ThrowIfAny($"The TCP route {spec.Name} is not valid.");

        var editor = new ManifestEditor(current);
        var existing = editor.Replaceable<IngressRouteTcp>(TraefikApi.IngressRouteTcpKind, spec.Namespace, spec.Name, "name");
        var match = $"HostSNI(`{spec.SniHost}`)";
        editor.CreateOrReplace<IngressRouteTcp>(TraefikApi.IngressRouteTcpKind, spec.Namespace, spec.Name, "name", spec.Name, (_, metadata) => new IngressRouteTcp
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.IngressRouteTcpKind,
            Metadata = metadata,
            Spec = new IngressRouteTcpSpec
            {
                IngressClassName = existing?.Spec.IngressClassName,
                EntryPoints = spec.EntryPoints,
                Routes =
                [
                    new TcpRouteRule
                    {
                        Match = match,
                        Middlewares = middlewares.Count == 0 ? null : middlewares,
                        Services = [.. spec.Services.Select(s => new TcpServiceReference { Name = s.Name, Port = s.Port, Weight = s.Weight })],
                    },
                ],
                Tls = tls,
            },
        });

        if (existing?.Spec.Routes.Count > 1)
        {
            editor.Warn($"IngressRouteTCP {spec.Namespace}/{spec.Name} had {existing.Spec.Routes.Count} rules; it now has the one rule {match}.");
        }

        if (spec.SniHost == TcpDefaults.AnySni)
        {
            foreach (var entryPoint in spec.EntryPoints.Where(TcpDefaults.HttpEntryPoints.Contains))
            {
                editor.Warn($"HostSNI(`*`) on entry point {entryPoint} takes every {(tls is null ? string.Empty : "TLS ")}connection there before any HTTP router sees it (TCP routers come first); give this TCP service an entry point of its own.");
            }
        }

        var key = new ObjectKey(TraefikApi.IngressRouteTcpKind, spec.Namespace, spec.Name);
        return editor.Result(new TcpRouteOutcome { Route = key, Match = match, Created = existing is null }, ChangeAllowance.RoutersOf(key));
    }

    /// <summary>Deletes the route (its Services and MiddlewareTCPs are left alone).</summary>
    /// <returns>The key of the deleted route.</returns>
    /// <exception cref="ManifestException">A name is not valid, or the route does not exist.</exception>
    public static OperationResult<ObjectKey> Delete(ManifestSet current, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new Problems();
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("name", Check.Label(name, "route name"));
        problems.ThrowIfAny($"Cannot delete TCP route {name}.");
        var key = new ObjectKey(TraefikApi.IngressRouteTcpKind, @namespace, name);
        var editor = new ManifestEditor(current);
        if (!editor.Remove(key))
        {
            throw new ManifestException("name", $"IngressRouteTCP {@namespace}/{name} does not exist.");
        }

        return editor.Result(key, ChangeAllowance.RoutersOf(key));
    }

    private static void EntryPoints(ImmutableList<string>? entryPoints, Problems problems)
    {
        if (entryPoints is null or { Count: 0 })
        {
            problems.Add("entryPoints", "give at least one entry point, declared in Traefik's static configuration for this protocol (for example postgres). There is no default: without entry points the route would listen on every entry point, web and websecure included.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entryPoints.Count; i++)
        {
            problems.Check($"entryPoints[{i}]", Check.EntryPoint(entryPoints[i]));
            if (entryPoints[i] is { } e && !seen.Add(e))
            {
                problems.Add($"entryPoints[{i}]", $"{Check.Show(e)} is given twice; give each entry point once.");
            }
        }
    }

    private static IngressRouteTcpTls? Tls(TcpRouteSpec spec, Problems problems)
    {
        if (spec.TlsSecretName is not null)
        {
            problems.Check("tlsSecretName", Check.Subdomain(spec.TlsSecretName, "Secret name"));
        }

        if (spec.TlsCertResolver is not null)
        {
            problems.Check("tlsCertResolver", Check.StaticName(spec.TlsCertResolver, "certificate resolver name"));
        }

        if (spec.TlsPassthrough)
        {
            if (spec.TlsSecretName is not null)
            {
                problems.Add("tlsSecretName", "cannot be combined with tlsPassthrough: with passthrough the backend terminates TLS with its own certificate, so Traefik never uses the Secret. Remove one of them.");
            }

            if (spec.TlsCertResolver is not null)
            {
                problems.Add("tlsCertResolver", "cannot be combined with tlsPassthrough: with passthrough the backend terminates TLS with its own certificate, so Traefik never uses the resolver. Remove one of them.");
            }

            return new IngressRouteTcpTls { Passthrough = true };
        }

        return spec.TlsSecretName is null && spec.TlsCertResolver is null
            ? null
            : new IngressRouteTcpTls { SecretName = spec.TlsSecretName, CertResolver = spec.TlsCertResolver };
    }

    private static void Services(ImmutableList<TcpBackend>? services, Problems problems)
    {
        if (services is null or { Count: 0 })
        {
            problems.Add("services", "give at least one Kubernetes Service (name and port).");
            return;
        }

        var seen = new HashSet<(string?, string)>();
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            problems.Check($"services[{i}].name", Check.ServiceName(s.Name));
            RouteParts.Port(s.Port, problems, $"services[{i}].port");
            if (s.Weight is < 0)
            {
                problems.Add($"services[{i}].weight", $"must be 0 or more (got {s.Weight}); weights are relative, 0 sends no connections.");
            }

            if (!seen.Add((s.Name, s.Port.ToString())))
            {
                problems.Add($"services[{i}]", $"Service {s.Name} port {s.Port} is given twice; give each backend once.");
            }
        }

        if (services.All(s => s.Weight == 0))
        {
            problems.Add("services", "every weight is 0, so no backend would receive connections; give at least one service a weight above 0.");
        }
    }

    private static ImmutableList<MiddlewareReference> Middlewares(ManifestSet current, TcpRouteSpec spec, Problems problems)
    {
        var result = ImmutableList.CreateBuilder<MiddlewareReference>();
        var names = spec.Middlewares ?? [];
        for (var i = 0; i < names.Count; i++)
        {
            var path = $"middlewares[{i}]";
            var reference = MiddlewareReferences.Parse(names[i], spec.Namespace, problems, path);
            if (reference is null)
            {
                continue;
            }

            if (result.Any(r => MiddlewareReferences.SameTarget(r, reference, spec.Namespace)))
            {
                problems.Add(path, $"{Check.Show(names[i])} is given twice; give each middleware once.");
                continue;
            }

            if (!MiddlewareReferences.IsCrossProvider(reference))
            {
                var ns = MiddlewareReferences.ResolvedNamespace(reference, spec.Namespace);
                if (!current.Contains(new ObjectKey(TraefikApi.MiddlewareTcpKind, ns, reference.Name)))
                {
                    problems.Add(path, $"MiddlewareTCP {ns}/{reference.Name} does not exist; Traefik disables a router whose middleware is missing. Create the MiddlewareTCP first, or reference one from another provider as name@provider.");
                }
            }

            result.Add(reference);
        }

        return result.ToImmutable();
    }
}
