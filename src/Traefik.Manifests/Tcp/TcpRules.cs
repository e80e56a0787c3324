using System.Collections.Immutable;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tcp;

/// <summary>The rules of TCP routes and MiddlewareTCPs: what Traefik would reject or silently misread. Every problem is reported with its path.</summary>
internal static class TcpRules
{
    public static void EntryPoints(ImmutableList<string>? entryPoints, Problems problems)
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

    public static IngressRouteTcpTls? Tls(TcpRouteIntent spec, Problems problems)
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

    public static void Services(ImmutableList<TcpBackend>? services, Problems problems)
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
            problems.Check($"services[{i}].name", s.Name is null ? "is required: the Kubernetes Service name." : Check.ServiceName(s.Name));
            if (s.Port is { Number: null, Text: null })
            {
                problems.Add($"services[{i}].port", "is required: the Service port number or name, e.g. 5432.");
            }
            else
            {
                RouteRules.Port(s.Port, problems, $"services[{i}].port");
            }
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

    public static ImmutableList<MiddlewareReference> Middlewares(ManifestSet current, string @namespace, TcpRouteIntent spec, Problems problems)
    {
        var result = ImmutableList.CreateBuilder<MiddlewareReference>();
        var names = spec.Middlewares ?? [];
        for (var i = 0; i < names.Count; i++)
        {
            var path = $"middlewares[{i}]";
            var reference = MiddlewareReferences.Parse(names[i], @namespace, problems, path);
            if (reference is null)
            {
                continue;
            }

            if (result.Any(r => MiddlewareReferences.SameTarget(r, reference, @namespace)))
            {
                problems.Add(path, $"{Check.Show(names[i])} is given twice; give each middleware once.");
                continue;
            }

            if (!MiddlewareReferences.IsCrossProvider(reference))
            {
                var ns = MiddlewareReferences.ResolvedNamespace(reference, @namespace);
                if (!current.Contains(new ObjectKey(TraefikApi.MiddlewareTcpKind, ns, reference.Name)))
                {
                    problems.Add(path, $"MiddlewareTCP {ns}/{reference.Name} does not exist; Traefik disables a router whose middleware is missing. Create the MiddlewareTCP first, or reference one from another provider as name@provider.");
                }
            }

            result.Add(reference);
        }

        return result.ToImmutable();
    }

    public static List<string> Validate(MiddlewareTcpSpec spec, Problems problems)
    {
        var warnings = new List<string>();
        var types = 0;
        foreach (var key in spec.AdditionalFields.Keys)
        {
            problems.Add("spec." + key, key == "ipWhiteList"
                ? "is the deprecated name of ipAllowList; use ipAllowList."
                : "is not a MiddlewareTCP type; use ipAllowList or inFlightConn.");
            types++;
        }

        if (spec.IpAllowList is { } allow)
        {
            types++;
            var ranges = allow.SourceRange ?? [];
            if (ranges.Count == 0)
            {
                problems.Add("spec.ipAllowList.sourceRange", "give at least one IP address or CIDR range; Traefik rejects an empty allow list and disables the routers using it.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < ranges.Count; i++)
            {
                var path = $"spec.ipAllowList.sourceRange[{i}]";
                problems.Check(path, Check.IpOrCidr(ranges[i]));
                if (ranges[i] is { } r && !seen.Add(r))
                {
                    problems.Add(path, $"{Check.Show(r)} is given twice; give each range once.");
                }

                if (ranges[i] is "0.0.0.0/0" or "::/0")
                {
                    warnings.Add($"ipAllowList source range {ranges[i]} allows every client of that address family, so the allow list filters nothing for them.");
                }
            }
        }

        if (spec.InFlightConn is { } inFlight)
        {
            types++;
            if (inFlight.Amount is not { } amount)
            {
                problems.Add("spec.inFlightConn.amount", "is required: the most simultaneous connections allowed from one client IP.");
            }
            else if (amount < 1)
            {
                problems.Add("spec.inFlightConn.amount", $"must be 1 or more (got {amount}): with {amount} Traefik closes every connection.");
            }
        }

        if (types == 0)
        {
            problems.Add("spec", "set one middleware type: ipAllowList (source ranges) or inFlightConn (amount).");
        }
        else if (spec.IpAllowList is not null && spec.InFlightConn is not null)
        {
            problems.Add("spec", "sets both ipAllowList and inFlightConn; a MiddlewareTCP holds one type. Create two middlewares and list both on the route.");
        }

        return warnings;
    }
}
