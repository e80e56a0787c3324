namespace Traefik.GitOps;

/// <summary>The name and e-mail address written as a commit's author or committer.</summary>
/// <param name="Name">The person or bot name.</param>
/// <param name="Email">The e-mail address.</param>
public sealed record CommitIdentity(string Name, string Email)
{
    /// <summary>The identity used when none is configured: <c>traefik-gitops &lt;traefik-gitops@users.noreply.github.com&gt;</c>.</summary>
    public static CommitIdentity Default { get; } = new("traefik-gitops", "traefik-gitops@users.noreply.github.com");
}
