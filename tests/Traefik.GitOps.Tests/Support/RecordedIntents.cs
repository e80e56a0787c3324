using System.Globalization;
using System.Text.Json.Nodes;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Routing;

namespace Traefik.GitOps.Tests.Support;

/// <summary>
/// Intents that carry a record, built from it again by <see cref="Decode"/>: what a proposal branch is rebuilt
/// from. They wrap the real operations (weighted routes, strip-prefix middlewares, route middlewares).
/// </summary>
public static class RecordedIntents
{
    public static ITrafficIntent CreateRoute(string ns, string name, string host, params (string Service, int Weight)[] backends) =>
        Decode(IntentRecord.Create("test.create-route", new JsonObject
        {
            ["namespace"] = ns,
            ["name"] = name,
            ["host"] = host,
            ["backends"] = Weights(backends),
        }));

    public static ITrafficIntent UpdateWeights(string ns, string route, params (string Service, int Weight)[] weights) =>
        Decode(IntentRecord.Create("test.update-weights", new JsonObject { ["namespace"] = ns, ["route"] = route, ["weights"] = Weights(weights) }));

    public static ITrafficIntent StripPrefix(string ns, string name, string prefix) =>
        Decode(IntentRecord.Create("test.strip-prefix", new JsonObject { ["namespace"] = ns, ["name"] = name, ["prefix"] = prefix }));

    public static ITrafficIntent DeleteMiddleware(string ns, string name) =>
        Decode(IntentRecord.Create("test.delete-middleware", new JsonObject { ["namespace"] = ns, ["name"] = name }));

    public static ITrafficIntent Attach(string ns, string route, params string[] middlewares) =>
        Decode(IntentRecord.Create("test.attach", new JsonObject { ["namespace"] = ns, ["route"] = route, ["middlewares"] = new JsonArray([.. middlewares.Select(m => (JsonNode?)m)]) }));

    public static ITrafficIntent DeleteRoute(string ns, string name) =>
        Decode(IntentRecord.Create("test.delete-route", new JsonObject { ["namespace"] = ns, ["name"] = name }));

    /// <summary>The decoder a repository needs to rebuild branches made of these intents.</summary>
    public static ITrafficIntent Decode(IntentRecord record)
    {
        var a = record.ArgumentsObject();
        var ns = a["namespace"]!.GetValue<string>();
        ITrafficIntent intent = record.Kind switch
        {
            "test.create-route" => TrafficIntent.Create($"Create weighted route {a["name"]}", record.ToJson(), ns, a["name"]!.GetValue<string>(), s => WeightedRoutes.Upsert(s, ns, a["name"]!.GetValue<string>(), new WeightedRouteIntent
            {
                Match = new RouteMatch { Host = a["host"]!.GetValue<string>() },
                Backends = [.. Pairs(a["backends"]).Select(b => new WeightedBackend { Service = b.Service, Weight = b.Weight })],
            })),
            "test.update-weights" => TrafficIntent.Create(
                $"Set weights of {a["route"]} to {string.Join("/", Pairs(a["weights"]).Select(w => w.Weight.ToString(CultureInfo.InvariantCulture)))}",
                record.ToJson(),
                ns,
                a["route"]!.GetValue<string>(),
                s => WeightedRoutes.UpdateWeights(s, ns, a["route"]!.GetValue<string>(), new WeightsIntent { Weights = [.. Pairs(a["weights"]).Select(w => new BackendWeight { Service = w.Service, Weight = w.Weight })] })),
            "test.strip-prefix" => TrafficIntent.Create($"Set strip_prefix middleware {a["name"]}", record.ToJson(), ns, a["name"]!.GetValue<string>(), s => HttpMiddlewares.Upsert(s, ns, a["name"]!.GetValue<string>(), MiddlewareSpecs.StripPrefix([a["prefix"]!.GetValue<string>()]))),
            "test.delete-middleware" => TrafficIntent.Create($"Delete middleware {a["name"]}", record.ToJson(), ns, a["name"]!.GetValue<string>(), s => HttpMiddlewares.Delete(s, ns, a["name"]!.GetValue<string>())),
            "test.attach" => TrafficIntent.Create(
                $"Attach {string.Join(", ", a["middlewares"]!.AsArray().Select(m => m!.GetValue<string>()))} to {a["route"]}",
                record.ToJson(),
                ns,
                a["route"]!.GetValue<string>(),
                s => RouteMiddlewares.Attach(s, ns, a["route"]!.GetValue<string>(), new RouteMiddlewaresIntent { Middlewares = [.. a["middlewares"]!.AsArray().Select(m => m!.GetValue<string>())] })),
            "test.delete-route" => TrafficIntent.Create($"Delete weighted route {a["name"]}", record.ToJson(), ns, a["name"]!.GetValue<string>(), s => WeightedRoutes.Delete(s, ns, a["name"]!.GetValue<string>())),
            _ => throw new GitOpsException($"Unknown test intent {record.Kind}."),
        };
        return TrafficIntent.WithRecord(intent, record);
    }

    private static JsonArray Weights((string Service, int Weight)[] pairs) =>
        new([.. pairs.Select(p => (JsonNode?)new JsonObject { ["service"] = p.Service, ["weight"] = p.Weight })]);

    private static IEnumerable<(string Service, int Weight)> Pairs(JsonNode? node) =>
        node!.AsArray().Select(p => (p!["service"]!.GetValue<string>(), p["weight"]!.GetValue<int>()));
}
