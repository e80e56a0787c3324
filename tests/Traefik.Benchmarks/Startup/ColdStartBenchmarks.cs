using BenchmarkDotNet.Attributes;
using Traefik.Benchmarks.Synthetic;

namespace Traefik.Benchmarks.Startup;

/// <summary>
/// Target: server cold start to the <c>initialize</c> response over stdio, at most 400 ms for the
/// framework-dependent build and at most 60 ms for NativeAOT (set <see cref="ServerBuild.AotVariable"/> to
/// include it). Each invocation starts a new process (<c>serve --repo</c> on a small repository), writes the
/// initialize request and stops the clock when the response line arrives; the process is then killed
/// and reaped outside the measurement.
/// </summary>
[InvocationCount(1)]
public class ColdStartBenchmarks
{
    private readonly List<ServerProcess> _started = [];
    private SyntheticRepository _repository = null!;

    /// <summary>Which build to start.</summary>
    [ParamsSource(nameof(Builds))]
    public string Build { get; set; } = string.Empty;

    /// <summary>The builds found on this machine.</summary>
    public static IEnumerable<string> Builds => ServerBuild.Available.Keys;

    /// <summary>Generates a small repository for the server to open.</summary>
    [GlobalSetup]
    public void Setup() => _repository = SyntheticRepository.Create(10);

    /// <summary>Deletes the repository.</summary>
    [GlobalCleanup]
    public void Cleanup() => _repository.Dispose();

    /// <summary>Waits for the killed processes, outside the measurement.</summary>
    [IterationCleanup]
    public void Reap()
    {
        foreach (var server in _started)
        {
            server.Dispose();
        }

        _started.Clear();
    }

    /// <summary>Starts the server and waits for its initialize response.</summary>
    [Benchmark]
    public async Task<string> InitializeOverStdio()
    {
        var server = ServerProcess.Start(ServerBuild.Available[Build], _repository.WorkingTree);
        _started.Add(server);
        var response = await StdioProtocol.InitializeAsync(server, TimeSpan.FromSeconds(30));
        server.Process.Kill();
        return response;
    }
}
