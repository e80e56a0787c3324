using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Impact;

/// <summary>Argo Rollouts and Flagger own the weights of their TraefikService: Git must not fight them.</summary>
public sealed class TrafficControllersTests
{
    private static ManifestSet Shop() => WeightedRoutes.Upsert(ManifestSet.Empty, "apps", "shop", new WeightedRouteIntent
    {
        Match = new RouteMatch { Host = "shop.example.com" },
        Backends = [new WeightedBackend { Service = "shop-stable", Weight = 100 }, new WeightedBackend { Service = "shop-canary", Weight = 0 }],
    }).Objects;

    private const string Rollout = """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: shop, namespace: apps}
        spec:
          strategy:
            canary:
              canaryService: shop-canary
              stableService: shop-stable
              trafficRouting:
                traefik:
                  weightedTraefikServiceName: shop-wrr
        """;

    private static ManifestSet With(ManifestSet objects, string yaml)
    {
        var set = ManifestSet.From(objects.Concat(ManifestYaml.Parse(yaml)));
        SchemaAssert.Valid(set);
        return set;
    }

    [Fact]
    public void UpdateWeights_TraefikServiceOwnedByARollout_IsRefusedNamingTheController()
    {
        var objects = With(Shop(), Rollout);

        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.UpdateWeights(objects, "apps", "shop", new WeightsIntent { Weights = [new BackendWeight { Service = "shop-canary", Weight = 10 }] }));

        Assert.Equal(
            "weights: the weights of TraefikService apps/shop-wrr belong to Argo Rollouts Rollout apps/shop (spec.strategy.canary.trafficRouting.traefik.weightedTraefikServiceName): the controller sets them in the cluster during its analysis, and weights written in Git would make Argo CD or Flux fight it. Change the rollout through the controller (its steps, promote or abort), or remove it from the repository first.",
            e.Message);
        Assert.Equal("Argo Rollouts", Assert.Single(TrafficControllers.Of(objects, new ObjectKey("TraefikService", "apps", "shop-wrr"))).Product);
    }

    [Fact]
    public void Upsert_ReplacingTheWeightsOfAControlledTraefikService_IsRefused()
    {
        var objects = With(Shop(), Rollout);

        var e = Assert.Throws<ManifestException>(() => WeightedRoutes.Upsert(objects, "apps", "shop", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "shop.example.com" },
            Backends = [new WeightedBackend { Service = "shop-stable", Weight = 50 }, new WeightedBackend { Service = "shop-canary", Weight = 50 }],
        }));

        Assert.StartsWith("backends: the weights of TraefikService apps/shop-wrr belong to Argo Rollouts Rollout apps/shop", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_FlaggerCanaryWithTheTraefikProvider_OwnsItsApexTraefikServiceOnly()
    {
        var objects = With(Shop(), """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata: {name: podinfo, namespace: apps}
            spec:
              provider: traefik
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
              service: {name: shop-wrr, port: 80}
            ---
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata: {name: other, namespace: apps}
            spec:
              provider: istio
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: shop-wrr}
            """);

        var owner = Assert.Single(TrafficControllers.Of(objects, new ObjectKey("TraefikService", "apps", "shop-wrr")));

        Assert.Equal("Flagger Canary apps/podinfo (spec.service.name)", owner.ToString());
        Assert.Throws<ManifestException>(() => WeightedRoutes.UpdateWeights(objects, "apps", "shop", new WeightsIntent { Weights = [new BackendWeight { Service = "shop-canary", Weight = 5 }] }));
    }

    [Fact]
    public void Violations_HandEditOfControlledWeights_IsRefusedWhateverIsAllowed()
    {
        var before = With(Shop(), Rollout);
        var wrr = before.Find<TraefikService>("TraefikService", "apps", "shop-wrr")!;
        var edited = wrr with { Spec = wrr.Spec with { Weighted = wrr.Spec.Weighted! with { Services = wrr.Spec.Weighted.Services!.SetItem(1, wrr.Spec.Weighted.Services[1] with { Weight = 10 }) } } };
        var after = before.Set(edited);
        Traefik.Manifests.Operations.ObjectChange[] changes = [new(Traefik.Manifests.Operations.ChangeType.Updated, wrr.Key, wrr, edited)];

        var impact = TrafficImpact.Compute(before, after, changes);
        var violations = TrafficImpact.Violations(before, changes, impact, ChangeAllowance.RoutersReaching(wrr.Key, RouterProperty.All));

        Assert.Equal("TraefikService apps/shop-wrr spec.weighted", Assert.Single(violations).Path);
        Assert.Contains("Argo Rollouts Rollout apps/shop", violations[0].Message, StringComparison.Ordinal);
    }
}
