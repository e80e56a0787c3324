using System.Collections.Immutable;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Transports;

/// <summary>
/// ServersTransports and the links that make them do something. Traefik applies a transport only to
/// the Service references that name it: the <c>serversTransport</c> field of a service reference in an
/// IngressRoute or TraefikService (resolved in the namespace of the referenced Kubernetes Service), or,
/// for routes of the Kubernetes Ingress provider only, the Service annotation
/// <c>traefik.ingress.kubernetes.io/service.serverstransport: &lt;ns&gt;-&lt;name&gt;@kubernetescrd</c>.
/// Pure functions of (current objects, intent).
/// </summary>
public static class ServersTransports
{
    /// <summary>
    /// Creates the transport, or replaces its spec with the intent's (a field left out is removed, so
    /// <c>insecureSkipVerify</c> can be turned off), and links the intent's Services to it in the same change. Labels and
    /// annotations of an existing transport are kept.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The transport's namespace (a DNS-1123 label).</param>
    /// <param name="name">The transport's name (a DNS-1123 subdomain).</param>
    /// <param name="intent">The complete desired spec, and the Services to link in the same change.</param>
    /// <exception cref="ManifestException">
    /// The name or the intent is not valid (every problem is listed), an object of the same name was not written by this
    /// library, or a Service to link cannot be (see <see cref="Link"/>).
    /// </exception>
    public static OperationResult<ServersTransportOutcome> Upsert(ManifestSet current, string @namespace, string name, ServersTransportIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var spec = intent.Spec ?? new ServersTransportSpec();
        var services = intent.ServiceNames ?? [];
        var problems = new Problems();
        Names(@namespace, name, problems, "name");
        var warnings = ServersTransportRules.Validate(spec, problems);
        if (intent.AnnotateServices && services.IsEmpty)
        {
            problems.Add("annotateServices", "applies to the Services being linked: give serviceNames too.");
        }

        problems.ThrowIfAny($"The ServersTransport {name} is not valid.");

        var editor = new ManifestEditor(current);
        var existing = editor.Replaceable<ServersTransport>(TraefikApi.ServersTransportKind, @namespace, name, "name");
        var normalized = ServersTransportRules.Normalize(spec);
        editor.CreateOrReplace<ServersTransport>(TraefikApi.ServersTransportKind, @namespace, name, "name", null, (_, metadata) => new ServersTransport
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.ServersTransportKind,
            Metadata = metadata,
            Spec = normalized,
        });
        foreach (var warning in warnings)
        {
            editor.Warn(warning);
        }

        if (existing is not null)
        {
            var dropped = existing.Spec.AdditionalFields.Keys.Where(k => !normalized.AdditionalFields.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            if (dropped.Count > 0)
            {
                editor.Warn($"The previous spec of ServersTransport {@namespace}/{name} had {string.Join(", ", dropped)}, which the new spec does not set; removed."
                    + (dropped.Contains("rootCAsSecrets") ? " rootCAsSecrets is deprecated: list those Secrets under rootCAs as {secret: <name>}." : string.Empty));
            }
        }

        var key = new ObjectKey(TraefikApi.ServersTransportKind, @namespace, name);
        var allowed = ChangeAllowance.RoutersReaching(key, RouterProperty.Options, optionNames: ["serversTransport"]);
        if (!services.IsEmpty)
        {
            var created = editor.Result(new ServersTransportOutcome { Transport = key, Created = existing is null, UsedBy = [] }, allowed);
            var linked = created.Then(s => Link(s, @namespace, name, new TransportLinkIntent { ServiceNames = services, AnnotateServices = intent.AnnotateServices }));
            return linked.WithOutcome(created.Outcome with { UsedBy = [.. TransportReferences.Users(linked.Objects, @namespace, name)] });
        }

        var users = TransportReferences.Users(editor.Current, @namespace, name);
        if (users.Count == 0)
        {
            editor.Warn($"ServersTransport {@namespace}/{name} is not used by any route yet, so it has no effect: link it to the backend Services (that sets serversTransport: {name} on the IngressRoute and TraefikService references to them).");
        }

        return editor.Result(new ServersTransportOutcome { Transport = key, Created = existing is null, UsedBy = [.. users] }, allowed);
    }

    /// <summary>Deletes the transport.</summary>
    /// <returns>The key of the deleted transport.</returns>
    /// <exception cref="ManifestException">
    /// The transport does not exist, or a service reference or Service annotation still uses it (each
    /// one is listed: Traefik would fail those services).
    /// </exception>
    public static OperationResult<ObjectKey> Delete(ManifestSet current, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new Problems();
        Names(@namespace, name, problems, "name");
        problems.ThrowIfAny($"Cannot delete ServersTransport {name}.");

        var key = new ObjectKey(TraefikApi.ServersTransportKind, @namespace, name);
        if (!current.Contains(key))
        {
            throw new ManifestException("name", $"ServersTransport {@namespace}/{name} does not exist.");
        }

        var users = TransportReferences.Users(current, @namespace, name);
        if (users.Count > 0)
        {
            throw new ManifestException(
                $"ServersTransport {@namespace}/{name} is still used; unlink it first (Traefik cannot build a service whose transport is missing).",
                users.Select(u => new ManifestProblem(u.ToString(), "uses this transport.")).ToList());
        }

        var editor = new ManifestEditor(current);
        editor.Remove(key);
        return editor.Result(key);
    }

    /// <summary>
    /// Makes Kubernetes Services use the transport: sets <c>serversTransport</c> on every reference to
    /// them (kind <c>Service</c>, resolving to <paramref name="namespace"/>) in IngressRoute rules and in
    /// TraefikServices (weighted children, mirroring main service and mirrors). With
    /// <see cref="TransportLinkIntent.AnnotateServices"/>, also sets the <c>service.serverstransport</c> annotation on
    /// the Service manifests, for routes of Traefik's Kubernetes Ingress provider.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace of the transport and of the Services.</param>
    /// <param name="transportName">The transport; it must exist.</param>
    /// <param name="intent">The Kubernetes Service names (one or more), and whether to annotate their Service manifests too (which must then be in <paramref name="current"/>).</param>
    /// <exception cref="ManifestException">
    /// A name is not valid, the transport does not exist, a Service is referenced by no route (and is not
    /// annotated), or a Service to annotate is not in the set.
    /// </exception>
    public static OperationResult<TransportLinkOutcome> Link(ManifestSet current, string @namespace, string transportName, TransportLinkIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        IReadOnlyList<string> serviceNames = intent.ServiceNames ?? [];
        var annotateServices = intent.AnnotateServices;
        var problems = new Problems();
        Names(@namespace, transportName, problems, "transportName");
        ServiceNames(serviceNames, required: true, problems);
        problems.ThrowIfAny($"Cannot link ServersTransport {transportName}.");
        if (!current.Contains(new ObjectKey(TraefikApi.ServersTransportKind, @namespace, transportName)))
        {
            throw new ManifestException("transportName", $"ServersTransport {@namespace}/{transportName} does not exist; create it first.");
        }

        var editor = new ManifestEditor(current);
        var wanted = serviceNames.ToHashSet(StringComparer.Ordinal);
        var references = new List<FoundServiceReference>();
        foreach (var value in current)
        {
            var updated = ServiceReferenceWalker.Rewrite(value, found =>
            {
                if (!ServiceReferenceWalker.IsKubernetesService(found.Reference) || found.TargetNamespace != @namespace || !wanted.Contains(found.Reference.Name))
                {
                    return found.Reference;
                }

                references.Add(found);
                if (TransportReferences.Names(found.Reference.ServersTransport, found.TargetNamespace, @namespace, transportName))
                {
                    return found.Reference;
                }

                if (found.Reference.ServersTransport is { } previous)
                {
                    editor.Warn($"{found.Location} used transport {previous}; it now uses {transportName}.");
                }

                return found.Reference with { ServersTransport = transportName };
            });
            if (!ReferenceEquals(updated, value))
            {
                editor.Set(updated);
            }
        }

        var annotated = new List<ObjectKey>();
        for (var i = 0; i < serviceNames.Count; i++)
        {
            var service = serviceNames[i];
            if (annotateServices)
            {
                var manifest = current.Find<CoreService>(TraefikApi.ServiceKind, @namespace, service);
                if (manifest is null)
                {
                    problems.Add($"serviceNames[{i}]", $"Service {@namespace}/{service} is not in the manifests, so its {TransportDefaults.ServiceAnnotation} annotation cannot be set; add the Service manifest to the repository, or link without annotating Services.");
                    continue;
                }

                editor.Set(manifest with { Metadata = Annotate(manifest, TransportReferences.Qualified(@namespace, transportName)) });
                annotated.Add(manifest.Key);
            }
            else if (!references.Any(r => r.Reference.Name == service))
            {
                var elsewhere = TransportReferences.UneditedReferences(current, @namespace, service, new HashSet<ServiceReferenceLocation>());
                problems.Add($"serviceNames[{i}]", elsewhere.Count > 0
                    ? $"Service {@namespace}/{service} is referenced only in fields this library does not edit ({string.Join(", ", elsewhere)}); set serversTransport: {transportName} there by hand."
                    : $"no IngressRoute or TraefikService references Service {@namespace}/{service}, so linking would change nothing: Traefik applies a transport through the serversTransport field of a route's service references. Create the route first, or annotate the Service ({TransportDefaults.ServiceAnnotation}) if it is served through a Kubernetes Ingress.");
            }
        }

        problems.ThrowIfAny($"Cannot link ServersTransport {transportName}.");
        var edited = references.Select(r => r.Location).ToHashSet();
        foreach (var service in serviceNames)
        {
            foreach (var other in TransportReferences.UneditedReferences(current, @namespace, service, edited))
            {
                editor.Warn($"{other} references Service {@namespace}/{service} in a field this library does not edit; set serversTransport: {transportName} there by hand if it should use the transport.");
            }
        }

        if (annotateServices)
        {
            editor.Warn($"The {TransportDefaults.ServiceAnnotation} annotation is read only by Traefik's Kubernetes Ingress provider (routes from Ingress objects); IngressRoute and TraefikService routes use the serversTransport field of their service references instead.");
        }

        var allowed = ChangeAllowance.None;
        foreach (var service in serviceNames.Distinct(StringComparer.Ordinal))
        {
            allowed = allowed.And(ChangeAllowance.RoutersReaching(new ObjectKey(TraefikApi.ServiceKind, @namespace, service), RouterProperty.Options, [$"{@namespace}/{service}"], ["serversTransport"]));
        }

        return editor.Result(
            new TransportLinkOutcome
            {
                Transport = new ObjectKey(TraefikApi.ServersTransportKind, @namespace, transportName),
                References = [.. references.Select(r => r.Location)],
                AnnotatedServices = [.. annotated],
            },
            allowed);
    }

    /// <summary>
    /// Stops Kubernetes Services from using the transport: removes <c>serversTransport</c> from every
    /// IngressRoute and TraefikService reference to them that names this transport, and the
    /// <c>service.serverstransport</c> annotation from their Service manifests when it names it.
    /// References to other transports are left alone. Nothing to remove is not an error.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The namespace of the transport and of the Services.</param>
    /// <param name="transportName">The transport (it need not exist any more).</param>
    /// <param name="intent">The Kubernetes Service names; none means every Service using the transport (annotations naming it are always removed).</param>
    /// <exception cref="ManifestException">A name is not valid.</exception>
    public static OperationResult<TransportLinkOutcome> Unlink(ManifestSet current, string @namespace, string transportName, TransportLinkIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        IReadOnlyList<string>? serviceNames = intent.ServiceNames;
        var problems = new Problems();
        Names(@namespace, transportName, problems, "transportName");
        ServiceNames(serviceNames ?? [], required: false, problems);
        problems.ThrowIfAny($"Cannot unlink ServersTransport {transportName}.");

        var all = serviceNames is null or { Count: 0 };
        var wanted = (serviceNames ?? []).ToHashSet(StringComparer.Ordinal);
        var editor = new ManifestEditor(current);
        var references = new List<ServiceReferenceLocation>();
        var annotated = new List<ObjectKey>();
        var qualified = TransportReferences.Qualified(@namespace, transportName);
        foreach (var value in current)
        {
            if (value is CoreService service)
            {
                if (service.Namespace == @namespace && (all || wanted.Contains(service.Name))
                    && TransportReferences.Annotation(service) is { } annotation && annotation.Value == qualified)
                {
                    editor.Set(service with { Metadata = Annotate(service, null) });
                    annotated.Add(service.Key);
                }

                continue;
            }

            var updated = ServiceReferenceWalker.Rewrite(value, found =>
            {
                if (!ServiceReferenceWalker.IsKubernetesService(found.Reference) || found.TargetNamespace != @namespace
                    || !(all || wanted.Contains(found.Reference.Name))
                    || !TransportReferences.Names(found.Reference.ServersTransport, found.TargetNamespace, @namespace, transportName))
                {
                    return found.Reference;
                }

                references.Add(found.Location);
                return found.Reference with { ServersTransport = null };
            });
            if (!ReferenceEquals(updated, value))
            {
                editor.Set(updated);
            }
        }

        if (all)
        {
            foreach (var left in TransportReferences.Users(editor.Current, @namespace, transportName))
            {
                editor.Warn($"{left} still uses ServersTransport {@namespace}/{transportName} (a field this library does not edit); remove it by hand before deleting the transport.");
            }
        }

        var transport = new ObjectKey(TraefikApi.ServersTransportKind, @namespace, transportName);
        var allowed = all
            ? ChangeAllowance.RoutersReaching(transport, RouterProperty.Options, optionNames: ["serversTransport"])
            : wanted.Aggregate(ChangeAllowance.None, (a, service) => a.And(ChangeAllowance.RoutersReaching(new ObjectKey(TraefikApi.ServiceKind, @namespace, service), RouterProperty.Options, [$"{@namespace}/{service}"], ["serversTransport"])));
        return editor.Result(
            new TransportLinkOutcome { Transport = transport, References = [.. references], AnnotatedServices = [.. annotated] },
            allowed);
    }

    private static void Names(string? @namespace, string? name, Problems problems, string namePath)
    {
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check(namePath, Check.Subdomain(name, "ServersTransport name"));
    }

    private static void ServiceNames(IReadOnlyList<string> names, bool required, Problems problems)
    {
        if (required && names.Count == 0)
        {
            problems.Add("serviceNames", "give at least one Kubernetes Service name.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            problems.Check($"serviceNames[{i}]", Check.ServiceName(names[i]));
            if (names[i] is { } n && !seen.Add(n))
            {
                problems.Add($"serviceNames[{i}]", $"{Check.Show(n)} is given twice; give each Service once.");
            }
        }
    }

    /// <summary>A copy of the Service's metadata with the transport annotation set to <paramref name="value"/> (removed when null).</summary>
    private static k8s.Models.V1ObjectMeta Annotate(CoreService service, string? value)
    {
        var meta = ObjectMetadata.Copy(service.Metadata)!;
        var annotations = meta.Annotations ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in annotations.Keys.Where(k => string.Equals(k, TransportDefaults.ServiceAnnotation, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            annotations.Remove(key);
        }

        if (value is not null)
        {
            annotations[TransportDefaults.ServiceAnnotation] = value;
        }

        meta.Annotations = annotations.Count == 0 ? null : annotations;
        return meta;
    }
}
