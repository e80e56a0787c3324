using System.Text.Json.Nodes;

namespace Traefik.GitOps.Planning;

/// <summary>
/// Which fields of an object two versions disagree on, as JSON-pointer-like paths (<c>/spec/weighted/services/0/weight</c>),
/// and whether two such sets of changes touch the same field: how a rebuild tells a change made on the base to
/// the same fields as a pending proposal (a conflict to show a person) from one that left them alone.
/// </summary>
internal static class ChangedFields
{
    /// <summary>The deepest paths where <paramref name="before"/> and <paramref name="after"/> differ ("" for the whole value).</summary>
    public static IReadOnlyList<string> Between(JsonNode? before, JsonNode? after)
    {
        var paths = new List<string>();
        Compare(before, after, string.Empty, paths);
        return paths;
    }

    /// <summary>True when a path of one set is a path of the other set or lies inside it.</summary>
    public static bool Overlap(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        first.Any(a => second.Any(b => a == b || a.StartsWith(b + "/", StringComparison.Ordinal) || b.StartsWith(a + "/", StringComparison.Ordinal) || a.Length == 0 || b.Length == 0));

    private static void Compare(JsonNode? before, JsonNode? after, string path, List<string> paths)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    Compare(b[key], a[key], path + "/" + key, paths);
                }

                return;
            case (JsonArray b, JsonArray a) when b.Count == a.Count:
                for (var i = 0; i < b.Count; i++)
                {
                    Compare(b[i], a[i], path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), paths);
                }

                return;
            default:
                paths.Add(path);
                return;
        }
    }
}
