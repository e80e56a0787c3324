namespace Traefik.GitOps.PullRequests;

/// <summary>The pull request a delivery opened or updated.</summary>
/// <param name="Provider">The provider name.</param>
/// <param name="Number">The pull request number.</param>
/// <param name="Url">The web address of the pull request.</param>
/// <param name="Created">True when it was opened now, false when an open one was updated.</param>
public sealed record PullRequestResult(string Provider, int Number, string? Url, bool Created);
