namespace Traefik.GitOps.Git;

/// <summary>
/// Keeps one idle <see cref="GitSession"/> of a repository for the next operation, so a long-lived
/// <see cref="GitOpsRepository"/> opens libgit2 once instead of per operation: opening reads the
/// configuration and pack indexes again, and the first diff of every new handle reads the whole git
/// index (for attributes), which in a repository of thousands of files costs more than the plan itself.
/// libgit2 rereads references, new objects and changed files from disk as it uses them, so a kept
/// handle sees what other processes write. At most one session is kept; concurrent operations open their own.
/// </summary>
internal sealed class GitSessionPool(string gitDirectory)
{
    private GitSession? _idle;

    /// <summary>The idle session, or a newly opened one. Dispose it to give it back.</summary>
    public GitSession Rent() => Interlocked.Exchange(ref _idle, null) ?? GitSession.Open(gitDirectory, this);

    /// <summary>Keeps <paramref name="session"/> when no other session is idle; false means the caller must close it.</summary>
    public bool Return(GitSession session) => Interlocked.CompareExchange(ref _idle, session, null) is null;
}
