namespace Traefik.GitOps.Git;

/// <summary>
/// The trailers this library writes at the end of each proposal commit, and reads back: which proposal and
/// object the commit is for, the intent it applied (so the branch can be rebuilt), and the pending proposal
/// branch it builds on. Only the message's last paragraph is read, and the library always writes its trailers
/// as that paragraph, so no text a template renders (a title, a value) can pose as one.
/// </summary>
internal static class CommitTrailers
{
    public const string ProposalId = "Traefik-Proposal-Id";
    public const string Target = "Traefik-Target";
    public const string Intent = "Traefik-Intent";
    public const string DependsOn = "Traefik-Depends-On";

    /// <summary>The trailers of the last paragraph of <paramref name="message"/> (the last value of a key wins).</summary>
    public static IReadOnlyDictionary<string, string> Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n', ' ');
        var start = text.LastIndexOf("\n\n", StringComparison.Ordinal);
        var paragraph = start < 0 ? text : text[(start + 2)..];
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in paragraph.Split('\n'))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && line[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                result[line[..colon]] = line[(colon + 2)..].Trim();
            }
        }

        return result;
    }

    /// <summary>A message with the trailers appended as its last paragraph; a value that would not stay on its line is refused.</summary>
    /// <exception cref="GitOpsException">A value holds a line break or another control character.</exception>
    public static string Append(string message, IEnumerable<(string Key, string? Value)> trailers)
    {
        var lines = new List<string>();
        foreach (var (key, value) in trailers)
        {
            if (value is null)
            {
                continue;
            }

            if (value.Length == 0 || value.Any(char.IsControl))
            {
                throw new GitOpsException($"The commit trailer {key} would hold a line break or another control character, so the commit was not made.");
            }

            lines.Add(key + ": " + value);
        }

        return message.TrimEnd() + "\n\n" + string.Join("\n", lines) + "\n";
    }

    /// <summary>Text on one line: line breaks and other control characters become spaces (a title goes into a commit subject).</summary>
    public static string OneLine(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
