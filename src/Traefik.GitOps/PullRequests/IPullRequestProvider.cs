namespace Traefik.GitOps.PullRequests;

/// <summary>Opens or updates the one pull request of a proposal branch on a code host.</summary>
public interface IPullRequestProvider
{
    /// <summary>A short name for messages, for example <c>github</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Opens a pull request from <see cref="PullRequestSubmission.HeadBranch"/> into
    /// <see cref="PullRequestSubmission.BaseBranch"/>, or updates the title and body of the open one, so a
    /// branch never has two. Returns null when the provider opens nothing (push only).
    /// </summary>
    /// <exception cref="GitOpsException">The provider refused; the message never contains the token.</exception>
    Task<PullRequestResult?> OpenOrUpdateAsync(PullRequestSubmission submission, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the open pull request from <paramref name="headBranch"/> into <paramref name="baseBranch"/>, leaving
    /// <paramref name="comment"/> on it to say why (it was merged elsewhere, its changes cancel out, or it was
    /// discarded). Returns the closed pull request, or null when none was open or the provider opens none.
    /// </summary>
    /// <exception cref="GitOpsException">The provider refused; the message never contains the token.</exception>
    Task<PullRequestResult?> CloseAsync(string headBranch, string baseBranch, string comment, CancellationToken cancellationToken) =>
        Task.FromResult<PullRequestResult?>(null);
}
