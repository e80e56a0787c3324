using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Routing;

/// <summary>
/// Parses the three ways a caller names a middleware: <c>name</c> (the route's namespace),
/// <c>namespace/name</c>, and <c>name@provider</c> (a middleware from another Traefik provider, such
/// as <c>auth@file</c>, kept verbatim and not looked up).
/// </summary>
public static class MiddlewareReferences
{
    /// <summary>Parses a reference, adding a problem (and returning null) when it is malformed.</summary>
    internal static MiddlewareReference? Parse(string? text, string routeNamespace, Problems problems, string path)
    {
        if (string.IsNullOrEmpty(text))
        {
            problems.Add(path, "a middleware name is required: name, namespace/name or name@provider.");
            return null;
        }

        var problems0 = problems.Count;
        foreach (var problem in ObjectRef.Problems(text, ObjectRefForms.All, "middleware name", "namespace"))
        {
            problems.Add(path, problem);
        }

        if (problems.Count != problems0)
        {
            return null;
        }

        return FromText(text, routeNamespace);
    }

    /// <summary>
    /// Splits <c>name</c>, <c>namespace/name</c> or <c>name@provider</c> into a reference without judging its parts (validation
    /// reports a malformed one); a namespace equal to <paramref name="ownerNamespace"/> is dropped.
    /// </summary>
    public static MiddlewareReference FromText(string text, string? ownerNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reference = ObjectRef.Split(text, ObjectRefForms.All);
        if (reference.IsCrossProvider)
        {
            return new MiddlewareReference { Name = text };
        }

        return reference.Namespace is null || reference.Namespace == ownerNamespace
            ? new MiddlewareReference { Name = reference.Name }
            : new MiddlewareReference { Name = reference.Name, Namespace = reference.Namespace };
    }

    /// <summary>True for a cross-provider reference (<c>name@provider</c>), which is not looked up.</summary>
    public static bool IsCrossProvider(MiddlewareReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Name.Contains('@', StringComparison.Ordinal);
    }

    /// <summary>The namespace a reference resolves to, given the namespace of the object that holds it.</summary>
    public static string ResolvedNamespace(MiddlewareReference reference, string ownerNamespace)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return string.IsNullOrEmpty(reference.Namespace) ? ownerNamespace : reference.Namespace;
    }

    /// <summary>True when two references name the same middleware.</summary>
    public static bool SameTarget(MiddlewareReference a, MiddlewareReference b, string ownerNamespace)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Name == b.Name && (IsCrossProvider(a) || ResolvedNamespace(a, ownerNamespace) == ResolvedNamespace(b, ownerNamespace));
    }

    /// <summary>
    /// Adds a problem for every reference that resolves to no Middleware in <paramref name="objects"/>
    /// (cross-provider references are not checked).
    /// </summary>
    internal static void RequireExisting(ManifestSet objects, MiddlewareReference reference, string ownerNamespace, Problems problems, string path)
    {
        if (IsCrossProvider(reference))
        {
            return;
        }

        var ns = ResolvedNamespace(reference, ownerNamespace);
        if (!objects.Contains(new ObjectKey(TraefikApi.MiddlewareKind, ns, reference.Name)))
        {
            problems.Add(path, $"Middleware {ns}/{reference.Name} does not exist; Traefik disables a router whose middleware is missing. Create the middleware first, or reference one from another provider as name@provider.");
        }
    }

    /// <summary>Formats a reference the way a caller writes it.</summary>
    public static string Format(MiddlewareReference reference, string ownerNamespace)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return IsCrossProvider(reference) || string.IsNullOrEmpty(reference.Namespace) || reference.Namespace == ownerNamespace
            ? reference.Name
            : reference.Namespace + "/" + reference.Name;
    }

}
