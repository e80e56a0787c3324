using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;
using Traefik.GitOps.Editing;
using Traefik.GitOps.Git;
using Traefik.GitOps.Layout;
using Traefik.GitOps.PullRequests;
using Traefik.GitOps.Security;
using Traefik.GitOps.State;
using Traefik.GitOps.Templates;

namespace Traefik.GitOps;

/// <summary>
/// A GitOps repository holding Traefik objects: plans intents against its desired state
/// (<see cref="Plan"/>), reads that state (<see cref="ReadState"/>), and delivers proposals as a preview,
/// a working-tree change, a branch commit or a pull request (<see cref="DeliverAsync"/>, <see cref="ProposeAsync"/>,
/// <see cref="DeliverIfUnchangedAsync(Proposals.Proposal, DeliveryMode, CancellationToken)"/>), and keeps pending
/// proposal branches following their base (<see cref="RefreshAsync"/>, <see cref="DiscardAsync"/>). Safe to share between threads: every operation opens its own libgit2
/// handle, and writers take a per-repository lock (in this process and, through a lock file, across
/// processes).
/// </summary>
/// <remarks>
/// Cost follows the size of the change: the desired state is indexed once per repository and moved from
/// commit to commit by tree diffs (libgit2 skips unchanged folders), a plan edits only the files of the
/// objects it changes, the diff is limited to those paths, and validation checks the changed objects (plus,
/// for a deletion, who still refers to the deleted object). Working-tree plans also ask git which files
/// under the indexed folders differ from HEAD.
/// </remarks>
public sealed partial class GitOpsRepository
{
    private readonly GitOpsOptions _options;
    private readonly TimeProvider _time;
    private readonly TemplateSet _templates;
    private readonly SecretRedactor _redactor;
    private readonly IPullRequestProvider? _pullRequestProvider;
    private readonly StateCache _cache = new();
    private readonly TreeEntryCache _trees = new();

    // The text and parse of files that plans edited lately: a route changed call after call is read from git
    // and parsed once, not per plan. Keyed by blob id and by text, so neither can go stale.
    private readonly BoundedCache<string, FileText> _edited = new(32, StringComparer.Ordinal);
    private readonly BoundedCache<string, ParsedYaml> _parsed = new(32, StringComparer.Ordinal);
    private GitSession? _idleSession;
    private int _filesParsed;
    private readonly ReadPolicy _reading;

    private GitOpsRepository(GitOpsOptions options, TimeProvider time, TemplateSet templates, SecretRedactor redactor, IPullRequestProvider? provider, string gitDirectory, string? workingDirectory, string baseBranch, string root, IReadOnlyList<string> indexedFolders, ReadPolicy reading)
    {
        _reading = reading;
        IndexedFolders = indexedFolders;
        _options = options;
        _time = time;
        _templates = templates;
        _redactor = redactor;
        _pullRequestProvider = provider;
        GitDirectory = gitDirectory;
        WorkingDirectory = workingDirectory;
        BaseBranch = baseBranch;
        Root = root;
    }

    /// <summary>Test seam: runs before each push with the attempt number (1 for the first push).</summary>
    internal Action<int>? BeforePush { get; set; }

    /// <summary>Test seam: runs before a working-tree delivery replaces each file, with its path.</summary>
    internal Action<string>? BeforeWorktreeWrite { get; set; }

    /// <summary>How many files have been read and parsed into the index (to check the index is updated incrementally).</summary>
    internal int FilesParsed => _filesParsed;

    /// <summary>The options the repository was opened with.</summary>
    public GitOpsOptions Options => _options;

    /// <summary>The repository's git directory.</summary>
    public string GitDirectory { get; }

    /// <summary>The working tree, or null for a bare repository.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>The base branch proposals start from and pull requests target.</summary>
    public string BaseBranch { get; }

    /// <summary>The normalised root folder where new objects are written.</summary>
    public string Root { get; }

    /// <summary>The normalised folders whose YAML is indexed (none inside another).</summary>
    public IReadOnlyList<string> IndexedFolders { get; }

    /// <summary>
    /// Opens a local repository, or clones <see cref="GitOpsOptions.RemoteUrl"/> (into
    /// <see cref="GitOpsOptions.RepositoryPath"/> or the cache folder) first. Templates are parsed here, so a
    /// broken template fails now.
    /// </summary>
    /// <param name="options">Where the repository is and how to deliver.</param>
    /// <param name="timeProvider">The clock for commit times; null means the system clock.</param>
    /// <param name="pullRequestProvider">A provider to use instead of the one <see cref="GitOpsOptions.PullRequestProvider"/> names.</param>
    /// <exception cref="GitOpsException">The options are inconsistent, the repository cannot be opened or cloned, or a template does not parse.</exception>
    public static GitOpsRepository Open(GitOpsOptions options, TimeProvider? timeProvider = null, IPullRequestProvider? pullRequestProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DefaultDelivery == DeliveryMode.Diff)
        {
            throw new GitOpsException("DefaultDelivery must be Worktree, Branch or PullRequest: it names the delivery that diff previews are planned against.");
        }

        if (options.PushRetries < 0)
        {
            throw new GitOpsException($"PushRetries must be 0 or more (got {options.PushRetries}).");
        }

        if (options.MaxFileBytes <= 0)
        {
            throw new GitOpsException($"MaxFileBytes must be more than 0 (got {options.MaxFileBytes}).");
        }

        var exclude = new PathGlob(options.Exclude ?? []);
        if (options.RepositoryPath is null && options.RemoteUrl is null)
        {
            throw new GitOpsException("Set RepositoryPath (a local repository) or RemoteUrl (a remote to clone).");
        }

        var root = GitOpsLayout.NormalizeRoot(options.Root);
        var folders = (options.IndexedFolders ?? [root]).Select(GitOpsLayout.NormalizeRoot).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        folders = [.. folders.Where(f => !folders.Any(o => o != f && (o.Length == 0 || f.StartsWith(o + "/", StringComparison.Ordinal))))];
        var redactor = new SecretRedactor();
        var credentials = Credentials(options, redactor);
        redactor.Add(GitHubToken(options), options.GitHub.TokenEnvironmentVariable);
        var path = options.RepositoryPath;
        if (options.RemoteUrl is { } url)
        {
            path ??= Path.Combine(options.CacheDirectory ?? Path.Combine(Path.GetTempPath(), "traefik-gitops"), CacheFolderName(url));
            if (!Directory.Exists(path) || !Directory.EnumerateFileSystemEntries(path).Any())
            {
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                    GitSession.Clone(url, path, credentials);
                }
                catch (LibGit2SharpException e)
                {
                    throw redactor.Wrap($"Cloning {url} into {path} failed: {e.Message}{AuthenticationHint(options, e)}", e);
                }
            }
        }

        var templates = TemplateSet.Load(options.Templates);
        try
        {
            using var session = GitSession.Open(path!);
            var baseBranch = options.BaseBranch;
            if (baseBranch is null)
            {
                var prefix = $"refs/remotes/{options.RemoteName}/";
                var remoteHead = session.SymbolicTarget(prefix + "HEAD");
                baseBranch = remoteHead is not null && remoteHead.StartsWith(prefix, StringComparison.Ordinal)
                    ? remoteHead[prefix.Length..]
                    : GitOpsOptions.FallbackBaseBranch;
            }

            if (!GitSession.IsValidBranchName(baseBranch))
            {
                throw new GitOpsException($"The base branch '{baseBranch}' is not a valid branch name.");
            }

            var reading = new ReadPolicy(exclude, new Traefik.Manifests.YamlLimits { MaxBytes = options.MaxFileBytes });
            return new GitOpsRepository(options, timeProvider ?? TimeProvider.System, templates, redactor, pullRequestProvider, session.GitDirectory, session.WorkingDirectory, baseBranch, root, folders, reading);
        }
        catch (RepositoryNotFoundException e)
        {
            throw redactor.Wrap($"No git repository at {path}: {e.Message}", e);
        }
    }

    /// <summary>The proposal branch for an object, from the branch name template (title and fingerprint empty).</summary>
    public string BranchNameFor(string @namespace, string target) => _templates.BranchName(@namespace, target, string.Empty, string.Empty);

    internal static string Hash(string text, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    private static string CacheFolderName(string url)
    {
        var clean = new SecretRedactor().Redact(url);
        var last = clean.TrimEnd('/').Split('/', ':').Last();
        if (last.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            last = last[..^4];
        }

        var name = new string(last.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return (name.Length == 0 ? "repository" : name) + "-" + Hash(clean, 12);
    }

    private static CredentialsHandler? Credentials(GitOpsOptions options, SecretRedactor redactor)
    {
        if (options.GitTokenEnvironmentVariable is not { } variable)
        {
            return null;
        }

        var token = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        redactor.Add(token, variable);
        var user = options.GitTokenUserName;
        return (_, _, _) => new UsernamePasswordCredentials { Username = user, Password = token };
    }

    private static string? GitHubToken(GitOpsOptions options) =>
        options.PullRequestProvider == PullRequestProviderKind.GitHub ? Environment.GetEnvironmentVariable(options.GitHub.TokenEnvironmentVariable) : null;

    private static string AuthenticationHint(GitOpsOptions options, Exception e) =>
        e.Message.Contains("auth", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("401", StringComparison.Ordinal) || e.Message.Contains("403", StringComparison.Ordinal)
            ? options.GitTokenEnvironmentVariable is null
                ? " (no GitTokenEnvironmentVariable is configured)"
                : $" (check the token in the environment variable {options.GitTokenEnvironmentVariable})"
            : string.Empty;

    private CredentialsHandler? Credentials() => Credentials(_options, _redactor);

    private void Log(string line) => _options.Log?.Invoke(_redactor.Redact(line));
}
