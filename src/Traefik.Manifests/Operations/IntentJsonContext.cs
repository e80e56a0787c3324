using System.Text.Json.Serialization;
using Traefik.Manifests.Affinity;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Transports;

namespace Traefik.Manifests.Operations;

/// <summary>Source-generated JSON metadata for every intent (NativeAOT-safe): camelCase, as the CRDs spell their fields.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(JsonStringEnumConverter<PathMatchType>)])]
[JsonSerializable(typeof(WeightedRouteIntent))]
[JsonSerializable(typeof(WeightedBackendsIntent))]
[JsonSerializable(typeof(WeightsIntent))]
[JsonSerializable(typeof(SimpleRouteIntent))]
[JsonSerializable(typeof(RouteMiddlewaresIntent))]
[JsonSerializable(typeof(MirrorIntent))]
[JsonSerializable(typeof(MirrorPercentIntent))]
[JsonSerializable(typeof(MirrorRemovalIntent))]
[JsonSerializable(typeof(MiddlewareIntent))]
[JsonSerializable(typeof(ServersTransportIntent))]
[JsonSerializable(typeof(TransportLinkIntent))]
[JsonSerializable(typeof(StickySessionIntent))]
[JsonSerializable(typeof(TcpRouteIntent))]
[JsonSerializable(typeof(TcpMiddlewareIntent))]
internal sealed partial class IntentJsonContext : JsonSerializerContext
{
}
