namespace Traefik.GitOps.Proposals;

/// <summary>One file added, modified or deleted.</summary>
/// <param name="Path">The repository path (forward slashes).</param>
/// <param name="Kind">Added, modified or deleted.</param>
/// <param name="OldContent">The content before (null when added).</param>
/// <param name="NewContent">The content after (null when deleted).</param>
public sealed record FileChange(string Path, FileChangeKind Kind, string? OldContent, string? NewContent);

/// <summary>What happens to a file.</summary>
public enum FileChangeKind
{
    /// <summary>The file is created.</summary>
    Added,

    /// <summary>The file is changed.</summary>
    Modified,

    /// <summary>The file is removed.</summary>
    Deleted,
}
