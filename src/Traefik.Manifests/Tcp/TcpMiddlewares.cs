using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Transports;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tcp;

/// <summary>TCP middlewares (MiddlewareTCP): an IP allow list or a per-IP connection limit. Pure functions of (current objects, intent).</summary>
public static class TcpMiddlewares
{
    /// <summary>
    /// Creates the middleware, or replaces its spec (so switching from one type to the other leaves only
    /// the new one). Labels and annotations of an existing middleware are kept.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The middleware's namespace.</param>
    /// <param name="name">The middleware's name (a DNS-1123 subdomain).</param>
    /// <param name="spec">Exactly one of <c>ipAllowList</c> (IPs and CIDR ranges) or <c>inFlightConn</c> (amount of 1 or more).</param>
    /// <returns>The key of the middleware written.</returns>
    /// <exception cref="ManifestException">
    /// The name or the spec is not valid (every problem is listed), or an object of the same name was not written
    /// by this library (another apiVersion).
    /// </exception>
    public static OperationResult<ObjectKey> Upsert(ManifestSet current, string @namespace, string name, MiddlewareTcpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new Problems();
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("name", Check.Subdomain(name, "MiddlewareTCP name"));
        var warnings = Validate(spec, problems);
        problems.ThrowIfAny($"The MiddlewareTCP {name} is not valid.");

        var editor = new ManifestEditor(current);
        editor.CreateOrReplace<MiddlewareTcp>(TraefikApi.MiddlewareTcpKind, @namespace, name, "name", null, (_, metadata) => new MiddlewareTcp
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.MiddlewareTcpKind,
            Metadata = metadata,
            Spec = spec,
        });
        warnings.ForEach(editor.Warn);
        var key = new ObjectKey(TraefikApi.MiddlewareTcpKind, @namespace, name);
        if (!current.Graph.Holders(key).Any(h => h.Kind == TraefikApi.IngressRouteTcpKind))
        {
            editor.Warn($"MiddlewareTCP {@namespace}/{name} is not used by any TCP route yet, so it has no effect: list it in an IngressRouteTCP's middlewares (in namespace {@namespace}, or as {@namespace}/{name} from another namespace).");
        }

        return editor.Result(key, ChangeAllowance.RoutersReaching(key, RouterProperty.Middlewares));
    }

    /// <summary>Deletes the middleware.</summary>
    /// <returns>The key of the deleted middleware.</returns>
    /// <exception cref="ManifestException">
    /// The middleware does not exist, or an IngressRouteTCP still references it (each reference is
    /// listed: Traefik disables a router whose middleware is missing).
    /// </exception>
    public static OperationResult<ObjectKey> Delete(ManifestSet current, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new Problems();
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("name", Check.Subdomain(name, "MiddlewareTCP name"));
        problems.ThrowIfAny($"Cannot delete MiddlewareTCP {name}.");
        var key = new ObjectKey(TraefikApi.MiddlewareTcpKind, @namespace, name);
        if (!current.Contains(key))
        {
            throw new ManifestException("name", $"MiddlewareTCP {@namespace}/{name} does not exist.");
        }

        var users = new List<ManifestProblem>();
        var qualified = TransportReferences.Qualified(@namespace, name);
        foreach (var route in current.OfType<IngressRouteTcp>())
        {
            for (var i = 0; i < route.Spec.Routes.Count; i++)
            {
                var middlewares = route.Spec.Routes[i].Middlewares ?? [];
                for (var j = 0; j < middlewares.Count; j++)
                {
                    var m = middlewares[j];
                    var uses = MiddlewareReferences.IsCrossProvider(m)
                        ? m.Name == qualified
                        : m.Name == name && MiddlewareReferences.ResolvedNamespace(m, route.Namespace) == @namespace;
                    if (uses)
                    {
                        users.Add(new ManifestProblem($"{route.Key} spec.routes[{i}].middlewares[{j}]", "uses this middleware."));
                    }
                }
            }
        }

        if (users.Count > 0)
        {
            throw new ManifestException($"MiddlewareTCP {@namespace}/{name} is still used; remove it from these routes first (Traefik disables a router whose middleware is missing).", users);
        }

        var editor = new ManifestEditor(current);
        editor.Remove(key);
        return editor.Result(key);
    }

    private static List<string> Validate(MiddlewareTcpSpec spec, Problems problems)
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
