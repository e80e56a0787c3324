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
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace of the route and its Services.</param>
    /// <param name="routeName">The route name (a DNS-1123 label).</param>
    /// <param name="intent">The entry points, SNI match, TLS, Services and middlewares.</param>
    /// <exception cref="ManifestException">The intent is not valid; every problem is listed.</exception>
    public static OperationResult<TcpRouteOutcome> Upsert(ManifestSet current, string @namespace, string routeName, TcpRouteIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var spec = intent;
        var sni = intent.SniHost ?? TcpDefaults.AnySni;
        var problems = new Problems();
        problems.Check("name", Check.Label(routeName, "route name"));
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        TcpRules.EntryPoints(spec.EntryPoints, problems);
        var tls = TcpRules.Tls(spec, problems);
        if (sni != TcpDefaults.AnySni)
        {
            var hostError = Check.HostName(sni);
            problems.Check("sniHost", hostError);
            if (hostError is null && tls is null)
            {
                problems.Add("sniHost", $"HostSNI(`{sni}`) needs TLS: clients send the server name (SNI) only in a TLS handshake, so Traefik can match a host name on TLS routes only. Set tlsPassthrough (the backend terminates TLS), tlsSecretName or tlsCertResolver (Traefik terminates TLS), or use \"*\" to take every connection.");
            }
        }

        TcpRules.Services(spec.Services, problems);
        var middlewares = TcpRules.Middlewares(current, @namespace, spec, problems);
        problems.ThrowIfAny($"The TCP route {routeName} is not valid.");

        var editor = new ManifestEditor(current);
        var existing = editor.Replaceable<IngressRouteTcp>(TraefikApi.IngressRouteTcpKind, @namespace, routeName, "name");
        var match = $"HostSNI(`{sni}`)";
        editor.CreateOrReplace<IngressRouteTcp>(TraefikApi.IngressRouteTcpKind, @namespace, routeName, "name", routeName, (_, metadata) => new IngressRouteTcp
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
            editor.Warn($"IngressRouteTCP {@namespace}/{routeName} had {existing.Spec.Routes.Count} rules; it now has the one rule {match}.");
        }

        if (sni == TcpDefaults.AnySni)
        {
            foreach (var entryPoint in spec.EntryPoints.Where(TcpDefaults.HttpEntryPoints.Contains))
            {
                editor.Warn($"HostSNI(`*`) on entry point {entryPoint} takes every {(tls is null ? string.Empty : "TLS ")}connection there before any HTTP router sees it (TCP routers come first); give this TCP service an entry point of its own.");
            }
        }

        var key = new ObjectKey(TraefikApi.IngressRouteTcpKind, @namespace, routeName);
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
}
