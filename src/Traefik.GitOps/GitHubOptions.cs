namespace Traefik.GitOps;

/// <summary>Where and as whom pull requests are opened on GitHub or GitHub Enterprise.</summary>
public sealed record GitHubOptions
{
    /// <summary>The default name of the environment variable holding the token.</summary>
    public const string DefaultTokenEnvironmentVariable = "GITHUB_TOKEN";

    /// <summary>
    /// The repository owner (user or organisation). When null it is read from the remote URL
    /// (<c>https://host/owner/name.git</c>, <c>git@host:owner/name.git</c>).
    /// </summary>
    public string? Owner { get; init; }

    /// <summary>The repository name. When null it is read from the remote URL.</summary>
    public string? Repository { get; init; }

    /// <summary>
    /// The API base address. Null means github.com. For GitHub Enterprise Server give the server address
    /// (for example <c>https://github.example.com/</c>); <c>api/v3/</c> is appended to it.
    /// </summary>
    public Uri? ApiBaseUrl { get; init; }

    /// <summary>
    /// The name of the environment variable holding the token (never the token itself).
    /// <value>The default value is <c>GITHUB_TOKEN</c>.</value>
    /// </summary>
    public string TokenEnvironmentVariable { get; init; } = DefaultTokenEnvironmentVariable;
}
