using System.Collections.Immutable;

namespace Traefik.GitOps.Proposals;

/// <summary>
/// The checks a proposal passed or failed: every created or updated Traefik object against the official
/// CRD schema, and the cross-object references it makes (TraefikServices, Middlewares, ServersTransports)
/// plus the references to objects it deletes. A problem the change introduces is an error — delivering
/// such a proposal is refused; a problem that was already there before the change is a warning.
/// </summary>
/// <param name="Issues">Every problem found, errors first.</param>
/// <param name="ObjectsChecked">How many objects were checked.</param>
public sealed record ValidationReport(ImmutableList<ValidationIssue> Issues, int ObjectsChecked)
{
    /// <summary>
    /// Files under the indexed folders that could not be read when the proposal was planned. The plan may miss
    /// what they define (deleting a route could delete a service one of them still uses), so a report with any
    /// is not valid, and delivery other than a preview is refused until they are fixed or excluded.
    /// </summary>
    public ImmutableList<State.UnreadableFile> UnreadableFiles { get; init; } = [];

    /// <summary>True when a problem would break routing, or a file the plan needed to read could not be read.</summary>
    public bool HasErrors => UnreadableFiles.Count > 0 || Issues.Any(i => i.Severity == ValidationSeverity.Error);

    /// <summary>The errors.</summary>
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == ValidationSeverity.Error);

    /// <summary>One line: what was checked and how many errors and warnings were found.</summary>
    public string Summary
    {
        get
        {
            var errors = Issues.Count(i => i.Severity == ValidationSeverity.Error);
            var warnings = Issues.Count - errors;
            var checkedText = ObjectsChecked == 1 ? "1 object" : $"{ObjectsChecked} objects";
            if (UnreadableFiles.Count > 0)
            {
                return $"Invalid: {(UnreadableFiles.Count == 1 ? "1 file" : $"{UnreadableFiles.Count} files")} under the manifest root cannot be read, so this plan may miss what they define ({string.Join("; ", UnreadableFiles.Take(3))}{(UnreadableFiles.Count > 3 ? $"; and {UnreadableFiles.Count - 3} more" : string.Empty)}); {checkedText} checked, {errors} error(s), {warnings} warning(s).";
            }

            return errors == 0 && warnings == 0
                ? $"Valid: {checkedText} checked against the Traefik CRD schemas and cross-object references."
                : $"{(errors == 0 ? "Valid" : "Invalid")}: {checkedText} checked, {errors} error(s), {warnings} warning(s).";
        }
    }
}

/// <summary>One validation problem.</summary>
/// <param name="Severity">Error (introduced by the change) or warning (already there).</param>
/// <param name="Object">The object, as <c>Kind namespace/name</c>.</param>
/// <param name="Path">The field path inside the object.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationIssue(ValidationSeverity Severity, string Object, string Path, string Message)
{
    /// <summary>Formats the issue as one line.</summary>
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Object} {Path}: {Message}".Replace("  ", " ", StringComparison.Ordinal);
}

/// <summary>How serious a validation problem is.</summary>
public enum ValidationSeverity
{
    /// <summary>The change would break routing or be rejected by the API server; delivery is refused.</summary>
    Error,

    /// <summary>Worth knowing, for example a problem the object already had before the change.</summary>
    Warning,
}
