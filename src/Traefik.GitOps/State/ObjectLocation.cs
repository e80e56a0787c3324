namespace Traefik.GitOps.State;

/// <summary>Where an object is defined.</summary>
/// <param name="Path">The repository path of the file (forward slashes).</param>
/// <param name="DocumentIndex">The zero-based document index inside the file.</param>
public sealed record ObjectLocation(string Path, int DocumentIndex)
{
    /// <summary>Formats the location as <c>path (document n)</c>, counting from 1.</summary>
    public override string ToString() => $"{Path} (document {DocumentIndex + 1})";
}
