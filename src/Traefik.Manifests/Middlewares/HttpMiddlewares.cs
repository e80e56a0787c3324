using System.Collections.Immutable;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// Creates, replaces and deletes HTTP Middlewares. Pure functions of the current objects: bad input
/// throws <see cref="ManifestException"/> (every problem, with its field path) and changes nothing.
/// </summary>
public static class HttpMiddlewares
{
    /// <summary>
    /// Creates the Middleware, or replaces the whole spec of an existing one (so changing its type never
    /// leaves two type keys). Labels, annotations and other fields of an existing object are kept.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace (DNS-1123 label).</param>
    /// <param name="name">The Middleware name (DNS-1123 subdomain).</param>
    /// <param name="spec">The spec: exactly one middleware type.</param>
    /// <returns>The new objects and a <see cref="MiddlewareOutcome"/> with the type and a summary.</returns>
    /// <exception cref="ManifestException">
    /// The name or spec is invalid, a chain member or error-page TraefikService does not exist, or a
    /// chain would contain itself.
    /// </exception>
    public static OperationResult<MiddlewareOutcome> Upsert(ManifestSet current, string @namespace, string name, MiddlewareSpec spec)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new Problems();
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("name", Check.Subdomain(name, "middleware name"));
        MiddlewareRules.Validate(spec, problems);
        var key = new ObjectKey(TraefikApi.MiddlewareKind, @namespace ?? string.Empty, name ?? string.Empty);
        var editor = new ManifestEditor(current);
        Middleware? existing = null;
        if (!problems.Any)
        {
            CheckReferences(current, key, spec, problems);
            try
            {
                existing = editor.Replaceable<Middleware>(key.Kind, key.Namespace, key.Name, "name");
            }
            catch (ManifestException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        problems.ThrowIfAny($"Cannot write Middleware {@namespace}/{name}.");

        editor.CreateOrReplace<Middleware>(key.Kind, key.Namespace, key.Name, "name", null, (old, metadata) => old is null
            ? new Middleware { ApiVersion = TraefikApi.Version, Kind = TraefikApi.MiddlewareKind, Metadata = metadata, Spec = spec }
            : old with { Metadata = metadata, Spec = spec });
        var usedBy = MiddlewareUsage.Find(current, key.Namespace, key.Name);
        var previousType = existing?.Spec.Type ?? (existing is null ? null : string.Join("+", existing.Spec.Types));
        if (existing is not null && previousType != spec.Type && !usedBy.IsEmpty)
        {
            editor.Warn($"Middleware {key.Namespace}/{key.Name} changes from {previousType} to {spec.Type}, and {(usedBy.Count == 1 ? "1 place uses" : $"{usedBy.Count} places use")} it: {string.Join("; ", usedBy)}.");
        }

        if (spec.RateLimit is { Average: null or 0 })
        {
            editor.Warn($"rateLimit average is 0, which Traefik reads as no limit: Middleware {key.Namespace}/{key.Name} will let every request through.");
        }

        if (spec.ForwardAuth?.AdditionalFields.TryGetValue("trustForwardHeader", out var trust) == true && trust.ValueKind == System.Text.Json.JsonValueKind.True)
        {
            editor.Warn("spec.forwardAuth.trustForwardHeader is true: the auth server receives X-Forwarded-* headers exactly as clients sent them, so a client can claim another IP, host or scheme. Keep it only behind a proxy that overwrites those headers.");
        }

        if (usedBy.IsEmpty)
        {
            editor.Warn($"Middleware {key.Namespace}/{key.Name} is not used by any route yet, so it has no effect: attach it to a route's rules (route middlewares), in namespace {key.Namespace} or as {key.Namespace}/{key.Name} from another namespace.");
        }

        var outcome = new MiddlewareOutcome
        {
            Namespace = key.Namespace,
            Name = key.Name,
            Change = existing is null ? MiddlewareChange.Created : MiddlewareChange.Replaced,
            Type = spec.Type,
            PreviousType = previousType,
            Summary = MiddlewareSummary.Describe(spec),
            UsedBy = usedBy,
        };
        var result = editor.Result(outcome, ChangeAllowance.RoutersReaching(key, RouterProperty.Middlewares));
        return result.IsNoOp ? result with { Outcome = outcome with { Change = MiddlewareChange.Unchanged } } : result;
    }

    /// <summary>
    /// Creates the Middleware an intent describes, or replaces the whole spec of an existing one, as
    /// <see cref="Upsert(ManifestSet, string, string, MiddlewareSpec)"/> does. The intent's fields are checked against the
    /// Middleware CRD (unknown fields, types), the library's defaults and conveniences apply (see <see cref="MiddlewareIntent"/>),
    /// and every problem names the intent's path (<c>fields.average</c>, <c>trigger.threshold</c>, <c>chain[0]</c>).
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace (DNS-1123 label).</param>
    /// <param name="name">The Middleware name (DNS-1123 subdomain).</param>
    /// <param name="intent">The type and its fields.</param>
    /// <exception cref="ManifestException">The intent is not valid, does not match the CRD, or cannot be written.</exception>
    public static OperationResult<MiddlewareOutcome> Upsert(ManifestSet current, string @namespace, string name, MiddlewareIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var type = intent.Type;
        try
        {
            var (spec, warnings) = MiddlewareRules.FromIntent(@namespace, name, intent);
            type = spec.Type ?? type;
            var result = Upsert(current, @namespace, name, spec);
            var prefix = $"spec.{type}.";
            return result with { Warnings = [.. warnings, .. result.Warnings.Select(w => w.Replace(prefix, "fields.", StringComparison.Ordinal))] };
        }
        catch (ManifestException e) when (e.Problems.Count > 0)
        {
            var actual = type == MiddlewareTypes.StripPrefix && e.Problems.Any(p => p.Path.StartsWith("spec." + MiddlewareTypes.StripPrefixRegex, StringComparison.Ordinal)) ? MiddlewareTypes.StripPrefixRegex : type;
            throw new ManifestException(e.Headline, [.. e.Problems.Select(p => p with { Path = MiddlewareRules.IntentPath(p.Path, actual, intent) })]);
        }
    }

    /// <summary>
    /// Deletes a Middleware. Refused while anything still references it (a route, a chain, a
    /// service-level middleware list), because Traefik disables every router whose middleware is missing.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace.</param>
    /// <param name="name">The Middleware name.</param>
    /// <returns>The new objects and what was deleted.</returns>
    /// <exception cref="ManifestException">The Middleware does not exist, or is still referenced (each referrer is listed).</exception>
    public static OperationResult<MiddlewareOutcome> Delete(ManifestSet current, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new Problems();
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("name", Check.Subdomain(name, "middleware name"));
        problems.ThrowIfAny($"Cannot delete Middleware {@namespace}/{name}.");

        var existing = current.Find<Middleware>(TraefikApi.MiddlewareKind, @namespace, name);
        if (existing is null)
        {
            var others = current.OfType<Middleware>().Where(m => m.Namespace == @namespace).Select(m => m.Name).ToList();
            throw new ManifestException("name", $"Middleware {@namespace}/{name} does not exist; "
                + (others.Count == 0 ? $"there are no Middlewares in {@namespace}." : $"Middlewares in {@namespace}: {string.Join(", ", others)}."));
        }

        var usedBy = MiddlewareUsage.Find(current, @namespace, name);
        if (!usedBy.IsEmpty)
        {
            throw new ManifestException(
                $"Cannot delete Middleware {@namespace}/{name}: {Count(usedBy.Count, "reference")} still use{(usedBy.Count == 1 ? "s" : string.Empty)} it, and Traefik disables a router whose middleware is missing. Detach it first.",
                [.. usedBy.Select(r => new ManifestProblem(r.ToString(), $"references Middleware {@namespace}/{name}."))]);
        }

        var editor = new ManifestEditor(current);
        editor.Remove(existing.Key);
        return editor.Result(new MiddlewareOutcome
        {
            Namespace = @namespace,
            Name = name,
            Change = MiddlewareChange.Deleted,
            Type = existing.Spec.Type,
            PreviousType = existing.Spec.Type,
            Summary = MiddlewareSummary.Describe(existing.Spec),
        });
    }

    /// <summary>One line saying what a spec does, for example <c>rateLimit: 100 requests per 1s, burst 200</c>.</summary>
    public static string Describe(MiddlewareSpec spec) => MiddlewareSummary.Describe(spec);

    /// <summary>Every place that references the Middleware <paramref name="namespace"/>/<paramref name="name"/>.</summary>
    public static ImmutableList<MiddlewareReferrer> FindReferrers(ManifestSet objects, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return MiddlewareUsage.Find(objects, @namespace, name);
    }

    private static void CheckReferences(ManifestSet current, ObjectKey self, MiddlewareSpec spec, Problems problems)
    {
        if (spec.Chain?.Middlewares is { } members)
        {
            for (var i = 0; i < members.Count; i++)
            {
                var member = members[i];
                var path = $"spec.chain.middlewares[{i}]";
                if (MiddlewareReferences.IsCrossProvider(member))
                {
                    continue;
                }

                var ns = MiddlewareReferences.ResolvedNamespace(member, self.Namespace);
                if (ns == self.Namespace && member.Name == self.Name)
                {
                    problems.Add(path, $"a chain cannot contain itself ({self.Namespace}/{self.Name}); Traefik rejects a recursive chain.");
                    continue;
                }

                var before = problems.Count;
                MiddlewareReferences.RequireExisting(current, member, self.Namespace, problems, path);
                if (problems.Count == before && ChainPath(current, new ObjectKey(TraefikApi.MiddlewareKind, ns, member.Name), self) is { } loop)
                {
                    problems.Add(path, $"{ns}/{member.Name} leads back to {self.Namespace}/{self.Name} ({string.Join(" -> ", loop)}); Traefik rejects a recursive chain.");
                }
            }
        }

        if (spec.Errors?.Service is { } service && service.IsTraefikService() && !service.Name.Contains('@', StringComparison.Ordinal))
        {
            var ns = string.IsNullOrEmpty(service.Namespace) ? self.Namespace : service.Namespace;
            if (!current.Contains(new ObjectKey(TraefikApi.TraefikServiceKind, ns, service.Name)))
            {
                problems.Add("spec.errors.service.name", $"TraefikService {ns}/{service.Name} does not exist; create it first, or reference one from another provider as name@provider.");
            }
        }
    }

    /// <summary>The chain of middlewares from <paramref name="start"/> to <paramref name="target"/>, or null when there is none.</summary>
    private static List<string>? ChainPath(ManifestSet current, ObjectKey start, ObjectKey target)
    {
        var visited = new HashSet<ObjectKey>();
        var trail = new List<string>();

        bool Visit(ObjectKey key)
        {
            if (!visited.Add(key))
            {
                return false;
            }

            trail.Add($"{key.Namespace}/{key.Name}");
            if (key == target)
            {
                return true;
            }

            if (current.Find<Middleware>(TraefikApi.MiddlewareKind, key.Namespace, key.Name)?.Spec.Chain?.Middlewares is { } next)
            {
                foreach (var member in next.Where(m => !MiddlewareReferences.IsCrossProvider(m)))
                {
                    if (Visit(new ObjectKey(TraefikApi.MiddlewareKind, MiddlewareReferences.ResolvedNamespace(member, key.Namespace), member.Name)))
                    {
                        return true;
                    }
                }
            }

            trail.RemoveAt(trail.Count - 1);
            return false;
        }

        return Visit(start) ? trail : null;
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? string.Empty : "s")}";
}
