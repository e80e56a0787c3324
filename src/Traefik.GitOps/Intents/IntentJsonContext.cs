using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Traefik.GitOps.Intents;

/// <summary>Source-generated JSON for recorded intents (NativeAOT-safe). Properties in ordinal order, so the text is canonical.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 40)]
[JsonSerializable(typeof(IntentEnvelope))]
internal sealed partial class IntentJsonContext : JsonSerializerContext
{
}

/// <summary>The JSON shape of a recorded intent.</summary>
internal sealed record IntentEnvelope(
    [property: JsonPropertyOrder(0)] JsonObject? Arguments,
    [property: JsonPropertyOrder(1)] string? Kind);
