namespace Traefik.GitOps;

/// <summary>
/// The Scriban templates that name proposal branches and write commit messages and pull requests.
/// Defaults are shipped inside the package; point at your own files to change them. Templates run
/// with strict variables, so a misspelt variable is an error when the repository is opened or the
/// template first renders, not an empty string. Scriban's builtin objects are read-only to them: pass a
/// format to <c>date.to_string</c> rather than setting <c>date.format</c>.
/// </summary>
public sealed record GitOpsTemplates
{
    /// <summary>The default branch name template.</summary>
    public const string DefaultBranchName = "traefik/{{ namespace }}/{{ target }}";

    /// <summary>
    /// The branch name template (the template text itself, it is short). Variables: <c>namespace</c>,
    /// <c>target</c> (the route or object name), <c>title</c>, <c>fingerprint_hash</c> (12 hex digits
    /// of the intent's fingerprint: use it to get one branch per intent instead of one per route). The first
    /// three are made safe for git: letters, digits, '.', '_' and '-' only (anything else becomes '-'), no
    /// "..", no ".lock" ending (it becomes "-lock"), at most 100 characters.
    /// <value>The default value is <c>traefik/{{ namespace }}/{{ target }}</c>.</value>
    /// </summary>
    public string BranchName { get; init; } = DefaultBranchName;

    /// <summary>
    /// Path of a commit message template file, or null for the shipped one. Variable: <c>proposal</c>
    /// (see the shipped template for its members). Trailers naming the proposal are appended by the
    /// library whatever the template writes. Every text a template sees is one line with control characters
    /// escaped and at most 1,000 characters (the title 250; <c>summary</c> and <c>diff</c> keep their lines,
    /// the diff cut at 64 KiB); lists are cut (50 <c>values</c> per change, 100 <c>object_changes</c>, 200
    /// <c>file_changes</c>, 50 <c>warnings</c> and <c>validation.issues</c>) and the number left out is beside
    /// each (<c>values_omitted</c>, <c>object_changes_omitted</c>, <c>file_changes_omitted</c>,
    /// <c>warnings_omitted</c>, <c>validation.issues_omitted</c>). A loop may run 100,000 times.
    /// </summary>
    /// <remarks>
    /// <para><c>proposal</c> has: <c>id</c>, <c>title</c>, <c>summary</c>, <c>namespace</c>, <c>target</c>,
    /// <c>fingerprint</c>, <c>branch</c>, <c>base_branch</c>, <c>base_commit</c>, <c>base_commit_short</c>,
    /// <c>is_pending_branch</c>, <c>object_changes</c> (each <c>type</c>, <c>kind</c>, <c>namespace</c>, <c>name</c>,
    /// <c>file</c>, <c>values</c> with <c>field</c>, <c>before</c>, <c>after</c>), <c>file_changes</c> (<c>path</c>,
    /// <c>kind</c>), <c>warnings</c>, <c>validation</c> (<c>summary</c>, <c>has_errors</c>, <c>issues</c> with
    /// <c>severity</c>, <c>object</c>, <c>path</c>, <c>message</c>), <c>diff</c>, and <c>traffic_impact</c>.</para>
    /// <para><c>traffic_impact</c> lists each router whose effect on users changes: <c>router</c>
    /// (<c>namespace/ingressroute#rule-index</c>, or <c>tcp:namespace/ingressroutetcp#rule-index</c>), <c>match</c>,
    /// <c>change</c> (<c>created</c>, <c>updated</c> or <c>removed</c>), <c>differences</c> (plain-word lines, users
    /// first), <c>summary</c> (those lines joined with "; "), and <c>before</c> / <c>after</c> (null when absent), each
    /// with <c>entry_points</c> (null: every default entry point), <c>tls</c> (a description, or null),
    /// <c>middlewares</c>, <c>backends</c> (<c>service</c>, <c>namespace</c>, <c>port</c>, <c>share</c> in percent,
    /// <c>fallback</c>, <c>options</c> by name as JSON text), <c>mirrors</c> (<c>service</c>, <c>namespace</c>,
    /// <c>port</c>, <c>percent</c>) and <c>problems</c>.</para>
    /// </remarks>
    public string? CommitMessagePath { get; init; }

    /// <summary>
    /// Path of a pull request title template file, or null for the shipped one. Variables:
    /// <c>proposal</c>, <c>branch</c>, <c>base_branch</c>, <c>commits</c> (subjects of the commits
    /// on the branch, oldest first, at most 200), <c>commits_omitted</c> and <c>commit_count</c>.
    /// </summary>
    public string? PullRequestTitlePath { get; init; }

    /// <summary>Path of a pull request body template file, or null for the shipped one. Same variables as the title.</summary>
    public string? PullRequestBodyPath { get; init; }
}
