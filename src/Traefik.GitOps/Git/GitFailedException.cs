namespace Traefik.GitOps.Git;

/// <summary>
/// libgit2 refused or failed a call (a lock file, a network or authentication error, a corrupt object). Every
/// LibGit2Sharp exception is turned into this one inside <c>Git/</c>; callers add what they were doing, and
/// <see cref="GitOpsRepository"/> turns any that reach it into a <see cref="GitOpsException"/>.
/// </summary>
internal sealed class GitFailedException : Exception
{
    public GitFailedException()
    {
    }

    public GitFailedException(string message)
        : base(message)
    {
    }

    public GitFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when there is no repository where one was opened.</summary>
    public bool RepositoryNotFound { get; init; }
}
