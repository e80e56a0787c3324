namespace Traefik.GitOps.State;

/// <summary>
/// A file (or symbolic link) under an indexed folder that could not be read as manifests: not valid YAML, over a
/// size or work limit, a document that looks like a Kubernetes object but is not a valid one, or a link. It is
/// never silently ignored: every state and proposal names it, no proposal is valid while it exists, and only
/// previews (diff delivery) are made until it is fixed or excluded (<see cref="GitOpsOptions.Exclude"/>).
/// </summary>
/// <param name="Path">The path in the repository.</param>
/// <param name="Line">The line (1-based) where the problem is, or null when it is about the whole file.</param>
/// <param name="Column">The column (1-based), or null.</param>
/// <param name="Reason">What is wrong, and what to do.</param>
public sealed record UnreadableFile(string Path, int? Line, int? Column, string Reason)
{
    /// <summary>Formats the entry as <c>path, line L, column C: reason</c>.</summary>
    public override string ToString() =>
        Path + (Line is { } line ? $", line {line}" + (Column is { } column ? $", column {column}" : string.Empty) : string.Empty) + ": " + Reason;
}
