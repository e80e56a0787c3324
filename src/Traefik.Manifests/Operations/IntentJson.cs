using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Operations;

/// <summary>
/// Reads an intent (<c>WeightedRouteIntent</c>, <c>MiddlewareIntent</c>, … every <c>*Intent</c> of this library) from
/// JSON in the intents' camelCase shape, so intents can be built from data (tool arguments, a request body) and still
/// be validated by their operation: a member left out is not an error here (the operation reports what is missing,
/// with every other problem and its path), and numbers written as strings are read as numbers.
/// </summary>
public static class IntentJson
{
    private static readonly JsonSerializerOptions Options = new(IntentJsonContext.Default.Options)
    {
        TypeInfoResolver = IntentJsonContext.Default.WithAddedModifier(OptionalMembers),
    };

    /// <summary>The intent <paramref name="json"/> describes.</summary>
    /// <typeparam name="TIntent">One of the library's intent types.</typeparam>
    /// <exception cref="ManifestException">A value has the wrong JSON type; the problem names its path.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TIntent"/> is not an intent of this library.</exception>
    public static TIntent Read<TIntent>(JsonObject json)
        where TIntent : class
    {
        ArgumentNullException.ThrowIfNull(json);
        var info = (JsonTypeInfo<TIntent>)Options.GetTypeInfo(typeof(TIntent));
        try
        {
            return json.Deserialize(info) ?? throw new ManifestException("The intent is null.");
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "intent";
            throw new ManifestException(path, $"has a value of the wrong type for {typeof(TIntent).Name}.");
        }
    }

    /// <summary>Members marked required in C# may be left out: the operation that takes the intent says what is missing.</summary>
    private static void OptionalMembers(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            property.IsRequired = false;
        }
    }
}
