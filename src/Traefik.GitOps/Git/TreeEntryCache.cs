using System.Collections.Immutable;

namespace Traefik.GitOps.Git;

/// <summary>
/// The entries of git tree objects, by tree id. A tree's content never changes, so a repository that
/// lives across many plans reads each folder's listing from libgit2 once; writing a changed folder then
/// costs a copy of a managed list, not one native call per entry. Bounded: the least recently added
/// listings are dropped first.
/// </summary>
internal sealed class TreeEntryCache() : BoundedCache<string, ImmutableSortedDictionary<string, TreeItem>>(512, StringComparer.Ordinal);

/// <summary>One entry of a git tree: its mode as git writes it (octal, e.g. <c>100644</c>, <c>40000</c>) and the object id (20 bytes).</summary>
internal sealed record TreeItem(string Mode, ImmutableArray<byte> Id)
{
    /// <summary>The mode of a subtree.</summary>
    public const string TreeMode = "40000";

    /// <summary>The mode of a regular, non-executable file.</summary>
    public const string FileMode = "100644";

    public bool IsTree => Mode == TreeMode;
}
