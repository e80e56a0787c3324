using Traefik.GitOps;

namespace Traefik.Mcp.Configuration;

/// <summary>The settings of one traefik-mcp process (command line, environment, config file).</summary>
public sealed record McpSettings
{
    /// <summary>Default folder of the embedded GitOps repository.</summary>
    public const string EmbeddedRepository = "gitops";

    /// <summary>Default HTTP listen address.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8769";

    /// <summary>A local repository path or a remote URL; null means the embedded <c>./gitops</c>.</summary>
    public string? Repo { get; init; }

    /// <summary>The base branch; null means the remote's default branch, else <c>main</c>.</summary>
    public string? BaseBranch { get; init; }

    /// <summary>The manifest root inside the repository.</summary>
    public string Root { get; init; } = GitOpsOptions.DefaultRoot;

    /// <summary>What mutating tools do by default.</summary>
    public DeliveryMode Delivery { get; init; } = DeliveryMode.Diff;

    /// <summary>The pull request provider.</summary>
    public PullRequestProviderKind PrProvider { get; init; } = PullRequestProviderKind.None;

    /// <summary>Prometheus base URL; null means not configured.</summary>
    public Uri? PrometheusUrl { get; init; }

    /// <summary>How long one Prometheus request may take.</summary>
    public TimeSpan PrometheusTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Environment variable holding a bearer token for Prometheus; null means none.</summary>
    public string? PrometheusTokenEnv { get; init; }

    /// <summary>Environment variable holding <c>user:password</c> for Prometheus basic auth; null means none.</summary>
    public string? PrometheusBasicAuthEnv { get; init; }

    /// <summary><c>stdio</c> or <c>http</c>.</summary>
    public string Transport { get; init; } = "stdio";

    /// <summary>HTTP listen URLs.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) allowed to call the HTTP server from a browser, besides the loopback
    /// origins and those of <see cref="Urls"/>; <c>*</c> allows every origin.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Host names the HTTP server answers to (the <c>Host</c> header), besides the loopback names and the hosts of <see cref="Urls"/>.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The largest JSON-RPC message read, in bytes, on stdio and HTTP.</summary>
    /// <value>The default value is <see cref="MessageLimits.DefaultMaxMessageBytes"/> (4 MiB).</value>
    public int MaxMessageBytes { get; init; } = MessageLimits.DefaultMaxMessageBytes;

    /// <summary>Name of the environment variable holding the HTTP bearer token.</summary>
    public string? AuthTokenEnv { get; init; }

    /// <summary>Environment variable holding the git HTTPS token (for remote URLs).</summary>
    public string? GitTokenEnv { get; init; }

    /// <summary>Environment variable holding the GitHub token.</summary>
    public string GitHubTokenEnv { get; init; } = GitHubOptions.DefaultTokenEnvironmentVariable;

    /// <summary>GitHub (Enterprise) API base URL.</summary>
    public Uri? GitHubApiUrl { get; init; }

    /// <summary>GitHub repository as <c>owner/name</c>; null means derived from the remote URL.</summary>
    public string? GitHubRepository { get; init; }

    /// <summary>Commit author name.</summary>
    public string? AuthorName { get; init; }

    /// <summary>Commit author e-mail.</summary>
    public string? AuthorEmail { get; init; }

    /// <summary>Where remote repositories are cloned.</summary>
    public string? CacheDir { get; init; }

    /// <summary>Patterns of files under the root that are not Kubernetes manifests (see <see cref="GitOpsOptions.Exclude"/>).</summary>
    public System.Collections.Immutable.ImmutableList<string> Exclude { get; init; } = [];

    /// <summary>The largest manifest file read, in bytes (see <see cref="GitOpsOptions.MaxFileBytes"/>).</summary>
    public int MaxFileSize { get; init; } = Traefik.Manifests.YamlLimits.DefaultMaxBytes;
}
