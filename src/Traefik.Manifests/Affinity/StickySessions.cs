using System.Collections.Immutable;
using k8s.Models;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Affinity;

/// <summary>
/// Sticky sessions (cookie affinity) for a Kubernetes Service behind CRD routes. Traefik keeps a client
/// on one server through the <c>sticky.cookie</c> of each service reference, and on one child of a
/// weighted TraefikService (one track of a canary) through <c>weighted.sticky.cookie</c>. The
/// <c>traefik.ingress.kubernetes.io/service.sticky.cookie*</c> Service annotations are read only by the
/// Kubernetes Ingress provider: they do nothing for IngressRoute or TraefikService routes, so they are
/// an explicit extra. Pure functions of (current objects, intent).
/// </summary>
public static class StickySessions
{
    /// <summary>
    /// Makes the Service sticky: sets <c>sticky.cookie</c> on every reference to it (kind <c>Service</c>,
    /// resolving to <paramref name="namespace"/>) in IngressRoute rules, weighted TraefikServices and
    /// mirroring main services, and <c>weighted.sticky.cookie</c> (named <c>{name}_wrr</c>) on every
    /// weighted TraefikService that has it as a child, so a client stays on one track during a canary.
    /// Mirrors are left alone: their responses, cookies included, never reach the client. Calling it
    /// again with other options replaces the cookies.
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The Service's namespace.</param>
    /// <param name="serviceName">The Kubernetes Service name.</param>
    /// <param name="intent">
    /// The cookie settings, and whether to write the <c>service.sticky.cookie*</c> annotations on the Service manifest too
    /// (which must be in <paramref name="current"/>), for routes of Traefik's Kubernetes Ingress provider.
    /// </param>
    /// <exception cref="ManifestException">
    /// A name or cookie setting is not valid, no route references the Service and it is not annotated
    /// (nothing would change), or the Service to annotate is not in the set.
    /// </exception>
    public static OperationResult<StickySessionOutcome> Enable(ManifestSet current, string @namespace, string serviceName, StickySessionIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var cookie = intent.Cookie ?? new StickyCookieOptions();
        var annotateService = intent.AnnotateService;
        var problems = new Problems();
        var warnings = new List<string>();
        Names(@namespace, serviceName, problems);
        if (!problems.Any)
        {
            cookie = TlsDefaults(current, @namespace, serviceName, cookie, warnings);
        }

        var serverCookie = StickyCookieRules.Build(cookie, problems, warnings);
        problems.ThrowIfAny($"Cannot enable sticky sessions for Service {serviceName}.");

        var weightedCookie = StickyCookieRules.Weighted(serverCookie);
        var editor = new ManifestEditor(current);
        warnings.ForEach(editor.Warn);
        var references = new List<ServiceReferenceLocation>();
        var weighted = new List<ObjectKey>();
        foreach (var value in current)
        {
            var updated = ServiceReferenceWalker.Rewrite(value, found =>
            {
                if (!found.TargetsKubernetesService(@namespace, serviceName) || found.Role == ServiceReferenceRole.Mirror)
                {
                    return found.Reference;
                }

                references.Add(found.Location);
                return found.Reference with { Sticky = (found.Reference.Sticky ?? new StickySpec()) with { Cookie = serverCookie } };
            });
            if (updated is TraefikService service && HasChild(service, @namespace, serviceName))
            {
                var spec = service.Spec.Weighted!;
                if (spec.Sticky?.Cookie is { } previous && previous.Name != weightedCookie.Name)
                {
                    editor.Warn($"TraefikService {service.Namespace}/{service.Name} had weighted cookie {previous.Name ?? "(generated name)"}; it is replaced by {weightedCookie.Name ?? "(generated name)"}, so clients are assigned a track again once.");
                }

                updated = service with { Spec = service.Spec with { Weighted = spec with { Sticky = (spec.Sticky ?? new StickySpec()) with { Cookie = weightedCookie } } } };
                weighted.Add(service.Key);
            }

            if (!ReferenceEquals(updated, value))
            {
                editor.Set(updated);
            }

            if (value is IngressRoute route)
            {
                WarnImplicitBalancing(editor, route, @namespace, serviceName);
            }
        }

        ObjectKey? annotated = null;
        if (annotateService)
        {
            var manifest = RequireService(current, @namespace, serviceName, problems);
            if (manifest is not null)
            {
                editor.Set(manifest with { Metadata = WithAnnotations(manifest.Metadata, StickyCookieRules.Annotations(serverCookie)) });
                annotated = manifest.Key;
            }
        }
        else if (references.Count == 0)
        {
            problems.Add("serviceName", NothingReferences(@namespace, serviceName, "enable"));
        }

        problems.ThrowIfAny($"Cannot enable sticky sessions for Service {serviceName}.");
        if (annotateService)
        {
            editor.Warn(AnnotationWarning);
        }

        return editor.Result(
            new StickySessionOutcome
            {
                Service = ServiceKey(@namespace, serviceName),
                References = [.. references],
                WeightedServices = [.. weighted],
                AnnotatedService = annotated,
                CookieName = serverCookie.Name,
                WeightedCookieName = weightedCookie.Name,
            },
            Allowed(@namespace, serviceName));
    }

    /// <summary>
    /// Removes what <see cref="Enable"/> set: <c>sticky.cookie</c> from every reference to the Service
    /// (mirrors excepted), and <c>weighted.sticky.cookie</c> from each weighted TraefikService that has
    /// the Service as a child, when its name is the one enable derived (<c>{name}_wrr</c>) and no other
    /// child of it is still sticky. With <see cref="StickySessionIntent.AnnotateService"/>, also removes every
    /// <c>service.sticky.cookie*</c> annotation from the Service manifest. A Service that is not sticky
    /// is not an error (nothing changes).
    /// </summary>
    /// <param name="current">The current objects.</param>
    /// <param name="namespace">The Service's namespace.</param>
    /// <param name="serviceName">The Kubernetes Service name.</param>
    /// <param name="intent">Whether to remove the sticky annotations from the Service manifest too (which must be in <paramref name="current"/>); its cookie is not read.</param>
    /// <exception cref="ManifestException">
    /// A name is not valid, no route references the Service and annotations are not removed, or the
    /// Service to un-annotate is not in the set.
    /// </exception>
    public static OperationResult<StickySessionOutcome> Disable(ManifestSet current, string @namespace, string serviceName, StickySessionIntent intent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(intent);
        var annotateService = intent.AnnotateService;
        var problems = new Problems();
        Names(@namespace, serviceName, problems);
        problems.ThrowIfAny($"Cannot disable sticky sessions for Service {serviceName}.");

        var editor = new ManifestEditor(current);
        var referenced = false;
        var references = new List<ServiceReferenceLocation>();
        var weighted = new List<ObjectKey>();
        foreach (var value in current)
        {
            var removedNames = new List<string?>();
            var updated = ServiceReferenceWalker.Rewrite(value, found =>
            {
                if (!found.TargetsKubernetesService(@namespace, serviceName) || found.Role == ServiceReferenceRole.Mirror)
                {
                    return found.Reference;
                }

                referenced = true;
                if (found.Reference.Sticky?.Cookie is not { } cookie)
                {
                    return found.Reference;
                }

                removedNames.Add(cookie.Name);
                references.Add(found.Location);
                return found.Reference with { Sticky = WithoutCookie(found.Reference.Sticky) };
            });
            if (updated is TraefikService service && HasChild(service, @namespace, serviceName) && service.Spec.Weighted!.Sticky?.Cookie is { } weightedCookie)
            {
                var spec = service.Spec.Weighted!;
                var ours = removedNames.Any(n => StickyCookieRules.WeightedName(n) == weightedCookie.Name);
                var stillSticky = spec.Services?.Any(s => s.Sticky?.Cookie is not null) == true;
                if (ours && !stillSticky)
                {
                    updated = service with { Spec = service.Spec with { Weighted = spec with { Sticky = WithoutCookie(spec.Sticky) } } };
                    weighted.Add(service.Key);
                }
                else if (!ours && !stillSticky)
                {
                    editor.Warn($"TraefikService {service.Namespace}/{service.Name} keeps its weighted cookie {weightedCookie.Name ?? "(generated name)"}: it was not set by enabling sticky sessions for Service {serviceName}. Remove it by hand if clients should be rebalanced across its children.");
                }
            }

            if (!ReferenceEquals(updated, value))
            {
                editor.Set(updated);
            }
        }

        ObjectKey? annotated = null;
        var manifestInSet = current.Find<CoreService>(TraefikApi.ServiceKind, @namespace, serviceName);
        if (annotateService)
        {
            var manifest = RequireService(current, @namespace, serviceName, problems);
            if (manifest is not null)
            {
                editor.Set(manifest with { Metadata = WithAnnotations(manifest.Metadata, []) });
                annotated = manifest.Key;
            }
        }
        else if (!referenced)
        {
            problems.Add("serviceName", NothingReferences(@namespace, serviceName, "disable"));
        }

        problems.ThrowIfAny($"Cannot disable sticky sessions for Service {serviceName}.");
        if (!annotateService && manifestInSet?.Metadata.Annotations?.Keys.Any(StickyCookieRules.IsStickyAnnotation) == true)
        {
            editor.Warn($"Service {@namespace}/{serviceName} keeps its {AffinityDefaults.Annotation} annotations (used by Traefik's Kubernetes Ingress provider); disable with the annotation option to remove them too.");
        }

        return editor.Result(
            new StickySessionOutcome
            {
                Service = ServiceKey(@namespace, serviceName),
                References = [.. references],
                WeightedServices = [.. weighted],
                AnnotatedService = annotated,
            },
            Allowed(@namespace, serviceName));
    }

    /// <summary>The routers serving the Service may change its sticky option, nothing else.</summary>
    private static ChangeAllowance Allowed(string @namespace, string serviceName) =>
        ChangeAllowance.RoutersReaching(ServiceKey(@namespace, serviceName), RouterProperty.Options, [$"{@namespace}/{serviceName}"], ["sticky"]);

    /// <summary>
    /// Safer cookie defaults where users reach the Service over TLS: <c>httpOnly</c> when any router serving it has
    /// TLS, and <c>secure</c> when every one does (a Secure cookie never comes back over plain HTTP, so a Service
    /// also served without TLS would lose stickiness there). Options given explicitly are kept; each default is
    /// named in a warning.
    /// </summary>
    private static StickyCookieOptions TlsDefaults(ManifestSet current, string @namespace, string serviceName, StickyCookieOptions cookie, List<string> warnings)
    {
        var routers = RoutingModel.RoutersReaching(current, ServiceKey(@namespace, serviceName))
            .Where(r => r.Protocol == RouterProtocol.Http && r.Backends.Any(b => b.Service == serviceName && b.Namespace == @namespace && !b.External))
            .ToList();
        var tls = routers.Where(r => r.Tls is not null).ToList();
        if (tls.Count == 0)
        {
            return cookie;
        }

        var secure = cookie.Secure is null && tls.Count == routers.Count;
        var httpOnly = cookie.HttpOnly is null;
        var names = string.Join(", ", tls.Select(r => r.Id));
        if (secure || httpOnly)
        {
            var set = secure && httpOnly ? "secure and httpOnly default" : secure ? "secure defaults" : "httpOnly defaults";
            warnings.Add($"The sticky cookie's {set} to true because users reach Service {@namespace}/{serviceName} over TLS ({names}); give {(secure && httpOnly ? "secure or httpOnly" : secure ? "secure" : "httpOnly")} explicitly (false) to override.");
        }

        if (cookie.Secure is null && !secure)
        {
            warnings.Add($"The sticky cookie is not made secure: Service {@namespace}/{serviceName} is also served without TLS ({string.Join(", ", routers.Where(r => r.Tls is null).Select(r => r.Id))}), where browsers would never send a Secure cookie back.");
        }

        return cookie with { Secure = secure ? true : cookie.Secure, HttpOnly = httpOnly ? true : cookie.HttpOnly };
    }

    private const string AnnotationWarning =
        "The traefik.ingress.kubernetes.io/service.sticky.cookie annotations are read only by Traefik's Kubernetes Ingress provider (routes from Ingress objects); on their own they do nothing for IngressRoute or TraefikService routes, which are made sticky through their service references.";

    private static void Names(string? @namespace, string? serviceName, Problems problems)
    {
        problems.Check("namespace", Check.Label(@namespace, "namespace"));
        problems.Check("serviceName", Check.ServiceName(serviceName));
    }

    private static ObjectKey ServiceKey(string @namespace, string name) => new(TraefikApi.ServiceKind, @namespace, name);

    private static string NothingReferences(string @namespace, string serviceName, string action) =>
        $"no IngressRoute or TraefikService routes clients to Service {@namespace}/{serviceName} (mirrors do not count: their responses never reach clients), so there is nothing to {action}: Traefik makes CRD routes sticky through their service references. Create the route first, or use the Service annotation option if the Service is served through a Kubernetes Ingress.";

    private static CoreService? RequireService(ManifestSet current, string @namespace, string serviceName, Problems problems)
    {
        var manifest = current.Find<CoreService>(TraefikApi.ServiceKind, @namespace, serviceName);
        if (manifest is null)
        {
            problems.Add("serviceName", $"Service {@namespace}/{serviceName} is not in the manifests, so its {AffinityDefaults.Annotation} annotations cannot be changed; add the Service manifest to the repository, or leave the annotation option off.");
        }

        return manifest;
    }

    private static bool HasChild(TraefikService service, string @namespace, string serviceName) =>
        service.Spec.Weighted?.Services?.Any(s => ServiceReferenceWalker.IsKubernetesService(s) && s.Name == serviceName
            && (string.IsNullOrEmpty(s.Namespace) ? service.Namespace : s.Namespace) == @namespace) == true;

    private static StickySpec? WithoutCookie(StickySpec? sticky) =>
        sticky is null || sticky.AdditionalFields.Count == 0 ? null : sticky with { Cookie = null };

    private static void WarnImplicitBalancing(ManifestEditor editor, IngressRoute route, string @namespace, string serviceName)
    {
        for (var i = 0; i < route.Spec.Routes.Count; i++)
        {
            var services = route.Spec.Routes[i].Services;
            if (services is { Count: > 1 } && services.Any(s => ServiceReferenceWalker.IsKubernetesService(s) && s.Name == serviceName
                && (string.IsNullOrEmpty(s.Namespace) ? route.Namespace : s.Namespace) == @namespace))
            {
                editor.Warn($"IngressRoute {route.Namespace}/{route.Name} spec.routes[{i}] balances over {services.Count} services; the CRD cannot make that implicit round robin sticky, so a client may switch between those services. Put them behind a weighted TraefikService to keep clients on one.");
            }
        }
    }

    private static V1ObjectMeta WithAnnotations(V1ObjectMeta source, IEnumerable<KeyValuePair<string, string>> sticky)
    {
        var meta = ObjectMetadata.Copy(source)!;
        var annotations = meta.Annotations ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in annotations.Keys.Where(StickyCookieRules.IsStickyAnnotation).ToList())
        {
            annotations.Remove(key);
        }

        foreach (var (key, value) in sticky)
        {
            annotations[key] = value;
        }

        meta.Annotations = annotations.Count == 0 ? null : annotations;
        return meta;
    }
}
