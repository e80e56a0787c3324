using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>
/// One tool action's table of parameter ↔ intent field (<c>stable_service</c> ↔ <c>backends[0].service</c>). The same
/// table builds the intent from the call's arguments (<see cref="Build{TIntent}"/>: each given argument is placed at its
/// path of the intent's JSON and read by <see cref="IntentJson"/>) and names the parameter in every problem the library
/// reports (<see cref="Rename(ManifestException, IDictionary{string, JsonElement})"/>), so the two can never disagree.
/// </summary>
internal sealed partial class ParameterMap
{
    private readonly ImmutableArray<ParameterRow> _rows;
    private readonly ImmutableArray<(string From, string To)> _words;

    private ParameterMap(ImmutableArray<ParameterRow> rows, ImmutableArray<(string From, string To)> words = default)
    {
        _rows = rows;
        _words = words.IsDefault ? [] : words;
    }

    /// <summary>A table from (parameter, intent path) pairs.</summary>
    public static ParameterMap Of(params (string Parameter, string Path)[] rows) =>
        new([.. rows.Select(r => new ParameterRow(r.Parameter, r.Path))]);

    /// <summary>This table with one more row.</summary>
    public ParameterMap With(ParameterRow row) => new(_rows.Add(row), _words);

    /// <summary>
    /// This table with paths the operation reports that are not fields of the intent (its name and namespace
    /// arguments, or a list the intent holds): they are only renamed.
    /// </summary>
    public ParameterMap Naming(params (string Parameter, string Path)[] rows) =>
        new(_rows.AddRange(rows.Select(r => new ParameterRow(r.Parameter, r.Path) { RenameOnly = true })), _words);

    /// <summary>This table with words of the library's messages written another way (a type's CRD key as the tool names it).</summary>
    public ParameterMap Wording(params (string From, string To)[] words) => new(_rows, _words.AddRange(words));

    /// <summary>The intent the arguments describe.</summary>
    /// <exception cref="ManifestException">A value cannot be read into the intent; the problem names the parameter.</exception>
    public TIntent Build<TIntent>(IDictionary<string, JsonElement>? arguments)
        where TIntent : class
    {
        var root = new JsonObject();
        var given = Given(arguments);
        var missing = _rows.Where(r => r.Required is not null && !Present(arguments, r.Parameter)).Select(r => new ManifestProblem(r.Parameter, r.Required!)).ToList();
        if (missing.Count > 0)
        {
            throw missing.Count == 1 ? new ManifestException(missing[0].Path, missing[0].Message) : new ManifestException("Required arguments are missing.", missing);
        }

        foreach (var row in _rows)
        {
            if (row.RenameOnly || (row.Needs is { } needed && !Present(arguments, needed)))
            {
                continue;
            }

            JsonNode? value = Present(arguments, row.Parameter) ? JsonNode.Parse(arguments![row.Parameter].GetRawText()) : null;
            if (value is not null && row.Convert is { } convert)
            {
                value = convert(value);
            }

            if (value is not null && !row.Fields.IsDefaultOrEmpty)
            {
                FieldNames(value, row.Fields);
            }

            if (value is not null)
            {
                Set(root, row.Path, value);
            }
        }

        // Defaults apply only where the object they belong to exists: a canary weight defaults to 0 only when there is a canary.
        foreach (var row in _rows)
        {
            if (row.Default is { } fallback && !given.Contains(row.Parameter) && (row.Needs is null || Present(arguments, row.Needs)) && ParentExists(root, row.Path) && Get(root, row.Path) is null)
            {
                Set(root, row.Path, fallback.DeepClone());
            }
        }

        try
        {
            return IntentJson.Read<TIntent>(root);
        }
        catch (ManifestException e)
        {
            throw Rename(e, arguments);
        }
    }

    private static bool Present(IDictionary<string, JsonElement>? arguments, string parameter) =>
        arguments is not null && arguments.TryGetValue(parameter, out var element) && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <summary>Runs <paramref name="operation"/>, renaming the paths and field names of any problem it reports to parameters.</summary>
    public T Run<T>(Func<T> operation, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            return operation();
        }
        catch (ManifestException e) when (e.Problems.Count > 0)
        {
            throw Rename(e, arguments);
        }
    }

    /// <summary>The same exception with each problem's path, and the intent's field names in its messages, in parameter names.</summary>
    public ManifestException Rename(ManifestException exception, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ManifestException(Words(exception.Headline), [.. exception.Problems.Select(p => new ManifestProblem(Rename(p.Path, arguments), Words(p.Message)))]);
    }

    /// <summary>
    /// The parameter a library path stands for: among the rows whose path equals or contains it (a path is contained at
    /// a <c>.</c> or <c>[</c>), the one that set the value (given in the call, and among those the longest path); when
    /// none did, the longest of all, the first of equals (a field the library misses is named after the parameter that
    /// would set it).
    /// </summary>
    public string Rename(string path, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(path);
        var given = Given(arguments);
        ParameterRow? best = null;
        foreach (var row in _rows)
        {
            var contains = path == row.Path
                || (path.Length > row.Path.Length && path.StartsWith(row.Path, StringComparison.Ordinal) && path[row.Path.Length] is '.' or '[');
            if (!contains)
            {
                continue;
            }

            var rowGiven = !row.RenameOnly && given.Contains(row.Parameter);
            var bestGiven = best is not null && !best.RenameOnly && given.Contains(best.Parameter);
            if (best is null || (rowGiven && !bestGiven) || (rowGiven == bestGiven && row.Path.Length > best.Path.Length))
            {
                best = row;
            }
        }

        if (best is null)
        {
            return path;
        }

        var rest = path[best.Path.Length..];
        if (best.Inside is { } inside)
        {
            return best.Parameter + inside(rest, arguments is not null && arguments.TryGetValue(best.Parameter, out var value) ? value : null);
        }

        if (!best.Fields.IsDefaultOrEmpty)
        {
            foreach (var (parameter, field) in best.Fields)
            {
                rest = Regex.Replace(rest, $@"\.{Regex.Escape(field)}\b", "." + parameter, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        return best.Parameter + rest;
    }

    /// <summary>Renames the keys of the objects in an argument (or in a list of them) from parameter names to field names.</summary>
    private static void FieldNames(JsonNode value, ImmutableArray<(string Parameter, string Field)> fields)
    {
        foreach (var item in value is JsonArray list ? list : [value])
        {
            if (item is not JsonObject o)
            {
                continue;
            }

            foreach (var (parameter, field) in fields)
            {
                if (o.ContainsKey(parameter) && o.Remove(parameter, out var moved))
                {
                    o[field] = moved;
                }
            }
        }
    }

    /// <summary>
    /// The names of the arguments a call actually set: present, not null and not <c>false</c> (clients often send every
    /// boolean with its default).
    /// </summary>
    public static IReadOnlySet<string> Given(IDictionary<string, JsonElement>? arguments) =>
        arguments is null
            ? ImmutableHashSet<string>.Empty
            : arguments.Where(a => a.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False))
                .Select(a => a.Key)
                .ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Messages name the intent's fields by path (<c>fields.regex</c>) or in camelCase (<c>set allowNewMainService</c>);
    /// each such path of the table, and each last segment that is a camelCase identifier, is written as its parameter.
    /// Lower-case single words (<c>percent</c>) stay as they are: they are ordinary words as often as names.
    /// </summary>
    public string Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var row in _rows.Where(r => r.Path.IndexOfAny(['.', '[']) >= 0 && r.Path != r.Parameter).OrderByDescending(r => r.Path.Length))
        {
            text = Regex.Replace(text, $@"(?<![\w.\[]){Regex.Escape(row.Path)}(?![\w\[])", row.Parameter, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        foreach (var (from, to) in _words)
        {
            text = Regex.Replace(text, $@"\b{Regex.Escape(from)}\b", to, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        var names = _rows.Select(r => (Leaf(r.Path), r.Parameter))
            .Concat(_rows.Where(r => !r.Fields.IsDefaultOrEmpty).SelectMany(r => r.Fields.Select(f => (f.Field, f.Parameter))));
        foreach (var (leaf, parameter) in names)
        {
            if (leaf.Any(char.IsUpper) && leaf != parameter)
            {
                text = Regex.Replace(text, $@"(?<![\w.\[]){Regex.Escape(leaf)}\b", parameter, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        return text;
    }

    private static string Leaf(string path)
    {
        var dot = path.LastIndexOf('.');
        var leaf = dot < 0 ? path : path[(dot + 1)..];
        var bracket = leaf.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? leaf : leaf[..bracket];
    }

    private static bool ParentExists(JsonObject root, string path)
    {
        var segments = Segments(path);
        return segments.Count == 1 || Navigate(root, segments.Take(segments.Count - 1)) is not null;
    }

    private static JsonNode? Get(JsonObject root, string path) => Navigate(root, Segments(path));

    private static JsonNode? Navigate(JsonObject root, IEnumerable<object> segments)
    {
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            node = (node, segment) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int index) when index < a.Count => a[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Places <paramref name="value"/> at <paramref name="path"/>, creating the objects and lists on the way.</summary>
    private static void Set(JsonObject root, string path, JsonNode value)
    {
        var segments = Segments(path);
        JsonNode node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            JsonNode Make() => segments[i + 1] is int ? new JsonArray() : new JsonObject();
            switch (node, segments[i])
            {
                case (JsonObject o, string name):
                    if (last)
                    {
                        if (o[name] is JsonArray earlier && value is JsonArray more)
                        {
                            // Two parameters for one list (a JSON list and a comma-separated string) add up.
                            foreach (var item in more.ToList())
                            {
                                more.Remove(item);
                                earlier.Add(item);
                            }
                        }
                        else
                        {
                            o[name] = value;
                        }

                        return;
                    }

                    node = o[name] ??= Make();
                    break;
                case (JsonArray a, int index):
                    while (a.Count <= index)
                    {
                        a.Add(null);
                    }

                    if (last)
                    {
                        a[index] = value;
                        return;
                    }

                    node = a[index] ??= Make();
                    break;
                default:
                    throw new InvalidOperationException($"The parameter table path '{path}' does not fit the paths before it.");
            }
        }
    }

    /// <summary><c>backends[1].port</c> → <c>backends</c>, 1, <c>port</c>.</summary>
    private static List<object> Segments(string path)
    {
        var segments = new List<object>();
        foreach (Match match in SegmentPattern().Matches(path))
        {
            segments.Add(match.Groups["name"].Success ? match.Groups["name"].Value : int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return segments;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>[0-9]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}

/// <summary>One row of a <see cref="ParameterMap"/>.</summary>
/// <param name="Parameter">The tool parameter.</param>
/// <param name="Path">Where its value goes in the intent's JSON (<c>match.host</c>, <c>backends[0].port</c>).</param>
internal sealed record ParameterRow(string Parameter, string Path)
{
    /// <summary>Turns the argument's JSON into the field's (null leaves the field out).</summary>
    public Func<JsonNode, JsonNode?>? Convert { get; init; }

    /// <summary>The value when the parameter is not given and the object holding the field exists.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>Fields of the objects the argument holds whose parameter names differ (<c>config_map</c> ↔ <c>configMap</c>).</summary>
    public ImmutableArray<(string Parameter, string Field)> Fields { get; init; }

    /// <summary>
    /// Renames a path inside the field (<c>[0].services[0].port</c>) to the one inside the argument, given the argument
    /// as sent, for arguments whose items take more than one shape.
    /// </summary>
    public Func<string, JsonElement?, string>? Inside { get; init; }

    /// <summary>When set, the row is built only when this parameter is given too (a Service that only selects the backend whose weight changes).</summary>
    public string? Needs { get; init; }

    /// <summary>When set, the parameter must be given; the text says why and what to send.</summary>
    public string? Required { get; init; }

    /// <summary>The path is only renamed, never built (the operation's name and namespace arguments).</summary>
    public bool RenameOnly { get; init; }
}
