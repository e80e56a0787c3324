namespace Traefik.Manifests.Validation;

/// <summary>One problem with an input or an object: where it is and what to do about it.</summary>
/// <param name="Path">The field path, for example <c>backends[1].weight</c> or <c>spec.routes[0].match</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ManifestProblem(string Path, string Message)
{
    /// <summary>Formats the problem as <c>path: message</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}
