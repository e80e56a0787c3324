namespace Traefik.GitOps.Git;

/// <summary>
/// A commit as git stores it, read once by a <see cref="GitSession"/>: ids and text only, so nothing outside
/// <c>Git/</c> holds a libgit2 object, and nothing read outlives its session as a native handle.
/// </summary>
/// <param name="Id">The commit id (40 hexadecimal digits).</param>
/// <param name="TreeId">The id of its tree.</param>
/// <param name="Parents">The ids of its parents, the first parent first.</param>
/// <param name="Message">The whole message, as stored.</param>
/// <param name="Subject">The message's summary line, as git shows it in one-line listings.</param>
/// <param name="Author">Who wrote the change, and when.</param>
/// <param name="Committer">Who committed it, and when.</param>
internal sealed record GitCommit(string Id, string TreeId, IReadOnlyList<string> Parents, string Message, string Subject, GitSignature Author, GitSignature Committer)
{
    /// <summary>The first parent's id, or null for a root commit.</summary>
    public string? FirstParent => Parents.Count == 0 ? null : Parents[0];

    /// <summary>The first seven digits of the id, as people quote a commit.</summary>
    public string ShortId => Id[..7];

    /// <summary>The first seven digits of a commit id, or "no commit".</summary>
    public static string Abbreviate(string? id) => id is null ? "no commit" : id[..Math.Min(7, id.Length)];
}
