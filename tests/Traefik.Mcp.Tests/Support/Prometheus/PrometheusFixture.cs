namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// A fixture that starts one real Prometheus holding the scenario a derived class describes, ending now (rounded
/// down to 15 s), and stops it when the tests are done. Use it as a class fixture
/// (<c>IClassFixture&lt;MyMetrics&gt;</c>), or share one server between classes with a collection:
/// <c>[CollectionDefinition("…")] public sealed class MyCollection : ICollectionFixture&lt;MyMetrics&gt;;</c> and
/// <c>[Collection("…")]</c> on each class. Tests that use it are <see cref="PrometheusFactAttribute"/>s.
/// </summary>
/// <remarks>
/// Without the binaries the fixture does nothing (the tests are skipped), except under <c>CI=true</c>, where it throws
/// "prometheus is not installed: …" so every test of the class fails with that reason.
/// </remarks>
public abstract class PrometheusFixture : IAsyncLifetime
{
    /// <summary>The step <see cref="InitializeAsync"/> rounds the scenario's end to.</summary>
    public static readonly TimeSpan EndAlignment = TimeSpan.FromSeconds(15);

    private PrometheusServer? _server;
    private TrafficScenario? _scenario;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">Prometheus is not installed, or has not started.</exception>
    public PrometheusServer Server => _server ?? throw new InvalidOperationException(PrometheusServer.Missing ?? "Prometheus has not started.");

    /// <summary>The scenario it holds.</summary>
    /// <exception cref="InvalidOperationException">Prometheus is not installed, or has not started.</exception>
    public TrafficScenario Scenario => _scenario ?? throw new InvalidOperationException(PrometheusServer.Missing ?? "Prometheus has not started.");

    /// <summary>Builds the scenario and starts the server, unless Prometheus is missing outside CI.</summary>
    public async Task InitializeAsync()
    {
        var installation = PrometheusInstallation.Current;
        if (installation.Missing is { } missing)
        {
            if (PrometheusInstallation.InCi)
            {
                throw new InvalidOperationException($"{missing}; CI=true, so the tests that need it fail instead of being skipped.");
            }

            return;
        }

        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % EndAlignment.Ticks), TimeSpan.Zero);
        _scenario = CreateScenario(end);
        _server = await PrometheusServer.StartAsync(_scenario, installation);
    }

    /// <summary>Stops the server.</summary>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The metrics the server holds, ending at <paramref name="end"/> (now, rounded down to 15 s).</summary>
    protected abstract TrafficScenario CreateScenario(DateTimeOffset end);
}
