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
    /// <param name="intent">The spec: exactly one of <c>ipAllowList</c> (IPs and CIDR ranges) or <c>inFlightConn</c> (amount of 1 or more).</param>
    /// <returns>The key of the middleware written.</returns>
    /// <exception cref="ManifestException">
    /// The name or the spec is not valid (every problem is listed), or an object of the same name was not written
    /// by this library (another apiVersion).
    /// </exception>
    public static OperationResult<ObjectKey> Upsert(ManifestSet current, string @namespace, string name, TcpMiddlewareIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var spec = intent.Spec ?? new MiddlewareTcpSpec();
        var problems = new Problems();
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("name", Check.Subdomain(name, "MiddlewareTCP name"));
        var warnings = TcpRules.Validate(spec, problems);
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
}
