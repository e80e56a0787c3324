using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Routing;

namespace Traefik.Benchmarks;

/// <summary>
/// The traffic impact a plan adds, on its own: the weight change of <see cref="PlanBenchmarks"/> applied to the
/// synthetic repository's objects in memory, then the routers it reaches resolved before and after, compared, and
/// checked against what the intent may change. And the one-off cost behind it: the reference graph a state builds
/// the first time a plan asks which routers reach an object (later states carry it over incrementally).
/// </summary>
[MemoryDiagnoser]
public class ImpactBenchmarks
{
    private ManifestSet _objects = ManifestSet.Empty;
    private OperationResult<WeightedRouteOutcome> _change = null!;
    private ObjectKey _wrr;

    public static IEnumerable<int> Sizes => Program.Quick ? [100] : [100, 1_000, 5_000];

    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _objects = SyntheticRepository.Objects(Routes);
        var i = Routes / 2;
        var ns = SyntheticRepository.NamespaceOf(i);
        var route = SyntheticRepository.RouteName(i);
        var (stable, canary) = PlanBenchmarks.Weights(1);
        _change = WeightedRoutes.UpdateWeights(_objects, ns, route, new WeightsIntent { Weights = [new BackendWeight { Service = $"svc-{i}-stable", Weight = stable }, new BackendWeight { Service = $"svc-{i}-canary", Weight = canary }] });
        _wrr = new ObjectKey(TraefikApi.TraefikServiceKind, ns, WeightedRoutes.TraefikServiceName(route));
        _ = Impact();
    }

    [Benchmark(Description = "traffic impact of one weight change (model before/after, compare, check)")]
    public ImmutableList<RouterImpact> Impact()
    {
        var impact = TrafficImpact.Compute(_objects, _change.Objects, _change.Changes);
        return TrafficImpact.Violations(_objects, _change.Changes, impact, _change.Allowed).IsEmpty ? impact : throw new InvalidOperationException("refused");
    }

    [Benchmark(Description = "reference graph of a state, built once (first plan on it)")]
    public int FirstGraph() => RoutingModel.RoutersReaching(ManifestSet.From(_objects), _wrr).Count;
}
