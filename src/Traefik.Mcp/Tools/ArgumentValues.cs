using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>Conversions of tool argument values that several tools share.</summary>
internal static class ArgumentValues
{
    /// <summary>A Traefik duration for a <see cref="ParameterRow.Convert"/>: Go syntax (<c>5s</c>, <c>1m30s</c>) stays text; a bare integer means seconds (Traefik reads an integer duration as seconds), written as a JSON number.</summary>
    public static JsonNode? Duration(JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? JsonValue.Create(seconds) : JsonValue.Create(text);
    }

    /// <summary>A list from a native JSON list of strings, or (for compatibility) a string holding a JSON array or comma-separated values.</summary>
    /// <exception cref="ManifestException">The value is neither; the problem names <paramref name="parameter"/>.</exception>
    public static ImmutableList<string>? StringList(JsonElement? value, string parameter)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!.Trim();
            if (!text.StartsWith('['))
            {
                return [.. Split(text)];
            }

            try
            {
                using var parsed = JsonDocument.Parse(text);
                return StringList(parsed.RootElement.Clone(), parameter);
            }
            catch (JsonException)
            {
                throw new ManifestException(parameter, "is a string that starts with '[' but is not a valid JSON array; send a JSON list of strings, e.g. [\"10.0.0.0/8\"].");
            }
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new ManifestException(parameter, $"must be a list of strings, e.g. [\"10.0.0.0/8\"], not a JSON {element.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var result = ImmutableList.CreateBuilder<string>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new ManifestException($"{parameter}[{i}]", $"must be a string, not a JSON {item.ValueKind.ToString().ToLowerInvariant()}.");
            }

            result.Add(item.GetString()!);
            i++;
        }

        return result.ToImmutable();
    }

    /// <summary><see cref="StringList(JsonElement?, string)"/> for a <see cref="ParameterRow.Convert"/>: the list as a JSON array.</summary>
    public static JsonNode? StringList(JsonNode value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var document = JsonDocument.Parse(value.ToJsonString());
        return StringList(document.RootElement, parameter) is { } list ? new JsonArray([.. list.Select(item => (JsonNode?)JsonValue.Create(item))]) : null;
    }

    /// <summary>Splits comma-separated values, trimming each and dropping empty ones.</summary>
    public static IEnumerable<string> Split(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

}
