using Microsoft.Extensions.Logging;
using Traefik.GitOps;
using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// Opens the GitOps repository once per process. With no <c>--repo</c> it uses the embedded default,
/// <c>./gitops</c>, creating a repository there (branch <c>main</c>, one initial commit) when none exists.
/// </summary>
public sealed class RepositoryHost
{
    private readonly Lazy<GitOpsRepository> _repository;

    /// <summary>Creates the host; the repository is opened on first use.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="logger">Where notable steps are logged.</param>
    /// <param name="time">The clock.</param>
    /// <param name="intentDecoder">Builds a recorded intent again (so proposal branches can be rebuilt), or null.</param>
    public RepositoryHost(McpSettings settings, ILogger<RepositoryHost> logger, TimeProvider time, Func<Traefik.GitOps.Intents.IntentRecord, Traefik.GitOps.Intents.ITrafficIntent>? intentDecoder = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _repository = new Lazy<GitOpsRepository>(() => Open(settings, logger, time, intentDecoder));
    }

    /// <summary>The settings.</summary>
    public McpSettings Settings { get; }

    /// <summary>The repository (opened, and for the embedded default created, on first use).</summary>
    public GitOpsRepository Repository => _repository.Value;

    /// <summary>The GitOps options the settings describe.</summary>
    public static GitOpsOptions Options(McpSettings settings, string? repositoryPath, Action<string>? log, Func<Traefik.GitOps.Intents.IntentRecord, Traefik.GitOps.Intents.ITrafficIntent>? intentDecoder = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var isRemote = settings.Repo is { } repo && (repo.Contains("://", StringComparison.Ordinal) || repo.StartsWith("git@", StringComparison.Ordinal));
        var author = settings.AuthorName is null && settings.AuthorEmail is null
            ? CommitIdentity.Default
            : new CommitIdentity(settings.AuthorName ?? CommitIdentity.Default.Name, settings.AuthorEmail ?? CommitIdentity.Default.Email);
        string? owner = null;
        string? name = null;
        if (settings.GitHubRepository is { } gh)
        {
            var slash = gh.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == gh.Length - 1)
            {
                throw new UsageException($"--github-repository must be owner/name, not '{gh}'.");
            }

            owner = gh[..slash];
            name = gh[(slash + 1)..];
        }

        return new GitOpsOptions
        {
            RepositoryPath = isRemote ? null : repositoryPath ?? settings.Repo,
            RemoteUrl = isRemote ? settings.Repo : null,
            CacheDirectory = settings.CacheDir,
            BaseBranch = settings.BaseBranch,
            Root = settings.Root,
            Exclude = settings.Exclude,
            MaxFileBytes = settings.MaxFileSize,
            // Previews are planned on the state the configured delivery would build on; with diff as the
            // default, that is the proposal branch (stacked, unmerged changes), as a pull request would be.
            DefaultDelivery = settings.Delivery == DeliveryMode.Diff ? DeliveryMode.Branch : settings.Delivery,
            Author = author,
            GitTokenEnvironmentVariable = settings.GitTokenEnv,
            PullRequestProvider = settings.PrProvider,
            GitHub = new GitHubOptions { Owner = owner, Repository = name, ApiBaseUrl = settings.GitHubApiUrl, TokenEnvironmentVariable = settings.GitHubTokenEnv },
            Log = log,
            IntentDecoder = intentDecoder,
        };
    }

    private static GitOpsRepository Open(McpSettings settings, ILogger logger, TimeProvider time, Func<Traefik.GitOps.Intents.IntentRecord, Traefik.GitOps.Intents.ITrafficIntent>? intentDecoder)
    {
        string? path = null;
        if (settings.Repo is null)
        {
            path = Path.GetFullPath(McpSettings.EmbeddedRepository);
            if (GitOpsRepository.InitializeLocal(path, settings.BaseBranch ?? GitOpsOptions.FallbackBaseBranch, settings.Root, CommitIdentity.Default, time.GetUtcNow()))
            {
                logger.LogWarning("No --repo given: created a local GitOps repository at {Path} (branch {Branch}). Point --repo at your own repository to change it instead.", path, settings.BaseBranch ?? GitOpsOptions.FallbackBaseBranch);
            }
            else
            {
                logger.LogInformation("No --repo given: using the local GitOps repository at {Path}.", path);
            }
        }

        return GitOpsRepository.Open(Options(settings, path, m => logger.LogInformation("{Message}", m), intentDecoder), time);
    }
}
