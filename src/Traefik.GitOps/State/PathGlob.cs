using System.Text;
using System.Text.RegularExpressions;

namespace Traefik.GitOps.State;

/// <summary>
/// The <see cref="GitOpsOptions.Exclude"/> patterns: matched against a path from the repository root with
/// <c>/</c> separators. <c>*</c> matches within one folder or file name, <c>**</c> any number of folders,
/// <c>?</c> one character other than <c>/</c>; a pattern without a <c>/</c> matches a name in any folder, and a
/// pattern that matches a folder excludes everything under it (as in <c>.gitignore</c>).
/// </summary>
internal sealed class PathGlob
{
    private readonly Regex? _regex;

    public PathGlob(IEnumerable<string> patterns)
    {
        var alternatives = new List<string>();
        foreach (var raw in patterns)
        {
            var pattern = raw.Replace('\\', '/').Trim();
            if (pattern.Length == 0 || pattern.Contains("//", StringComparison.Ordinal) || pattern.Split('/').Any(s => s is "." or ".."))
            {
                throw new GitOpsException($"The exclude pattern '{raw}' is not a path pattern: use folders and names with * ** ?, relative to the repository root (for example traefik/charts/** or *.tpl.yaml).");
            }

            pattern = pattern.Trim('/');
            var anywhere = !pattern.Contains('/', StringComparison.Ordinal);

            // "folder/**" is the folder and everything under it (the folder itself may be a link, not a folder).
            while (pattern.EndsWith("/**", StringComparison.Ordinal))
            {
                pattern = pattern[..^3];
            }

            alternatives.Add((anywhere ? "(?:.*/)?" : string.Empty) + Translate(pattern));
        }

        // Linear-time matching: a path from the repository cannot make the pattern backtrack.
        _regex = alternatives.Count == 0
            ? null
            : new Regex(@"\A(?:" + string.Join("|", alternatives) + @")(?:/.*)?\z", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>True when the path, or a folder it is in, matches a pattern.</summary>
    public bool Matches(string path) => _regex is not null && _regex.IsMatch(path);

    private static string Translate(string pattern)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return sb.ToString();
    }
}
