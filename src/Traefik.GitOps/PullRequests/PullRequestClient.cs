using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;

namespace Traefik.GitOps.PullRequests;

/// <summary>
/// Talks to the code host through the configured <see cref="IPullRequestProvider"/> (the one given to
/// <see cref="GitOpsRepository.Open"/>, else the one <see cref="GitOpsOptions.PullRequestProvider"/> names): opens
/// or updates a proposal branch's pull request with the text of the templates, and closes it with a comment. Every
/// text sent is redacted.
/// </summary>
internal sealed class PullRequestClient(GitOpsContext context, SessionPool sessions, IPullRequestProvider? given)
{
    /// <summary>True when pull requests are opened at all (a provider was given, or one is configured).</summary>
    public bool IsConfigured => context.Options.PullRequestProvider != PullRequestProviderKind.None || given is not null;

    /// <summary>Opens the pull request of <paramref name="branch"/>, or updates the open one, with the text of <paramref name="proposal"/> and the branch's commits since <paramref name="baseCommit"/>.</summary>
    public async Task<PullRequestResult?> OpenOrUpdateAsync(Proposal proposal, string branch, string tip, string? baseCommit, CancellationToken cancellationToken)
    {
        var provider = Provider();
        IReadOnlyList<string> subjects;
        using (var session = sessions.Open())
        {
            var head = session.LookupCommit(tip)!;
            subjects = [.. session.CommitsBetween(head, baseCommit is null ? null : session.LookupCommit(baseCommit)).Select(c => c.Subject)];
        }

        var (title, body) = context.Templates.PullRequest(proposal, branch, context.BaseBranch, subjects);
        return await provider.OpenOrUpdateAsync(new PullRequestSubmission(branch, context.BaseBranch, context.Redactor.Redact(title), context.Redactor.Redact(body)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates the pull request of a rebuilt proposal branch (opens it when none is open) with the text of its newest change.</summary>
    public async Task<PullRequestResult?> UpdateAfterRebuildAsync(string branch, Proposal? last, CancellationToken cancellationToken)
    {
        if (last is null)
        {
            return null;
        }

        string? tip;
        using (var session = sessions.Open())
        {
            tip = session.ResolveCommit($"refs/remotes/{context.RemoteName}/{branch}")?.Id;
        }

        return tip is null ? null : await OpenOrUpdateAsync(last, branch, tip, last.Basis.BaseCommit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the open pull request of <paramref name="branch"/>, leaving <paramref name="comment"/> on it.</summary>
    public Task<PullRequestResult?> CloseAsync(string branch, string comment, CancellationToken cancellationToken) =>
        Provider().CloseAsync(branch, context.BaseBranch, context.Redactor.Redact(comment), cancellationToken);

    /// <summary>Owner and name from <c>https://host/owner/name(.git)</c>, <c>ssh://git@host/owner/name.git</c> or <c>git@host:owner/name.git</c>.</summary>
    public static (string Owner, string Name)? RemoteRepositoryName(string url)
    {
        var path = url;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            path = uri.AbsolutePath;
        }
        else if (url.Contains('@', StringComparison.Ordinal) && url.Contains(':', StringComparison.Ordinal))
        {
            path = url[(url.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            return null;
        }

        var parts = path.Trim('/').Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        var name = parts[^1].EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? parts[^1][..^4] : parts[^1];
        return name.Length == 0 ? null : (parts[^2], name);
    }

    private IPullRequestProvider Provider()
    {
        if (given is not null)
        {
            return given;
        }

        if (context.Options.PullRequestProvider == PullRequestProviderKind.None)
        {
            return NoPullRequestProvider.Instance;
        }

        var github = context.Options.GitHub;
        var token = Environment.GetEnvironmentVariable(github.TokenEnvironmentVariable);
        if (string.IsNullOrEmpty(token))
        {
            throw new GitOpsException($"The GitHub token environment variable {github.TokenEnvironmentVariable} is not set, so no pull request was opened. The branch is pushed; set it and deliver again.");
        }

        context.Redactor.Add(token);
        var owner = github.Owner;
        var name = github.Repository;
        if (owner is null || name is null)
        {
            using var session = sessions.Open();
            var url = session.RemoteUrl(context.RemoteName) ?? string.Empty;
            var parsed = RemoteRepositoryName(url)
                ?? throw new GitOpsException($"Cannot tell the GitHub owner and repository from the remote URL {context.Redactor.Redact(url)}; set GitHub.Owner and GitHub.Repository.");
            owner ??= parsed.Owner;
            name ??= parsed.Name;
        }

        return new GitHubPullRequestProvider(owner, name, token, github.ApiBaseUrl);
    }
}
