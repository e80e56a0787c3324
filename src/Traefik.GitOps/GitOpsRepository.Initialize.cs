using LibGit2Sharp;

namespace Traefik.GitOps;

public sealed partial class GitOpsRepository
{
    /// <summary>
    /// Creates a local GitOps repository at <paramref name="path"/> with branch <paramref name="branch"/>
    /// and one initial commit (a README and the manifest root folder), unless a repository is already
    /// there. Returns true when it created one.
    /// </summary>
    /// <param name="path">The folder; created when missing.</param>
    /// <param name="branch">The initial branch.</param>
    /// <param name="root">The manifest root, noted in the README.</param>
    /// <param name="author">The author of the initial commit.</param>
    /// <param name="time">The commit time.</param>
    /// <exception cref="GitOpsException">The folder exists, is not empty and is not a repository.</exception>
    public static bool InitializeLocal(string path, string branch, string root, CommitIdentity author, DateTimeOffset time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(author);
        var full = Path.GetFullPath(path);
        if (Repository.IsValid(full))
        {
            return false;
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new GitOpsException($"{full} exists and is not a git repository; point --repo at a repository, or at an empty or missing folder to create one.");
        }

        Directory.CreateDirectory(full);
        Repository.Init(full);
        using var repo = new Repository(full);
        repo.Refs.UpdateTarget("HEAD", "refs/heads/" + branch);
        var readme = $"""
            # GitOps repository

            Traefik manifests live under `{root}/`, one object per file in a folder per route or object
            (`{root}/<namespace>/<group>/`), each folder with a `kustomization.yaml`, so
            `kubectl kustomize {root}` builds them all. Changes arrive as commits and pull requests from
            traefik-mcp.

            """;
        File.WriteAllText(Path.Combine(full, "README.md"), readme);
        Commands.Stage(repo, "README.md");
        var signature = new Signature(author.Name, author.Email, time);
        repo.Commit("Initial commit", signature, signature);
        return true;
    }
}
