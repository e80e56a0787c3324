using CsCheck;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Tests.Properties;

public sealed class PropertyTests
{
    private static readonly Gen<string> Label = Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[1, 10].Select(c => new string(c));

    private static readonly Gen<ImmutableArrayOfBackends> Backends =
        Gen.Select(Gen.Int[0, 1000].Array[1, 6], Label, (weights, prefix) => new ImmutableArrayOfBackends(
            weights.Select((w, i) => new WeightedBackend { Service = $"{prefix}-{i}", Weight = w }).ToArray()));

    /// <summary>A route name (its namespace is <c>default</c>) and the intent written under it.</summary>
    private static readonly Gen<(string Name, WeightedRouteIntent Intent)> Routes =
        Gen.Select(Label, Label, Backends, Gen.Bool, (name, host, backends, tls) => (Name: name, Intent: new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = host + ".example.com", Path = tls ? "/" + name : null },
            Backends = [.. backends.Items],
            Tls = tls ? new TlsSettings() : null,
        })).Where(r => r.Intent.Backends.Sum(b => b.Weight) > 0);

    [Fact]
    public void Render_ParseRender_IsByteStable()
    {
        Routes.Sample(route =>
        {
            var yaml = ManifestYaml.Render(WeightedRoutes.Upsert(ManifestSet.Empty, "default", route.Name, route.Intent).Objects);
            Assert.Equal(yaml, ManifestYaml.Render(ManifestYaml.Parse(yaml)));
        }, iter: 200);
    }

    [Fact]
    public void Percentages_FollowWeights()
    {
        Routes.Sample(route =>
        {
            var shares = WeightedRoutes.Upsert(ManifestSet.Empty, "default", route.Name, route.Intent).Outcome.Backends;
            Assert.Equal(route.Intent.Backends.Select(b => b.Weight), shares.Select(s => s.Weight));
            Assert.InRange(shares.Sum(s => s.Percent), 99.9m, 100.1m);
            Assert.All(shares.Zip(route.Intent.Backends), p => Assert.Equal(p.Second.Weight == 0, p.First.Percent == 0m));
        }, iter: 200);
    }

    [Fact]
    public void UpdateWeights_ThenRestore_GivesBackTheSameBytes()
    {
        Gen.Select(Routes, Gen.Int[0, 1000]).Sample((route, newWeight) =>
        {
            var created = WeightedRoutes.Upsert(ManifestSet.Empty, "default", route.Name, route.Intent);
            var first = route.Intent.Backends[0];
            var changed = WeightedRoutes.UpdateWeights(created.Objects, "default", route.Name, new WeightsIntent
            {
                Weights = [new BackendWeight { Service = first.Service, Weight = newWeight == 0 && route.Intent.Backends.Skip(1).Sum(b => b.Weight) == 0 ? 1 : newWeight }],
            });
            var restored = WeightedRoutes.UpdateWeights(changed.Objects, "default", route.Name, new WeightsIntent { Weights = [new BackendWeight { Service = first.Service, Weight = first.Weight }] });
            Assert.Equal(ManifestYaml.Render(created.Objects), ManifestYaml.Render(restored.Objects));
        }, iter: 100);
    }

    public sealed record ImmutableArrayOfBackends(WeightedBackend[] Items);
}
