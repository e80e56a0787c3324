using Traefik.GitOps.Git;
using Traefik.GitOps.Layout;
using Traefik.GitOps.Security;
using Traefik.GitOps.State;
using Traefik.GitOps.Templates;

namespace Traefik.GitOps;

/// <summary>
/// Opens a GitOps repository: checks the options, clones the remote when asked, finds the base branch, works out
/// the folders to index, and parses the templates, into the <see cref="GitOpsContext"/> its collaborators share;
/// and creates a new local repository.
/// </summary>
internal static class RepositorySetup
{
    /// <inheritdoc cref="GitOpsRepository.Open"/>
    public static GitOpsContext Open(GitOpsOptions options, TimeProvider? timeProvider)
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
        var credentials = GitOpsContext.Credentials(options, redactor);
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
                catch (GitFailedException e)
                {
                    throw GitOpsContext.Failure(options, redactor, $"Cloning {url} into {path}", e);
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

            return new GitOpsContext
            {
                Options = options,
                Time = timeProvider ?? TimeProvider.System,
                Templates = templates,
                Redactor = redactor,
                GitDirectory = session.GitDirectory,
                WorkingDirectory = session.WorkingDirectory,
                BaseBranch = baseBranch,
                Root = root,
                IndexedFolders = folders,
                Reading = new ReadPolicy(exclude, new Traefik.Manifests.YamlLimits { MaxBytes = options.MaxFileBytes }),
            };
        }
        catch (GitFailedException e) when (e.RepositoryNotFound)
        {
            throw redactor.Wrap($"No git repository at {path}: {e.Message}", e);
        }
        catch (GitFailedException e)
        {
            throw GitOpsContext.Failure(options, redactor, $"Opening the repository at {path}", e);
        }
    }

    /// <inheritdoc cref="GitOpsRepository.InitializeLocal"/>
    public static bool InitializeLocal(string path, string branch, string root, CommitIdentity author, DateTimeOffset time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(author);
        var full = Path.GetFullPath(path);
        if (GitSession.IsRepository(full))
        {
            return false;
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new GitOpsException($"{full} exists and is not a git repository; point --repo at a repository, or at an empty or missing folder to create one.");
        }

        var readme = $"""
            # GitOps repository

            Traefik manifests live under `{root}/`, one object per file in a folder per route or object
            (`{root}/<namespace>/<group>/`), each folder with a `kustomization.yaml`, so
            `kubectl kustomize {root}` builds them all. Changes arrive as commits and pull requests from
            traefik-mcp.

            """;
        try
        {
            GitSession.CreateWithFirstCommit(full, branch, [("README.md", readme)], "Initial commit", new GitSignature(author.Name, author.Email, time));
        }
        catch (GitFailedException e)
        {
            throw new GitOpsException($"Creating a git repository at {full} failed: {e.Message}", e);
        }

        return true;
    }

    private static string? GitHubToken(GitOpsOptions options) =>
        options.PullRequestProvider == PullRequestProviderKind.GitHub ? Environment.GetEnvironmentVariable(options.GitHub.TokenEnvironmentVariable) : null;

    private static string CacheFolderName(string url)
    {
        var clean = new SecretRedactor().Redact(url);
        var last = clean.TrimEnd('/').Split('/', ':').Last();
        if (last.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            last = last[..^4];
        }

        var name = new string(last.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return (name.Length == 0 ? "repository" : name) + "-" + ShortHash.Of(clean, 12);
    }
}
