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

    private static readonly Gen<WeightedRouteSpec> Specs =
        Gen.Select(Label, Label, Backends, Gen.Bool, (name, host, backends, tls) => new WeightedRouteSpec
        {
            Name = name,
            Match = new RouteMatch { Host = host + ".example.com", Path = tls ? "/" + name : null },
            Backends = [.. backends.Items],
            Tls = tls ? new TlsSettings() : null,
        }).Where(s => s.Backends.Sum(b => b.Weight) > 0);

    [Fact]
    public void Render_ParseRender_IsByteStable()
    {
        Specs.Sample(spec =>
        {
            var yaml = ManifestYaml.Render(WeightedRoutes.Create(ManifestSet.Empty, spec).Objects);
            Assert.Equal(yaml, ManifestYaml.Render(ManifestYaml.Parse(yaml)));
        }, iter: 200);
    }

    [Fact]
    public void Percentages_FollowWeights()
    {
        Specs.Sample(spec =>
        {
            var shares = WeightedRoutes.Create(ManifestSet.Empty, spec).Outcome.Backends;
            Assert.Equal(spec.Backends.Select(b => b.Weight), shares.Select(s => s.Weight));
            Assert.InRange(shares.Sum(s => s.Percent), 99.9m, 100.1m);
            Assert.All(shares.Zip(spec.Backends), p => Assert.Equal(p.Second.Weight == 0, p.First.Percent == 0m));
        }, iter: 200);
    }

    [Fact]
    public void UpdateWeights_ThenRestore_GivesBackTheSameBytes()
    {
        Gen.Select(Specs, Gen.Int[0, 1000]).Sample((spec, newWeight) =>
        {
            var created = WeightedRoutes.Create(ManifestSet.Empty, spec);
            var first = spec.Backends[0];
            var changed = WeightedRoutes.UpdateWeights(created.Objects, spec.Namespace, spec.Name,
                [new BackendWeight { Service = first.Service, Weight = newWeight == 0 && spec.Backends.Skip(1).Sum(b => b.Weight) == 0 ? 1 : newWeight }]);
            var restored = WeightedRoutes.UpdateWeights(changed.Objects, spec.Namespace, spec.Name, [new BackendWeight { Service = first.Service, Weight = first.Weight }]);
            Assert.Equal(ManifestYaml.Render(created.Objects), ManifestYaml.Render(restored.Objects));
        }, iter: 100);
    }

    public sealed record ImmutableArrayOfBackends(WeightedBackend[] Items);
}
