using System.ComponentModel;
using Traefik.GitOps.State;

namespace Traefik.Mcp.Resources;

/// <summary>A file under the manifest root that could not be read: the answer it is part of may miss what it defines.</summary>
[Description("A file under the manifest root that could not be read (invalid YAML, over a limit, not a valid object, a symbolic link). What it defines is missing from this answer; no proposal is valid and nothing but a diff is delivered until it is fixed or excluded (--exclude).")]
public sealed record UnreadableFileView
{
    /// <summary>The path in the repository.</summary>
    public required string Path { get; init; }

    /// <summary>The line (1-based), when the problem is on one.</summary>
    public int? Line { get; init; }

    /// <summary>The column (1-based), when known.</summary>
    public int? Column { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Reason { get; init; }

    /// <summary>The views of a state's unreadable files, or null when there are none (the field is then left out).</summary>
    internal static IReadOnlyList<UnreadableFileView>? Of(IEnumerable<UnreadableFile> files)
    {
        var views = files.Select(f => new UnreadableFileView { Path = f.Path, Line = f.Line, Column = f.Column, Reason = f.Reason }).ToList();
        return views.Count == 0 ? null : views;
    }
}
