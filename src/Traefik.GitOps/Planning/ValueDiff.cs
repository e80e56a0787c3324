using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.GitOps.Proposals;
using Traefik.Manifests;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Planning;

/// <summary>
/// The values a person reviews: every field that differs between the object before and after (metadata
/// left out), with list items that have a <c>name</c> addressed by it, and the traffic share each weighted
/// service gets (Traefik counts a missing weight as 1).
/// </summary>
internal static class ValueDiff
{
    public static ImmutableList<ValueChange> Describe(KubernetesObject? before, KubernetesObject? after)
    {
        var result = ImmutableList.CreateBuilder<ValueChange>();
        var b = before is null ? null : ManifestYaml.ToJson(before);
        var a = after is null ? null : ManifestYaml.ToJson(after);
        var keys = new List<string>();
        foreach (var o in new[] { b, a })
        {
            foreach (var (key, _) in o ?? [])
            {
                if (key is not ("apiVersion" or "kind" or "metadata") && !keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }

        foreach (var key in keys)
        {
            Compare(b?[key], a?[key], key, result);
        }

        return result.ToImmutable();
    }

    private static void Compare(JsonNode? before, JsonNode? after, string path, ImmutableList<ValueChange>.Builder result)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        switch (before, after)
        {
            case (JsonObject or null, JsonObject or null) when before is not null || after is not null:
                var keys = ((JsonObject?)before ?? []).Select(p => p.Key).Concat(((JsonObject?)after ?? []).Select(p => p.Key)).Distinct().ToList();
                foreach (var key in keys)
                {
                    Compare(before?[key], after?[key], path + "." + key, result);
                }

                return;
            case (JsonArray or null, JsonArray or null) when IsObjectList(before) && IsObjectList(after):
                CompareList((JsonArray?)before, (JsonArray?)after, path, result);
                return;
            default:
                result.Add(new ValueChange(path, Format(before), Format(after)));
                return;
        }
    }

    private static void CompareList(JsonArray? before, JsonArray? after, string path, ImmutableList<ValueChange>.Builder result)
    {
        var b = before ?? [];
        var a = after ?? [];
        if (Named(b) && Named(a))
        {
            var names = b.Select(Name).Concat(a.Select(Name)).Distinct().ToList();
            var removed = b.Where(i => !a.Any(x => Name(x) == Name(i))).ToList();
            var added = a.Where(i => !b.Any(x => Name(x) == Name(i))).ToList();
            foreach (var name in names)
            {
                var old = b.FirstOrDefault(i => Name(i) == name);
                var now = a.FirstOrDefault(i => Name(i) == name);
                if (now is not null && old is null && added.IndexOf(now) is var slot && slot < removed.Count)
                {
                    // An item replaced by another in the same place (a route repointed): one change, not two.
                    old = removed[slot];
                }
                else if (old is not null && now is null && removed.IndexOf(old) < added.Count)
                {
                    continue;
                }

                Compare(old, now, $"{path}[{name}]", result);
            }

            if (path.EndsWith(".services", StringComparison.Ordinal) && (b.Any(HasWeight) || a.Any(HasWeight)))
            {
                var shareBefore = Shares(b);
                var shareAfter = Shares(a);
                foreach (var name in names)
                {
                    var sb = shareBefore.GetValueOrDefault(name!);
                    var sa = shareAfter.GetValueOrDefault(name!);
                    if (sb != sa)
                    {
                        result.Add(new ValueChange($"{path}[{name}].share", sb, sa));
                    }
                }
            }

            return;
        }

        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            Compare(i < b.Count ? b[i] : null, i < a.Count ? a[i] : null, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", result);
        }
    }

    private static Dictionary<string, string> Shares(JsonArray services)
    {
        var weights = services.Select(s => (Name: Name(s)!, Weight: s?["weight"] is JsonValue w && w.TryGetValue<long>(out var v) ? v : 1L)).ToList();
        var total = weights.Sum(w => w.Weight);
        return weights.ToDictionary(
            w => w.Name,
            w => total == 0 ? "0%" : Math.Round(100m * w.Weight / total, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%",
            StringComparer.Ordinal);
    }

    private static bool HasWeight(JsonNode? node) => node is JsonObject o && o.ContainsKey("weight");

    private static bool IsObjectList(JsonNode? node) => node is null || (node is JsonArray a && a.Count > 0 && a.All(i => i is JsonObject));

    private static bool Named(JsonArray items) =>
        items.All(i => Name(i) is not null) && items.Select(Name).Distinct().Count() == items.Count;

    private static string? Name(JsonNode? node) =>
        node is JsonObject o && o["name"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string? Format(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v:
                return v.ToJsonString();
            case JsonArray array:
                return "[" + string.Join(", ", array.Select(Format)) + "]";
            case JsonObject obj:
                var sb = new StringBuilder("{");
                foreach (var (key, value) in obj)
                {
                    if (sb.Length > 1)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(key).Append(": ").Append(Format(value));
                }

                return sb.Append('}').ToString();
            default:
                return node.ToJsonString();
        }
    }
}
