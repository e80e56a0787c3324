using System.Collections.Immutable;

namespace Traefik.GitOps;

/// <summary>
/// How <see cref="GitOpsRepository"/> finds the repository, where Traefik objects live in it, and how
/// changes are committed, pushed and proposed. Secrets are never options: options name the environment
/// variables that hold them.
/// </summary>
public sealed record GitOpsOptions
{
    /// <summary>The default <see cref="Root"/>.</summary>
    public const string DefaultRoot = "traefik";

    /// <summary>The default <see cref="BaseBranch"/> when the remote does not say.</summary>
    public const string FallbackBaseBranch = "main";

    /// <summary>
    /// A local repository: its working tree (or any folder inside it). When <see cref="RemoteUrl"/> is
    /// set too and the folder does not exist, the remote is cloned into it.
    /// </summary>
    public string? RepositoryPath { get; init; }

    /// <summary>
    /// A remote to clone (HTTPS, git://, a local path, or SSH where libgit2 can authenticate without a key
    /// callback: LibGit2Sharp 0.32 has no SSH key credential, so prefer HTTPS with a token). Without
    /// <see cref="RepositoryPath"/> the clone goes into a folder of <see cref="CacheDirectory"/> named after
    /// the URL (user information removed), and is reused on the next open; pull request delivery fetches
    /// before every plan.
    /// </summary>
    /// <remarks>
    /// A remote given as a local path is pushed to by libgit2's local transport, which does not check that
    /// the remote branch is unchanged at the moment it writes it; writers in different clones racing on one
    /// branch need a real server (HTTPS, SSH, git://), whose receive-pack does.
    /// </remarks>
    public string? RemoteUrl { get; init; }

    /// <summary>
    /// The folder that holds clones of <see cref="RemoteUrl"/>.
    /// <value>The default value is <c>traefik-gitops</c> under the system temporary folder.</value>
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// The remote fetched from and pushed to.
    /// <value>The default value is <c>origin</c>.</value>
    /// </summary>
    public string RemoteName { get; init; } = "origin";

    /// <summary>
    /// The branch proposals are based on and pull requests target. Null means the remote's default
    /// branch (<c>refs/remotes/&lt;remote&gt;/HEAD</c>, set by clones), else <c>main</c>.
    /// </summary>
    public string? BaseBranch { get; init; }

    /// <summary>
    /// The folder (relative to the repository root, forward slashes) holding the Traefik objects. Every
    /// YAML file under it is indexed; objects this library creates go to
    /// <c>&lt;root&gt;/&lt;namespace&gt;/&lt;kind&gt;-&lt;name&gt;.yaml</c>. Use one root per cluster
    /// or environment, for example <c>clusters/prod/traefik</c>.
    /// <value>The default value is <c>traefik</c>.</value>
    /// </summary>
    public string Root { get; init; } = DefaultRoot;

    /// <summary>
    /// The folders whose YAML is indexed, so objects defined there (hand-written files, multi-document files)
    /// are found and edited where they are. Null means just <see cref="Root"/>; an empty string means the whole
    /// repository. New objects always go under <see cref="Root"/>. An object defined in two indexed files is an
    /// error naming both.
    /// <value>The default value is null (the root only).</value>
    /// </summary>
    public ImmutableList<string>? IndexedFolders { get; init; }

    /// <summary>
    /// Files under the indexed folders that are not Kubernetes manifests (chart templates, values files, other
    /// tools' YAML), so they are neither read nor written. Patterns are matched against the path from the
    /// repository root: <c>*</c> within a name, <c>**</c> across folders, <c>?</c> one character; a pattern without
    /// a <c>/</c> matches a name in any folder, and one that matches a folder excludes everything under it (for
    /// example <c>traefik/charts/**</c>, <c>values*.yaml</c>). Every other file under the indexed folders that cannot
    /// be read is reported, and stops delivery.
    /// <value>The default value is empty (nothing excluded).</value>
    /// </summary>
    public ImmutableList<string> Exclude { get; init; } = [];

    /// <summary>
    /// The largest file read from the indexed folders, in bytes; a larger one is reported as unreadable
    /// (without being read) and stops delivery until it is smaller or excluded.
    /// <value>The default value is 4 MiB (<see cref="Traefik.Manifests.YamlLimits.DefaultMaxBytes"/>).</value>
    /// </summary>
    public int MaxFileBytes { get; init; } = Traefik.Manifests.YamlLimits.DefaultMaxBytes;

    /// <summary>
    /// The delivery a <see cref="DeliveryMode.Diff"/> preview is planned against, so the preview is exactly
    /// what delivering would do. Must not be <see cref="DeliveryMode.Diff"/>.
    /// <value>The default value is <see cref="DeliveryMode.Branch"/>.</value>
    /// </summary>
    public DeliveryMode DefaultDelivery { get; init; } = DeliveryMode.Branch;

    /// <summary>
    /// The commit author.
    /// <value>The default value is <see cref="CommitIdentity.Default"/>.</value>
    /// </summary>
    public CommitIdentity Author { get; init; } = CommitIdentity.Default;

    /// <summary>The committer; null means the author.</summary>
    public CommitIdentity? Committer { get; init; }

    /// <summary>
    /// The name of the environment variable holding the HTTPS token used to clone, fetch and push (never
    /// the token itself). Null means no credentials (local paths, public remotes).
    /// </summary>
    public string? GitTokenEnvironmentVariable { get; init; }

    /// <summary>
    /// The user name sent with the HTTPS token.
    /// <value>The default value is <c>x-access-token</c> (what GitHub expects for tokens).</value>
    /// </summary>
    public string GitTokenUserName { get; init; } = "x-access-token";

    /// <summary>
    /// How many times a push rejected because the remote branch moved is retried, each time after a fetch
    /// and a re-plan of the intent on the new tip.
    /// <value>The default value is 3.</value>
    /// </summary>
    public int PushRetries { get; init; } = 3;

    /// <summary>
    /// How long a writer waits for another writer on the same repository (in this process or another).
    /// <value>The default value is 60 seconds.</value>
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The branch name, commit message and pull request templates.</summary>
    public GitOpsTemplates Templates { get; init; } = new();

    /// <summary>
    /// Which service opens pull requests.
    /// <value>The default value is <see cref="PullRequestProviderKind.None"/> (push only).</value>
    /// </summary>
    public PullRequestProviderKind PullRequestProvider { get; init; } = PullRequestProviderKind.None;

    /// <summary>GitHub settings, used when <see cref="PullRequestProvider"/> is <see cref="PullRequestProviderKind.GitHub"/>.</summary>
    public GitHubOptions GitHub { get; init; } = new();

    /// <summary>
    /// Builds an intent again from the record its commit carries (<see cref="Intents.ITrafficIntent.Record"/>), so a
    /// pending proposal branch whose base moved can be rebuilt by planning its intents again on the new base. It
    /// must return an intent with the same effect as the one recorded, or throw
    /// <see cref="Traefik.Manifests.Validation.ManifestException"/> or <see cref="GitOpsException"/> when the record
    /// is not one it knows. Null means recorded branches cannot be rebuilt: a branch whose base moved is then left
    /// as it is, and plans on it say so.
    /// </summary>
    public Func<Intents.IntentRecord, Intents.ITrafficIntent>? IntentDecoder { get; init; }

    /// <summary>
    /// Receives one line per notable step (fetch, re-plan, push, pull request). Secrets are removed
    /// before a line is written. Null means no log.
    /// </summary>
    public Action<string>? Log { get; init; }
}
