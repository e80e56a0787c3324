using System.Text.Json.Nodes;
using CsCheck;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Operations;

/// <summary>An intent read from JSON means exactly what the same intent written in C# means, defaults included.</summary>
public sealed class IntentJsonTests
{
    private static readonly Gen<string> Label = Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[1, 10].Select(c => new string(c));

    [Fact]
    public void Read_WeightedRouteWithoutPorts_WritesTheDefaultPortAsTheCSharpIntentDoes()
    {
        var json = JsonNode.Parse("""{"match": {"host": "api.example.com"}, "backends": [{"service": "api-stable", "weight": 90}, {"service": "api-canary", "weight": 10}]}""")!.AsObject();

        var read = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", IntentJson.Read<WeightedRouteIntent>(json));
        var written = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "api.example.com" },
            Backends = [new WeightedBackend { Service = "api-stable", Weight = 90 }, new WeightedBackend { Service = "api-canary", Weight = 10 }],
        });

        SchemaAssert.Valid(read.Objects);
        Assert.Equal(ManifestYaml.Render(written.Objects), ManifestYaml.Render(read.Objects));
        Assert.Equal(["80", "80"], read.Outcome.Backends.Select(b => b.Port));
    }

    [Fact]
    public void Read_TcpRouteWithoutSni_TakesEveryConnection()
    {
        var json = JsonNode.Parse("""{"entryPoints": ["postgres"], "services": [{"name": "postgres", "port": 5432}]}""")!.AsObject();

        var result = TcpRoutes.Upsert(ManifestSet.Empty, "db", "pg", IntentJson.Read<TcpRouteIntent>(json));

        SchemaAssert.Valid(result.Objects);
        Assert.Equal("HostSNI(`*`)", result.Outcome.Match);
    }

    [Fact]
    public void Read_MirrorWithoutPercent_CopiesTheDefaultTwentyPercent()
    {
        var route = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "api.example.com" },
            Backends = [new WeightedBackend { Service = "api-stable", Weight = 100 }],
        });
        var json = JsonNode.Parse("""{"mainService": "api-stable", "mirrorService": "api-shadow"}""")!.AsObject();

        var result = Mirrors.Enable(route.Objects, "prod", "api", IntentJson.Read<MirrorIntent>(json));

        SchemaAssert.Valid(result.Objects);
        Assert.Equal([new MirrorShare("api-shadow", "80", 20)], result.Outcome.Mirrors);
    }

    [Fact]
    public void Read_NumberWrittenAsText_IsReadAsTheNumber()
    {
        var json = JsonNode.Parse("""{"weights": [{"service": "api-canary", "weight": "30"}]}""")!.AsObject();

        Assert.Equal(30, Assert.Single(IntentJson.Read<WeightsIntent>(json).Weights!).Weight);
    }

    [Fact]
    public void Read_ValueOfTheWrongType_NamesItsPath()
    {
        var json = JsonNode.Parse("""{"match": {"host": "api.example.com"}, "backends": [{"service": "api-stable", "weight": "many"}]}""")!.AsObject();

        var error = Assert.Throws<ManifestException>(() => IntentJson.Read<WeightedRouteIntent>(json));

        Assert.Equal("backends[0].weight", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void Read_RequiredMemberLeftOut_IsReportedByTheOperationWithEveryOtherProblem()
    {
        var json = JsonNode.Parse("""{"backends": [{"service": "Not_A_Service", "weight": 1}]}""")!.AsObject();
        var intent = IntentJson.Read<WeightedRouteIntent>(json);

        var error = Assert.Throws<ManifestException>(() => WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", intent));

        Assert.Contains(error.Problems, p => p.Path == "match");
        Assert.Contains(error.Problems, p => p.Path == "backends[0].service");
    }

    [Fact]
    public void Read_AnyWeightedRoute_MeansWhatTheCSharpIntentMeans()
    {
        var backends = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 65535], (weight, port) => (weight, port: port == 0 ? (int?)null : port)).Array[1, 5];
        Gen.Select(Label, Label, backends).Where((_, _, b) => b.Sum(x => x.weight) > 0).Sample((name, host, list) =>
        {
            var json = new JsonObject
            {
                ["match"] = new JsonObject { ["host"] = host + ".example.com" },
                ["backends"] = new JsonArray([.. list.Select((b, i) =>
                {
                    var backend = new JsonObject { ["service"] = $"{name}-{i}", ["weight"] = b.weight };
                    if (b.port is { } port)
                    {
                        backend["port"] = port;
                    }

                    return (JsonNode)backend;
                })]),
            };
            var written = new WeightedRouteIntent
            {
                Match = new RouteMatch { Host = host + ".example.com" },
                Backends = [.. list.Select((b, i) => new WeightedBackend { Service = $"{name}-{i}", Weight = b.weight, Port = b.port is { } p ? IntOrString.FromNumber(p) : (IntOrString?)null })],
            };

            Assert.Equal(
                ManifestYaml.Render(WeightedRoutes.Upsert(ManifestSet.Empty, "default", name, written).Objects),
                ManifestYaml.Render(WeightedRoutes.Upsert(ManifestSet.Empty, "default", name, IntentJson.Read<WeightedRouteIntent>(json)).Objects));
        }, iter: 200);
    }
}
