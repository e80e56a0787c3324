namespace Traefik.GitOps;

/// <summary>Which service opens pull requests in <see cref="DeliveryMode.PullRequest"/> delivery.</summary>
public enum PullRequestProviderKind
{
    /// <summary>Push only; the result names the pushed branch so a person or another tool opens the pull request.</summary>
    None,

    /// <summary>GitHub or GitHub Enterprise, through its REST API.</summary>
    GitHub,
}
