using BenchmarkDotNet.Attributes;

namespace Traefik.Benchmarks;

/// <summary>Process start to the <c>initialize</c> response over stdio, for each build that is present.</summary>
public class ColdStartBenchmarks
{
    private string _folder = string.Empty;

    public static IEnumerable<string> BuildNames => ServerProcess.Builds().Select(b => b.Name);

    [ParamsSource(nameof(BuildNames))]
    public string Build { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("traefik-bench-start-").FullName;
        SyntheticRepository.Create(_folder, 10);
    }

    [GlobalCleanup]
    public void Cleanup() => Folders.Delete(_folder);

    [Benchmark(Description = "start to initialize response (stdio)")]
    public int StartToInitialize()
    {
        using var server = ServerProcess.Start(ServerProcess.Builds().Single(b => b.Name == Build).Path, _folder);
        return server.Id;
    }
}
