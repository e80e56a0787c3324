using Traefik.Manifests.Model;

namespace Traefik.Manifests.Operations;

/// <summary>One object created, updated or deleted.</summary>
/// <param name="Type">What happened to the object.</param>
/// <param name="Key">The object's key.</param>
/// <param name="Before">The object before (null when created).</param>
/// <param name="After">The object after (null when deleted).</param>
public sealed record ObjectChange(ChangeType Type, ObjectKey Key, KubernetesObject? Before, KubernetesObject? After);
