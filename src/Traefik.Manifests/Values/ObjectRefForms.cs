namespace Traefik.Manifests.Values;

/// <summary>The ways a field lets an <see cref="ObjectRef"/> be written.</summary>
[Flags]
public enum ObjectRefForms
{
    /// <summary><c>name</c>: an object in the referring object's namespace. Always accepted.</summary>
    Name = 0,

    /// <summary><c>namespace/name</c>.</summary>
    Namespaced = 1,

    /// <summary><c>name@provider</c>.</summary>
    Provider = 2,

    /// <summary>All three forms.</summary>
    All = Namespaced | Provider,
}
