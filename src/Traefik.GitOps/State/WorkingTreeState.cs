using Traefik.GitOps.Git;

namespace Traefik.GitOps.State;

/// <summary>
/// The working tree as a plan sees it: the HEAD commit it sits on, the index of HEAD with the working-tree files on
/// top, the files that differ from HEAD (their text, or null when gone), and the entries that could not be read.
/// </summary>
internal sealed record WorkingTreeState(GitCommit? Head, StateIndex State, IReadOnlyDictionary<string, FileText?> Overlay, IReadOnlyDictionary<string, UnreadableFile> Unreadable);
