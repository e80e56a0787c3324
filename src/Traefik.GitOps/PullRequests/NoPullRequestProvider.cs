namespace Traefik.GitOps.PullRequests;

/// <summary>The <c>none</c> provider: pull request delivery pushes the branch and opens nothing.</summary>
public sealed class NoPullRequestProvider : IPullRequestProvider
{
    /// <summary>The one instance.</summary>
    public static NoPullRequestProvider Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public Task<PullRequestResult?> OpenOrUpdateAsync(PullRequestSubmission submission, CancellationToken cancellationToken) =>
        Task.FromResult<PullRequestResult?>(null);
}
