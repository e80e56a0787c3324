namespace Traefik.GitOps.Git;

/// <summary>
/// Hands out <see cref="GitSession"/>s on one repository, and owns what they share across operations: the
/// listings of tree objects (<see cref="TreeEntryCache"/>) and one idle session. libgit2 keeps the parsed index,
/// which attribute lookups in every diff need, in its repository handle, so reopening would reparse an index as
/// large as the repository for each operation. Only one session is kept idle; a session is only ever used by one
/// operation at a time.
/// </summary>
internal sealed class SessionPool(string gitDirectory)
{
    private readonly TreeEntryCache _trees = new();
    private GitSession? _idle;

    /// <summary>A session on the repository: the idle one when there is one, else a new one. Dispose it when done.</summary>
    public GitSession Open() =>
        Interlocked.Exchange(ref _idle, null) ?? GitSession.Open(gitDirectory, _trees, s => Interlocked.CompareExchange(ref _idle, s, null) is null);
}
