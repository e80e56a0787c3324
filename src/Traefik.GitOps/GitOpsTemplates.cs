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
