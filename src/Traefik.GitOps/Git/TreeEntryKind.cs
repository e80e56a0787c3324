namespace Traefik.GitOps.Git;

/// <summary>What a tree entry that is not a folder is.</summary>
internal enum TreeEntryKind
{
    /// <summary>A file (any file mode).</summary>
    File,

    /// <summary>A symbolic link: git stores the path it points to.</summary>
    SymbolicLink,

    /// <summary>A submodule: a commit of another repository.</summary>
    Submodule,
}
