using System.Globalization;
using System.Text;
using Scriban.Runtime;

namespace Traefik.GitOps.Templates;

/// <summary>
/// Bounds and escapes what the templates see, so that no content of a proposal (a 5,000-key plugin configuration, a
/// NUL or a newline in a key, a megabyte value) can make a template loop past its limit, write an invalid commit or
/// slip a line (a fake trailer) into a commit message.
/// </summary>
internal static class TemplateText
{
    /// <summary>Values listed per changed object; the rest are counted in <c>values_omitted</c>.</summary>
    public const int MaxValues = 50;

    /// <summary>Objects listed; the rest are counted in <c>object_changes_omitted</c>.</summary>
    public const int MaxObjectChanges = 100;

    /// <summary>Files listed; the rest are counted in <c>file_changes_omitted</c>.</summary>
    public const int MaxFiles = 200;

    /// <summary>Warnings and validation issues listed, each; the rest are counted.</summary>
    public const int MaxIssues = 50;

    /// <summary>Commit subjects listed for a pull request; the rest are counted in <c>commits_omitted</c>.</summary>
    public const int MaxCommits = 200;

    /// <summary>Characters of one value, field, path or message.</summary>
    public const int MaxLine = 1000;

    /// <summary>Characters of a title.</summary>
    public const int MaxTitle = 250;

    /// <summary>Characters of the diff a template can print.</summary>
    public const int MaxDiff = 65_536;

    /// <summary>Characters of a rendered commit message or pull request body.</summary>
    public const int MaxMessage = 262_144;

    /// <summary>Iterations one loop of a template may make: far above the bounded lists, finite for any template.</summary>
    public const int LoopLimit = 100_000;

    /// <summary>One line: control characters, line separators and lone surrogates escaped; cut to <paramref name="max"/> characters.</summary>
    public static string? Line(string? text, int max = MaxLine) => text is null ? null : Escape(text, keepLines: false, max);

    /// <summary>Several lines: newlines and tabs kept, every other control character escaped; cut to <paramref name="max"/> characters.</summary>
    public static string Block(string text, int max) => Escape(text, keepLines: true, max);

    /// <summary>At most <paramref name="max"/> lines, each escaped; <paramref name="omitted"/> counts the rest.</summary>
    public static ScriptArray Lines(IEnumerable<string> items, int max, out int omitted)
    {
        var result = new ScriptArray();
        omitted = 0;
        foreach (var item in items)
        {
            if (result.Count < max)
            {
                result.Add(Line(item));
            }
            else
            {
                omitted++;
            }
        }

        return result;
    }

    /// <summary>
    /// A value for the branch name template: letters, digits, '.', '_' and '-' only (anything else becomes '-'), with no
    /// "..", no leading or trailing '.' or '-', and no ".lock" ending, so that a template joining such parts with '/'
    /// always makes a valid git branch name. Kubernetes names pass unchanged (except a ".lock" ending).
    /// </summary>
    public static string BranchPart(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 100));
        foreach (var c in text)
        {
            if (sb.Length == 100)
            {
                break;
            }

            var kept = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-';
            if ((kept == '-' && sb.Length > 0 && sb[^1] == '-') || (kept == '.' && sb.Length > 0 && sb[^1] == '.'))
            {
                continue;
            }

            sb.Append(kept);
        }

        var part = sb.ToString().Trim('-', '.');
        if (part.EndsWith(".lock", StringComparison.OrdinalIgnoreCase))
        {
            part = part[..^5] + "-lock";
        }

        return part.Length == 0 ? "-" : part;
    }

    private static string Escape(string text, bool keepLines, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (sb.Length >= max)
            {
                sb.Append(keepLines ? $"\n… ({(text.Length - i).ToString(CultureInfo.InvariantCulture)} more characters)" : "…");
                break;
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (keepLines && c is '\n' or '\t')
            {
                sb.Append(c);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                sb.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                });
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
