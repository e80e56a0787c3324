namespace Traefik.GitOps.PullRequests;

/// <summary>The pull request to open or update.</summary>
/// <param name="HeadBranch">The pushed proposal branch.</param>
/// <param name="BaseBranch">The branch to merge into.</param>
/// <param name="Title">The title.</param>
/// <param name="Body">The description (Markdown).</param>
public sealed record PullRequestSubmission(string HeadBranch, string BaseBranch, string Title, string Body);
