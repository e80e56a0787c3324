using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using YamlDotNet.Serialization;

namespace Traefik.Benchmarks;

/// <summary>Rendering weighted routes to YAML, against YamlDotNet serializing the same documents as plain dictionaries.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private List<KubernetesObject> _objects = [];
    private List<Dictionary<string, object?>> _plain = [];
    private ISerializer _yaml = null!;

    public static IEnumerable<int> Sizes => Program.Quick ? [200] : [10_000];

    [ParamsSource(nameof(Sizes))]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _objects = [.. SyntheticRepository.Objects(Routes).Where(o => o.Kind != TraefikApi.MiddlewareKind && !o.Name.EndsWith("-mirror", StringComparison.Ordinal))];
        _plain = [.. _objects.Select(o => (Dictionary<string, object?>)Plain(ManifestYaml.ToJson(o))!)];
        _yaml = new SerializerBuilder().Build();
    }

    [Benchmark(Baseline = true, Description = "YamlDotNet, plain dictionaries")]
    public string YamlDotNetAlone()
    {
        var text = new StringBuilder();
        foreach (var document in _plain)
        {
            text.Append("---\n").Append(_yaml.Serialize(document));
        }

        return text.ToString();
    }

    [Benchmark(Description = "ManifestYaml.Render")]
    public string ManifestYamlRender() => ManifestYaml.Render(_objects);

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v => v.ToString(),
        _ => null,
    };
}
