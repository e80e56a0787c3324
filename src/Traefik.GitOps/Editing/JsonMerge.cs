using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests;

namespace Traefik.GitOps.Editing;

/// <summary>
/// Three-way merge of an object edit into the document a person wrote. The change is the difference
/// between the object's canonical JSON before and after the operation; it is applied to the document's
/// own JSON (in the file's key order), so everything the change does not touch — key order, fields the
/// model normalises, values written differently — stays as written. Keys the change adds are appended
/// in canonical order; keys it removes disappear.
/// </summary>
internal static class JsonMerge
{
    private static readonly string[] TopLevel = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataLeading = ["name", "namespace"];

    public static JsonNode? Patch(JsonNode? original, JsonNode? before, JsonNode? after) => Patch(original, before, after, Where.Root);

    /// <summary>A deep copy with keys in the library's canonical order.</summary>
    public static JsonNode? Canonical(JsonNode? node) => Canonical(node, Where.Root);

    /// <summary>
    /// Collects the scalar values that differ between two documents of the same shape (same keys in the
    /// same order, same array lengths). Returns false when the shape differs.
    /// </summary>
    public static bool ScalarEdits(JsonNode? from, JsonNode? to, string path, List<(string Path, string? Key, JsonNode? Value)> edits, string? key = null)
    {
        switch (from, to)
        {
            case (JsonObject a, JsonObject b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                using (var ea = a.GetEnumerator())
                using (var eb = b.GetEnumerator())
                {
                    while (ea.MoveNext() && eb.MoveNext())
                    {
                        if (ea.Current.Key != eb.Current.Key
                            || !ScalarEdits(ea.Current.Value, eb.Current.Value, path + "/" + YamlLayout.Segment(ea.Current.Key), edits, ea.Current.Key))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!ScalarEdits(a[i], b[i], path + "/" + i.ToString(CultureInfo.InvariantCulture), edits))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonObject, _) or (_, JsonObject) or (JsonArray, _) or (_, JsonArray):
                return false;
            default:
                if (!JsonNode.DeepEquals(from, to))
                {
                    edits.Add((path, key, to));
                }

                return true;
        }
    }

    private static JsonNode? Patch(JsonNode? original, JsonNode? before, JsonNode? after, Where where)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return original?.DeepClone();
        }

        switch (original, before, after)
        {
            case (JsonObject o, JsonObject b, JsonObject a):
                var result = new JsonObject();
                foreach (var (key, value) in o)
                {
                    var child = where.Child(key);
                    if (a.TryGetPropertyValue(key, out var afterValue))
                    {
                        result[key] = b.TryGetPropertyValue(key, out var beforeValue)
                            ? Patch(value, beforeValue, afterValue, child)
                            : Canonical(afterValue, child);
                    }
                    else if (!b.ContainsKey(key))
                    {
                        // Written by hand but not part of the model's view of the object: keep it.
                        result[key] = value?.DeepClone();
                    }
                }

                var added = a.Where(p => !o.ContainsKey(p.Key)
                        && !(b.TryGetPropertyValue(p.Key, out var bv) && JsonNode.DeepEquals(bv, p.Value)))
                    .Select(p => p.Key)
                    .ToList();
                foreach (var key in Order(added, where))
                {
                    result[key] = Canonical(a[key], where.Child(key));
                }

                return result;
            case (JsonArray o, JsonArray b, JsonArray a) when o.Count == b.Count:
                return PatchArray(o, b, a, where);
            default:
                return Canonical(after, where);
        }
    }

    private static JsonArray PatchArray(JsonArray original, JsonArray before, JsonArray after, Where where)
    {
        var result = new JsonArray();
        if (before.Count == after.Count && Enumerable.Range(0, before.Count).All(i => Identity(before[i]) == Identity(after[i])))
        {
            for (var i = 0; i < after.Count; i++)
            {
                result.Add(Patch(original[i], before[i], after[i], where.Item()));
            }

            return result;
        }

        // Items were added, removed or reordered: match them by identity (kind, namespace, name).
        var byIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = true;
        for (var i = 0; i < before.Count; i++)
        {
            if (Identity(before[i]) is { } id)
            {
                unique &= byIdentity.TryAdd(id, i);
            }
        }

        foreach (var item in after)
        {
            if (unique && Identity(item) is { } id && byIdentity.TryGetValue(id, out var i))
            {
                result.Add(Patch(original[i], before[i], item, where.Item()));
            }
            else
            {
                result.Add(Canonical(item, where.Item()));
            }
        }

        return result;
    }

    private static string? Identity(JsonNode? node) =>
        node is JsonObject o && o["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String
            ? $"{Text(o["kind"])}|{Text(o["namespace"])}|{name.GetValue<string>()}"
            : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static JsonNode? Canonical(JsonNode? node, Where where)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var key in Order(o.Select(p => p.Key).ToList(), where))
                {
                    result[key] = Canonical(o[key], where.Child(key));
                }

                return result;
            case JsonArray a:
                var array = new JsonArray();
                foreach (var item in a)
                {
                    array.Add(Canonical(item, where.Item()));
                }

                return array;
            default:
                return node?.DeepClone();
        }
    }

    private static IEnumerable<string> Order(List<string> keys, Where where)
    {
        var leading = where.Depth == 0 ? TopLevel : where.IsMetadata ? MetadataLeading : [];
        return keys.OrderBy(k => Array.IndexOf(leading, k) is var i && i >= 0 ? i : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal);
    }

    private readonly record struct Where(int Depth, bool IsMetadata)
    {
        public static Where Root => new(0, false);

        public Where Child(string key) => new(Depth + 1, Depth == 0 && key == "metadata");

        public Where Item() => new(Depth + 1, false);
    }

    /// <summary>Renders one scalar the way the library writes it, or null when it would take more than one line.</summary>
    public static string? RenderScalar(string? key, JsonNode? value)
    {
        if (value is JsonObject or JsonArray)
        {
            return null;
        }

        var k = key == "match" ? "match" : "v";
        var text = ManifestYaml.RenderNode(new JsonObject { [k] = value?.DeepClone() }, canonicalOrder: false);
        var prefix = k + ": ";
        return text.StartsWith(prefix, StringComparison.Ordinal) && text.IndexOf('\n', StringComparison.Ordinal) == text.Length - 1
            ? text[prefix.Length..^1]
            : null;
    }
}
