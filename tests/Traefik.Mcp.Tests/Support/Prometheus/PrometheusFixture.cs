namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// A class fixture that starts one real Prometheus holding the scenario a derived class describes,
/// ending now (to the step), and stops it after the class's tests. Without the binaries the tests are
/// skipped (see <see cref="PrometheusFactAttribute"/>), except under <c>CI=true</c>, where the fixture
/// fails so a missing install cannot pass unnoticed.
/// </summary>
public abstract class PrometheusFixture : IAsyncLifetime
{
    private static readonly TimeSpan ScenarioStep = TimeSpan.FromSeconds(15);
    private PrometheusServer? _server;
    private TrafficScenario? _scenario;

    /// <summary>The running server.</summary>
    public PrometheusServer Server => _server ?? throw new InvalidOperationException(PrometheusServer.Missing ?? "Prometheus has not started.");

    /// <summary>The scenario it holds.</summary>
    public TrafficScenario Scenario => _scenario ?? throw new InvalidOperationException("Prometheus has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (PrometheusServer.Missing is { } missing)
        {
            if (PrometheusFactAttribute.InCi)
            {
                throw new InvalidOperationException("CI=true and " + missing);
            }

            return;
        }

        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.Ticks - (now.Ticks % ScenarioStep.Ticks), TimeSpan.Zero);
        _scenario = CreateScenario(end);
        _server = await PrometheusServer.StartAsync(_scenario);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The metrics the server holds, ending at <paramref name="end"/>.</summary>
    protected abstract TrafficScenario CreateScenario(DateTimeOffset end);
}

/// <summary>A fact that needs a real Prometheus: skipped with the reason when it is not installed, unless CI=true.</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (PrometheusServer.Missing is { } missing && !InCi)
        {
            Skip = missing;
        }
    }

    /// <summary>True on CI, where a missing binary is a failure rather than a skip.</summary>
    public static bool InCi => string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
