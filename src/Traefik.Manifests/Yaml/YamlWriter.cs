using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Traefik.Manifests.Yaml;

/// <summary>
/// Writes JSON nodes as block YAML. Output is byte-stable: two-space indentation, sequences indented
/// under their key, no line wrapping, strings quoted only when a plain scalar would read back as
/// something else, and the <c>match</c> rule always single-quoted.
/// </summary>
internal static class YamlWriter
{
    public static void WriteDocument(StringBuilder sb, JsonNode? root, bool canonicalOrder)
    {
        switch (root)
        {
            case JsonObject obj when obj.Count > 0:
                WriteMapping(sb, obj, 0, canonicalOrder, depth: 0);
                break;
            case JsonArray arr when arr.Count > 0:
                WriteSequence(sb, arr, 0, canonicalOrder, depth: 0);
                break;
            default:
                sb.Append(Inline(root, key: null)).Append('\n');
                break;
        }
    }

    private static void WriteMapping(StringBuilder sb, JsonObject obj, int indent, bool canonical, int depth, bool firstInline = false)
    {
        var first = firstInline;
        foreach (var (key, value) in canonical ? CanonicalOrder.Sort(obj, depth) : obj)
        {
            if (!first)
            {
                sb.Append(' ', indent);
            }

            first = false;
            sb.Append(Key(key)).Append(':');
            WriteValueAfterKey(sb, key, value, indent, canonical, depth);
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, string key, JsonNode? value, int indent, bool canonical, int depth)
    {
        switch (value)
        {
            case JsonObject child when child.Count > 0:
                sb.Append('\n');
                WriteMapping(sb, child, indent + 2, canonical, depth + 1);
                break;
            case JsonArray items when items.Count > 0:
                sb.Append('\n');
                WriteSequence(sb, items, indent + 2, canonical, depth + 1);
                break;
            default:
                sb.Append(' ').Append(Inline(value, key)).Append('\n');
                break;
        }
    }

    private static void WriteSequence(StringBuilder sb, JsonArray arr, int indent, bool canonical, int depth)
    {
        foreach (var item in arr)
        {
            sb.Append(' ', indent).Append('-');
            switch (item)
            {
                case JsonObject child when child.Count > 0:
                    sb.Append(' ');
                    WriteMapping(sb, child, indent + 2, canonical, depth + 1, firstInline: true);
                    break;
                case JsonArray nested when nested.Count > 0:
                    sb.Append('\n');
                    WriteSequence(sb, nested, indent + 2, canonical, depth + 1);
                    break;
                default:
                    sb.Append(' ').Append(Inline(item, key: null)).Append('\n');
                    break;
            }
        }
    }

    private static string Key(string key) => YamlScalars.IsPlainSafe(key) ? key : Quote(key);

    private static string Inline(JsonNode? node, string? key)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "{}";
            case JsonArray:
                return "[]";
        }

        var value = (JsonValue)node;
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var s = value.GetValue<string>();
                if (key == "match" && YamlScalars.IsSingleQuotable(s))
                {
                    return SingleQuote(s);
                }

                return YamlScalars.IsPlainSafe(s) ? s : Quote(s);
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                return FormatNumber(value);
            default:
                return "null";
        }
    }

    private static string FormatNumber(JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<decimal>(out var m))
        {
            return m.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<double>(out var d))
        {
            return FormatDouble(d);
        }

        // A number carried as a JsonElement (extension data).
        var text = value.ToJsonString();
        return text;
    }

    private static string FormatDouble(double d)
    {
        if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
        {
            return d.ToString("0.0", CultureInfo.InvariantCulture);
        }

        return d.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Quote(string s) => YamlScalars.IsSingleQuotable(s) ? SingleQuote(s) : DoubleQuote(s);

    private static string SingleQuote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string DoubleQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
