using System.Text.Json.Nodes;

namespace Traefik.Manifests.Yaml;

/// <summary>
/// The one documented key order of rendered manifests: at the top of an object
/// <c>apiVersion, kind, metadata, spec</c>, then any other keys; inside <c>metadata</c>
/// <c>name, namespace</c> first; everywhere else keys are sorted ordinally.
/// </summary>
internal static class CanonicalOrder
{
    private static readonly string[] TopLevel = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] Metadata = ["name", "namespace"];

    public static IEnumerable<KeyValuePair<string, JsonNode?>> Sort(JsonObject obj, int depth)
    {
        var leading = depth == 0 ? TopLevel : IsMetadata(obj) ? Metadata : [];
        var pairs = new List<KeyValuePair<string, JsonNode?>>(obj.Count);
        foreach (var pair in obj)
        {
            pairs.Add(pair);
        }

        pairs.Sort((a, b) =>
        {
            var ia = Array.IndexOf(leading, a.Key);
            var ib = Array.IndexOf(leading, b.Key);
            if (ia >= 0 || ib >= 0)
            {
                return (ia < 0 ? int.MaxValue : ia).CompareTo(ib < 0 ? int.MaxValue : ib);
            }

            return string.CompareOrdinal(a.Key, b.Key);
        });
        return pairs;
    }

    private static bool IsMetadata(JsonObject obj) =>
        obj.Parent is JsonObject parent && parent.Parent is null && ReferenceEquals(parent["metadata"], obj);
}
