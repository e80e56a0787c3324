using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Traefik.Benchmarks.Synthetic;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using YamlDotNet.Serialization;

namespace Traefik.Benchmarks.Rendering;

/// <summary>
/// Target: render 10,000 weighted routes (20,000 objects) to YAML in at most 1.0 s and at most 1.5× the time
/// YamlDotNet alone takes to serialize the same documents as plain dictionaries. The baseline gets the
/// documents already converted to dictionaries in canonical key order (so it does strictly less work:
/// no typed model, no key ordering, no quoting decisions of its own), with aliases off since neither output has any.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private IReadOnlyList<KubernetesObject> _objects = [];
    private List<Dictionary<string, object?>> _dictionaries = [];
    private ISerializer _serializer = null!;

    /// <summary>The number of weighted routes (two objects each).</summary>
    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    /// <summary>10,000 routes; 200 in quick mode.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSettings.Sizes([200], [10_000]);

    /// <summary>Builds the objects with the library's operations and their dictionary twins.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _objects = SyntheticRoutes.WeightedPairs(Routes);
        _dictionaries = [.. _objects.Select(o => (Dictionary<string, object?>)Plain(ManifestYaml.ReadDocuments(ManifestYaml.Render(o))[0].Json)!)];
        _serializer = new SerializerBuilder().DisableAliases().Build();

        // The dictionaries come from reading the canonical YAML back, so they hold its key order.
        // Both sides must write the same documents: the baseline's YAML reads back as the same objects.
        var product = ManifestYaml.Parse(ManifestYaml.Render(_objects));
        var baseline = ManifestYaml.Parse(YamlDotNetOnly());
        if (product.Count != _objects.Count || baseline.Count != _objects.Count
            || !product.Zip(baseline).All(p => ManifestYaml.Render(p.First) == ManifestYaml.Render(p.Second)))
        {
            throw new InvalidOperationException("The YamlDotNet baseline does not write the same documents as ManifestYaml.");
        }
    }

    /// <summary>YamlDotNet serializing the documents as dictionaries, separated by <c>---</c>.</summary>
    [Benchmark(Baseline = true)]
    public string YamlDotNetOnly()
    {
        using var writer = new StringWriter();
        var first = true;
        foreach (var document in _dictionaries)
        {
            if (!first)
            {
                writer.Write("---\n");
            }

            first = false;
            _serializer.Serialize(writer, document);
        }

        return writer.ToString();
    }

    /// <summary>The product: typed objects to canonical YAML.</summary>
    [Benchmark]
    public string ManifestYamlRender() => ManifestYaml.Render(_objects);

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
