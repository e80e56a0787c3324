using System.Collections.Immutable;
using System.Text.Json;
using CsCheck;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Transports;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Tools;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>One table builds the intent from the arguments and names the parameter in every problem: the two agree.</summary>
public sealed class ParameterMapTests
{
    private static readonly ParameterMap Route = ParameterMap.Of(("hostname", "match.host"), ("path_prefix", "match.path"), ("entry_points", "entryPoints"))
        .With(new ParameterRow("stable_service", "backends[0].service") { Required = "is required for action=create." })
        .With(new ParameterRow("stable_port", "backends[0].port"))
        .With(new ParameterRow("stable_port_name", "backends[0].port"))
        .With(new ParameterRow("stable_weight", "backends[0].weight") { Default = 100 })
        .With(new ParameterRow("canary_service", "backends[1].service"))
        .With(new ParameterRow("canary_weight", "backends[1].weight") { Needs = "canary_service", Default = 0 })
        .With(new ParameterRow("tls_enabled", "tls") { Convert = value => value.GetValue<bool>() ? new System.Text.Json.Nodes.JsonObject() : null })
        .With(new ParameterRow("tls_secret_name", "tls.secretName"))
        .Naming(("route_name", "routeName"), ("stable_weight", "backends"));

    private static Dictionary<string, JsonElement> Arguments(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void Build_GivenArguments_LandAtTheirPathsWithDefaultsWhereTheirObjectExists()
    {
        var intent = Route.Build<WeightedRouteIntent>(Arguments("""{"hostname": "api.example.com", "path_prefix": "/api", "stable_service": "api-stable", "stable_port": 8080, "entry_points": ["websecure"], "tls_secret_name": "api-tls"}"""));

        Assert.Equal("api.example.com", intent.Match.Host);
        Assert.Equal("/api", intent.Match.Path);
        var backend = Assert.Single(intent.Backends);
        Assert.Equal(("api-stable", "8080", 100), (backend.Service, backend.Port.ToString(), backend.Weight));
        Assert.Equal(["websecure"], intent.EntryPoints!);
        Assert.Equal("api-tls", intent.Tls!.SecretName);
    }

    [Fact]
    public void Build_RowThatNeedsAnotherParameter_IsLeftOutWithoutIt()
    {
        var alone = Route.Build<WeightedRouteIntent>(Arguments("""{"hostname": "a.example.com", "stable_service": "a", "canary_weight": 0}"""));
        var paired = Route.Build<WeightedRouteIntent>(Arguments("""{"hostname": "a.example.com", "stable_service": "a", "canary_service": "b"}"""));

        Assert.Single(alone.Backends);
        Assert.Equal([("a", 100), ("b", 0)], paired.Backends.Select(b => (b.Service, b.Weight)));
    }

    [Fact]
    public void Build_FlagThatIsFalse_SetsNothing()
    {
        Assert.Null(Route.Build<WeightedRouteIntent>(Arguments("""{"hostname": "a.example.com", "stable_service": "a", "tls_enabled": false}""")).Tls);
        Assert.NotNull(Route.Build<WeightedRouteIntent>(Arguments("""{"hostname": "a.example.com", "stable_service": "a", "tls_enabled": true}""")).Tls);
    }

    [Fact]
    public void Build_RequiredParameterMissing_NamesIt()
    {
        var error = Assert.Throws<ManifestException>(() => Route.Build<WeightedRouteIntent>(Arguments("""{"hostname": "a.example.com"}""")));

        Assert.Equal("stable_service: is required for action=create.", error.Message);
    }

    [Fact]
    public void Build_ValueOfTheWrongType_NamesTheParameterNotTheField()
    {
        var error = Assert.Throws<ManifestException>(() => Route.Build<WeightedRouteIntent>(Arguments("""{"hostname": "a.example.com", "stable_service": "a", "stable_weight": "heavy"}""")));

        Assert.Equal("stable_weight", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void Build_TwoParametersForOneList_AddUp()
    {
        var map = ParameterMap.Of(("service_names", "serviceNames"), ("more_names", "serviceNames"));

        var intent = map.Build<TransportLinkIntent>(Arguments("""{"service_names": ["a", "b"], "more_names": ["c"]}"""));

        Assert.Equal(["a", "b", "c"], intent.ServiceNames!);
    }

    [Fact]
    public void Build_ItemFieldsNamedDifferently_AreRenamedBothWays()
    {
        var map = ParameterMap.Of().With(new ParameterRow("root_cas", "spec.rootCAs") { Fields = [("config_map", "configMap")] });
        var arguments = Arguments("""{"root_cas": [{"secret": "ca"}, {"config_map": "bundle"}]}""");

        var intent = map.Build<ServersTransportIntent>(arguments);

        Assert.Equal([(null, "bundle")], intent.Spec.RootCAs!.Where(r => r.ConfigMap is not null).Select(r => (r.Secret, r.ConfigMap)));
        Assert.Equal("root_cas[1].config_map", map.Rename("spec.rootCAs[1].configMap", arguments));
    }

    [Fact]
    public void Rename_PathOfAGivenArgument_NamesTheArgumentThatSetIt()
    {
        var byName = Arguments("""{"stable_port_name": "http"}""");
        var byNumber = Arguments("""{"stable_port": 80}""");

        Assert.Equal("stable_port_name", Route.Rename("backends[0].port", byName));
        Assert.Equal("stable_port", Route.Rename("backends[0].port", byNumber));
    }

    [Fact]
    public void Rename_FieldNobodySet_NamesTheParameterThatWouldSetIt()
    {
        var none = Arguments("{}");

        Assert.Equal("canary_service", Route.Rename("backends[1].service", none));
        Assert.Equal("stable_weight", Route.Rename("backends", none));
        Assert.Equal("route_name", Route.Rename("routeName", none));
        Assert.Equal("unmapped.path", Route.Rename("unmapped.path", none));
    }

    [Fact]
    public void Run_LibraryProblems_NameParametersInPathsAndMessages()
    {
        var error = Assert.Throws<ManifestException>(() => Route.Run<int>(
            () => throw new ManifestException("The route is not valid.", [new ManifestProblem("backends[1].service", "is required; or drop backends[1].weight."), new ManifestProblem("match.path", "set tls.secretName or entryPoints, not a percent.")]),
            Arguments("{}")));

        Assert.Equal(
            "The route is not valid.\n- canary_service: is required; or drop canary_weight.\n- path_prefix: set tls_secret_name or entry_points, not a percent.",
            error.Message);
    }

    [Fact]
    public void Rename_AnyPathUnderARow_KeepsItsRestAfterTheParameter()
    {
        var rows = ImmutableArray.Create(("hostname", "match.host"), ("entry_points", "entryPoints"), ("stable_service", "backends[0].service"), ("tls_secret_name", "tls.secretName"));
        var rest = Gen.OneOf(Gen.Const(string.Empty), Gen.Int[0, 9].Select(i => $"[{i}]"), Gen.Char['a', 'z'].Array[1, 6].Select(c => "." + new string(c)));
        Gen.Select(Gen.Int[0, rows.Length - 1], rest).Sample((row, suffix) =>
        {
            var (parameter, path) = rows[row];
            Assert.Equal(parameter + suffix, Route.Rename(path + suffix, Arguments($$"""{"{{parameter}}": "x"}""")));
        }, iter: 300);
    }
}
