using System.Text.Json.Serialization;
using Traefik.Manifests.Affinity;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Transports;
using Traefik.Mcp.Proposals;
using Traefik.Mcp.Resources;

namespace Traefik.Mcp;

/// <summary>Source-generated JSON for everything the server reads or writes (NativeAOT-safe). Wire names are snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false,
    Converters =
    [
        typeof(SnakeCaseEnumConverter<ChangeType>),
        typeof(SnakeCaseEnumConverter<MiddlewareChange>),
        typeof(SnakeCaseEnumConverter<MirrorStatus>),
        typeof(SnakeCaseEnumConverter<PathMatchType>),
        typeof(SnakeCaseEnumConverter<Traefik.Manifests.Reading.RouteKind>),
    ])]
[JsonSerializable(typeof(ProposalView))]
[JsonSerializable(typeof(StoredProposal))]
[JsonSerializable(typeof(RefreshView))]
[JsonSerializable(typeof(DiscardView))]
[JsonSerializable(typeof(WeightedRouteOutcome))]
[JsonSerializable(typeof(SimpleRouteOutcome))]
[JsonSerializable(typeof(RouteDeletion))]
[JsonSerializable(typeof(MirrorOutcome))]
[JsonSerializable(typeof(MiddlewareOutcome))]
[JsonSerializable(typeof(RouteMiddlewaresOutcome))]
[JsonSerializable(typeof(ServersTransportOutcome))]
[JsonSerializable(typeof(TransportLinkOutcome))]
[JsonSerializable(typeof(StickySessionOutcome))]
[JsonSerializable(typeof(TcpRouteOutcome))]
[JsonSerializable(typeof(ObjectKey))]
[JsonSerializable(typeof(RoutesListView))]
[JsonSerializable(typeof(DistributionView))]
[JsonSerializable(typeof(IngressRoutesListView))]
[JsonSerializable(typeof(Observability.MetricsSummaryView))]
[JsonSerializable(typeof(Observability.PrometheusStatusView))]
[JsonSerializable(typeof(Observability.AnomalyReportView))]
[JsonSerializable(typeof(Observability.AnomalyHistoryView))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Tools.Arguments.SimpleRouteRule[]))]
[JsonSerializable(typeof(Tools.Arguments.ServiceArgument[]))]
[JsonSerializable(typeof(Tools.Arguments.RootCaArgument[]))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class McpJsonContext : JsonSerializerContext
{
}

/// <summary>
/// JSON for people and agents to read: the same contract, without escaping quotes, apostrophes and angle
/// brackets as <c>\u0022</c> (the default guards HTML pages, which resources are not), so PromQL and
/// messages read as written.
/// </summary>
internal static class ReadableJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(McpJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="value"/> with the contract of <paramref name="contract"/>.</summary>
    public static string Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return System.Text.Json.JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
    }
}
