using System.Text.Json;
using System.Text.RegularExpressions;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>
/// Renames the field paths of <see cref="ManifestException"/> problems from the library's names
/// (<c>sniHost</c>, <c>rules[0].services[0].port</c>) to the tool's parameter names (<c>sni_match</c>,
/// <c>routes[0].service_port</c>), so an error names the argument the caller has to fix.
/// </summary>
internal static class ParameterPaths
{
    /// <summary>A renamer from (library path prefix, parameter name) pairs; the first matching prefix wins.</summary>
    public static Func<string, string> Map(params (string From, string To)[] pairs) => path =>
    {
        foreach (var (from, to) in pairs)
        {
            if (path == from)
            {
                return to;
            }

            if (path.Length > from.Length && path.StartsWith(from, StringComparison.Ordinal) && path[from.Length] is '.' or '[')
            {
                return to + path[from.Length..];
            }
        }

        return path;
    };

    /// <summary>
    /// Runs <paramref name="action"/>, renaming the problem paths of any <see cref="ManifestException"/> it
    /// throws, and in the messages the library's names of options (<paramref name="words"/>: from, to).
    /// </summary>
    public static T Run<T>(Func<T> action, Func<string, string> rename, params (string From, string To)[] words)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (ManifestException e) when (e.Problems.Count > 0)
        {
            throw Rename(e, rename, words);
        }
    }

    /// <summary>Wraps an operation so its problems name the tool's parameters.</summary>
    public static Func<ManifestSet, OperationResult<T>> Renamed<T>(Func<ManifestSet, OperationResult<T>> operation, Func<string, string> rename, params (string From, string To)[] words) =>
        current => Run(() => operation(current), rename, words);

    /// <summary>The same exception with renamed problem paths (and option names in its messages).</summary>
    public static ManifestException Rename(ManifestException exception, Func<string, string> rename, params (string From, string To)[] words)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(rename);
        return new ManifestException(Words(exception.Headline, words), [.. exception.Problems.Select(p => new ManifestProblem(rename(p.Path), Words(p.Message, words)))]);
    }

    private static string Words(string text, (string From, string To)[] words)
    {
        foreach (var (from, to) in words)
        {
            text = Regex.Replace(text, $@"\b{Regex.Escape(from)}\b", to, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return text;
    }

    /// <summary>
    /// The names of the arguments a call actually set: present, not null and not <c>false</c> (clients
    /// often send every boolean with its default).
    /// </summary>
    public static IReadOnlySet<string> Given(IDictionary<string, JsonElement>? arguments) =>
        arguments is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : arguments.Where(a => a.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False))
                .Select(a => a.Key)
                .ToHashSet(StringComparer.Ordinal);
}
