using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Traefik.Mcp.Proposals;

/// <summary>The structured result of every mutating tool: the proposal and what happened on delivery.</summary>
public sealed record ProposalView
{
    /// <summary>Stable id: the same intent on the same base gives the same id.</summary>
    [Description("Stable proposal id; pass it to traefik_deliver_proposal to ship exactly this change.")]
    public required string Id { get; init; }

    /// <summary>One-line title.</summary>
    public required string Title { get; init; }

    /// <summary>Summary in words.</summary>
    public required string Summary { get; init; }

    /// <summary>proposed, no_changes, delivered, or base_moved.</summary>
    [Description("proposed (diff only, nothing written), no_changes, delivered, or base_moved (not delivered: the diff would differ from the reviewed one).")]
    public required string Status { get; init; }

    /// <summary>What the delivery did.</summary>
    public required DeliveryView Delivery { get; init; }

    /// <summary>The objects created, updated or deleted, with the meaningful before/after values.</summary>
    public required IReadOnlyList<ObjectChangeView> ObjectChanges { get; init; }

    /// <summary>The files that change.</summary>
    public required IReadOnlyList<FileChangeView> Files { get; init; }

    /// <summary>The unified diff exactly as git prints it.</summary>
    public required string Diff { get; init; }

    /// <summary>Things to know before shipping.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>CRD schema and cross-object validation.</summary>
    public required ValidationView Validation { get; init; }

    /// <summary>What changes for users, router by router.</summary>
    [Description("What changes for real users: one entry per router (IngressRoute or IngressRouteTCP rule) whose effective behaviour changes, with its backends' shares of user requests, the copies mirrors get, backend options, entry points, TLS and middlewares before and after. Empty when no router changes.")]
    public required IReadOnlyList<TrafficImpactView> TrafficImpact { get; init; }

    /// <summary>The operation's own outcome: percentages, mirror status, middleware summary…</summary>
    [Description("Operation-specific result, e.g. backends with weight and percent, or the mirror status (active / waiting_on_ingress / removed).")]
    public JsonObject? Outcome { get; init; }

    /// <summary>The state the proposal was planned on.</summary>
    public required BasisView Basis { get; init; }
}

/// <summary>What a delivery did.</summary>
public sealed record DeliveryView
{
    /// <summary>diff, worktree, branch or pull_request.</summary>
    public required string Mode { get; init; }

    /// <summary>no_changes, previewed, written_to_worktree, committed, pushed, pull_request_opened, pull_request_updated, not_delivered, branch_closed.</summary>
    public required string Outcome { get; init; }

    /// <summary>The proposal branch (where branch and pull request delivery commit; none for the working tree).</summary>
    public string? Branch { get; init; }

    /// <summary>The commit, when one was made.</summary>
    public string? Commit { get; init; }

    /// <summary>The pull request URL.</summary>
    public string? PullRequestUrl { get; init; }

    /// <summary>The pull request number.</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary>What happened, in words.</summary>
    public required string Message { get; init; }
}

/// <summary>One object created, updated or deleted.</summary>
public sealed record ObjectChangeView
{
    /// <summary>created, updated or deleted.</summary>
    public required string Change { get; init; }

    /// <summary>The object kind.</summary>
    public required string Kind { get; init; }

    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The file in the repository.</summary>
    public required string File { get; init; }

    /// <summary>The meaningful values that changed.</summary>
    public required IReadOnlyList<ValueChangeView> Values { get; init; }
}

/// <summary>A value before and after.</summary>
public sealed record ValueChangeView
{
    /// <summary>What the value is, e.g. <c>weight api-service-canary</c>.</summary>
    public required string Field { get; init; }

    /// <summary>Before (null when new).</summary>
    public string? Before { get; init; }

    /// <summary>After (null when removed).</summary>
    public string? After { get; init; }
}

/// <summary>A file that changes.</summary>
public sealed record FileChangeView
{
    /// <summary>Path in the repository.</summary>
    public required string Path { get; init; }

    /// <summary>added, modified or deleted.</summary>
    public required string Change { get; init; }
}

/// <summary>Validation result.</summary>
public sealed record ValidationView
{
    /// <summary>True when there is no error.</summary>
    public required bool Valid { get; init; }

    /// <summary>How many objects were checked.</summary>
    public required int ObjectsChecked { get; init; }

    /// <summary>Summary in words.</summary>
    public required string Summary { get; init; }

    /// <summary>Every issue.</summary>
    public required IReadOnlyList<ValidationIssueView> Issues { get; init; }

    /// <summary>Files under the manifest root that could not be read when the proposal was planned (absent when there are none); while there is one, the proposal is not valid.</summary>
    [Description("Files under the manifest root that could not be read (path, line, column, reason); present only when there are some. While there is one, valid is false and only diff delivery works: fix the files or exclude them (--exclude).")]
    public IReadOnlyList<Resources.UnreadableFileView>? UnreadableFiles { get; init; }
}

/// <summary>One validation issue.</summary>
public sealed record ValidationIssueView
{
    /// <summary>error or warning.</summary>
    public required string Severity { get; init; }

    /// <summary>The object.</summary>
    public required string Object { get; init; }

    /// <summary>The field path.</summary>
    public required string Path { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Message { get; init; }
}

/// <summary>The state a proposal was planned on.</summary>
public sealed record BasisView
{
    /// <summary>The delivery whose starting state was used.</summary>
    public required string Mode { get; init; }

    /// <summary>The base branch.</summary>
    public required string BaseBranch { get; init; }

    /// <summary>The base commit.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>True when planned on a pending (unmerged) proposal branch.</summary>
    public required bool PendingBranch { get; init; }

    /// <summary>The pending proposal branch this one builds on, or null.</summary>
    [Description("The pending proposal branch this one builds on because it needs an object only that proposal adds; the proposal branch carries that change too, so either can be merged first.")]
    public string? DependsOn { get; init; }
}
