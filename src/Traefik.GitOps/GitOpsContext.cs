using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Security;
using Traefik.GitOps.State;
using Traefik.GitOps.Templates;

namespace Traefik.GitOps;

/// <summary>
/// What every collaborator of one opened repository shares: the options and the settings worked out from them
/// when it was opened (where it is, its base branch, which folders are indexed and how they are read), the
/// templates, the clock, the redactor every outgoing text passes through, and the log.
/// </summary>
internal sealed class GitOpsContext
{
    public required GitOpsOptions Options { get; init; }

    public required TimeProvider Time { get; init; }

    public required TemplateSet Templates { get; init; }

    public required SecretRedactor Redactor { get; init; }

    /// <summary>The repository's git directory.</summary>
    public required string GitDirectory { get; init; }

    /// <summary>The working tree, or null for a bare repository.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The base branch proposals start from and pull requests target.</summary>
    public required string BaseBranch { get; init; }

    /// <summary>The normalised root folder where new objects are written.</summary>
    public required string Root { get; init; }

    /// <summary>The normalised folders whose YAML is indexed (none inside another).</summary>
    public required IReadOnlyList<string> IndexedFolders { get; init; }

    /// <summary>Which paths are excluded, and the bounds on each file read.</summary>
    public required ReadPolicy Reading { get; init; }

    /// <summary>The remote pull requests push to.</summary>
    public string RemoteName => Options.RemoteName;

    /// <summary>Writes a line to <see cref="GitOpsOptions.Log"/>, with every known credential masked.</summary>
    public void Log(string line) => Options.Log?.Invoke(Redactor.Redact(line));

    /// <summary>The proposal branch of an intent, from the branch name template.</summary>
    public string BranchFor(ITrafficIntent intent) => Templates.BranchName(intent.Namespace, intent.Target, intent.Title, intent.Fingerprint);

    /// <summary>
    /// The credentials for a fetch or push, read from the environment variable now (so a rotated token is used)
    /// and added to the redactor; null when none is configured or the variable is empty.
    /// </summary>
    public GitCredentials? Credentials() => Credentials(Options, Redactor);

    /// <summary>The credentials <paramref name="options"/> name, added to <paramref name="redactor"/>; null when there are none.</summary>
    public static GitCredentials? Credentials(GitOpsOptions options, SecretRedactor redactor)
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
        return new GitCredentials(options.GitTokenUserName, token);
    }

    /// <summary>A failed git call as a <see cref="GitOpsException"/>: "<paramref name="what"/> failed: libgit2's reason", a hint when it looks like authentication, redacted.</summary>
    public GitOpsException Failure(string what, GitFailedException e) => Failure(Options, Redactor, what, e);

    /// <inheritdoc cref="Failure(string, GitFailedException)"/>
    public static GitOpsException Failure(GitOpsOptions options, SecretRedactor redactor, string what, GitFailedException e) =>
        redactor.Wrap($"{what} failed: {e.Message}{AuthenticationHint(options, e)}", e);

    /// <summary>A hint to check the token, when a git failure looks like an authentication failure; else empty.</summary>
    public static string AuthenticationHint(GitOpsOptions options, Exception e) =>
        e.Message.Contains("auth", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("401", StringComparison.Ordinal) || e.Message.Contains("403", StringComparison.Ordinal)
            ? options.GitTokenEnvironmentVariable is null
                ? " (no GitTokenEnvironmentVariable is configured)"
                : $" (check the token in the environment variable {options.GitTokenEnvironmentVariable})"
            : string.Empty;
}
