namespace Traefik.GitOps.Git;

/// <summary>The author or committer of a commit: a name, an e-mail address and a time with its offset.</summary>
internal sealed record GitSignature(string Name, string Email, DateTimeOffset When);
