namespace Traefik.GitOps;

/// <summary>
/// A repository, planning or delivery failure: an unreadable repository, an object defined twice, a file
/// whose comments would be lost, a rejected push, a pull request the provider refused. The message says
/// what happened and what to do. Secrets (tokens) are never part of the message.
/// </summary>
public sealed class GitOpsException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public GitOpsException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public GitOpsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public GitOpsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
