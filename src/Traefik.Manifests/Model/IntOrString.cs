using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Traefik.Manifests.Model;

/// <summary>
/// A value the Traefik CRDs type as int-or-string: a port (number or name) or a duration
/// (integer seconds or a Go duration string such as <c>10s</c>).
/// </summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    private IntOrString(long? number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>The integer value, when the value is a number.</summary>
    public long? Number { get; }

    /// <summary>The string value, when the value is a string.</summary>
    public string? Text { get; }

    /// <summary>True when the value is a number.</summary>
    public bool IsNumber => Number.HasValue;

    /// <summary>Creates a numeric value.</summary>
    public static IntOrString FromNumber(long value) => new(value, null);

    /// <summary>Creates a string value.</summary>
    public static IntOrString FromText(string value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Converts a number.</summary>
    public static implicit operator IntOrString(int value) => FromNumber(value);

    /// <summary>Converts a string.</summary>
    public static implicit operator IntOrString(string value) => FromText(value);

    /// <summary>The value as written in a manifest.</summary>
    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? string.Empty;
}

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON number or string.</summary>
internal sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out var l) => IntOrString.FromNumber(l),
            JsonTokenType.String => IntOrString.FromText(reader.GetString()!),
            _ => throw new JsonException("Expected an integer or a string."),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
