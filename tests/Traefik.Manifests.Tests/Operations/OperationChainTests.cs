using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Operations;

/// <summary>Operations chain without threading objects by hand, and the chain reports one net result.</summary>
public sealed class OperationChainTests
{
    private static readonly WeightedRouteIntent Route = new()
    {
        Match = new RouteMatch { Host = "api.example.com" },
        Backends = [new WeightedBackend { Service = "api-stable", Weight = 90 }, new WeightedBackend { Service = "api-canary", Weight = 10 }],
    };

    [Fact]
    public void Then_CreateThenChange_IsOneCreationHoldingTheLastState()
    {
        var result = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", Route)
            .Then(s => WeightedRoutes.UpdateWeights(s, "prod", "api", new WeightsIntent { Weights = [new BackendWeight { Service = "api-canary", Weight = 30 }] }));

        SchemaAssert.Valid(result.Objects);
        Assert.All(result.Changes, c => Assert.Equal(ChangeType.Created, c.Type));
        Assert.Equal(["IngressRoute prod/api", "TraefikService prod/api-wrr"], result.Changes.Select(c => c.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal([90, 30], result.Outcome.Backends.Select(b => b.Weight));
        Assert.Equal(ManifestYaml.Render(result.Objects), ManifestYaml.Render(result.Changes.Select(c => c.After!).Aggregate(ManifestSet.Empty, (s, o) => s.Set(o))));
    }

    [Fact]
    public void Then_CreateThenDelete_ChangesNothing()
    {
        var result = HttpMiddlewares.Upsert(ManifestSet.Empty, "prod", "api-strip", MiddlewareSpecs.StripPrefix(["/api"]))
            .Then(s => HttpMiddlewares.Delete(s, "prod", "api-strip"));

        Assert.True(result.IsNoOp);
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void Then_ChangeBackToTheStart_IsNoChange()
    {
        var start = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", Route).Objects;

        var result = WeightedRoutes.UpdateWeights(start, "prod", "api", new WeightsIntent { Weights = [new BackendWeight { Service = "api-canary", Weight = 50 }] })
            .Then(s => WeightedRoutes.UpdateWeights(s, "prod", "api", new WeightsIntent { Weights = [new BackendWeight { Service = "api-canary", Weight = 10 }] }));

        Assert.True(result.IsNoOp);
    }

    [Fact]
    public void Then_ThreeOperations_KeepEveryChangeEveryWarningOnceAndTheLastOutcome()
    {
        var result = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", Route)
            .Then(s => HttpMiddlewares.Upsert(s, "prod", "api-strip", MiddlewareSpecs.StripPrefix(["/api"])))
            .Then(s => RouteMiddlewares.Attach(s, "prod", "api", new RouteMiddlewaresIntent { Middlewares = ["api-strip"] }));

        SchemaAssert.Valid(result.Objects);
        Assert.Equal(3, result.Changes.Count);
        Assert.All(result.Changes, c => Assert.Equal(ChangeType.Created, c.Type));
        Assert.Equal(result.Warnings.Distinct(StringComparer.Ordinal), result.Warnings);
        Assert.IsType<RouteMiddlewaresOutcome>(result.Outcome);
        Assert.Contains("api-strip", ManifestYaml.Render(result.Objects.Find<IngressRoute>(TraefikApi.IngressRouteKind, "prod", "api")!), StringComparison.Ordinal);
    }

    [Fact]
    public void Then_NextOperationRefuses_ThrowsAndProducesNothing()
    {
        var first = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", Route);

        var error = Assert.Throws<ManifestException>(() => first.Then(s => RouteMiddlewares.Attach(s, "prod", "api", new RouteMiddlewaresIntent { Middlewares = ["missing"] })));

        Assert.Contains(error.Problems, p => p.Path.StartsWith("middlewares", StringComparison.Ordinal));
    }
}
