using System.Text.Json;
using System.Text.Json.Serialization;

namespace Traefik.Mcp;

/// <summary>Writes enum values in snake_case (<c>WaitingOnIngress</c> → <c>waiting_on_ingress</c>).</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
