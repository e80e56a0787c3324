namespace Traefik.GitOps.Git;

/// <summary>The user name and token a fetch, push or clone authenticates with over HTTPS.</summary>
/// <remarks>The token never appears in <see cref="ToString"/>: a record would print it.</remarks>
internal sealed class GitCredentials(string userName, string token)
{
    public string UserName { get; } = userName;

    public string Token { get; } = token;

    public override string ToString() => UserName + ":***";
}
