using System.Globalization;
using Microsoft.Extensions.Logging;
using Traefik.Manifests.Model;
using Traefik.Manifests.Observability;
using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Observability;

/// <summary>
/// Live figures for the routes in the repository, read from Prometheus: the service summary, the observed
/// split, and anomalies now and over the last hours. Without a configured, reachable Prometheus every
/// answer says so and carries no numbers.
/// </summary>
public sealed partial class TrafficMetrics : IDisposable
{
    /// <summary>The default window.</summary>
    public const string DefaultWindow = "5m";

    /// <summary>The default baseline before the window.</summary>
    public const string DefaultBaseline = "1h";

    /// <summary>How far back the history resource looks.</summary>
    public static readonly TimeSpan HistoryPeriod = TimeSpan.FromHours(6);

    private static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(6);

    private readonly McpSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<TrafficMetrics> _logger;
    private readonly HttpClient? _http;
    private readonly Lazy<(PrometheusClient? Client, string? Problem)> _client;
    private volatile Outcome? _lastError;
    private DateTimeOffset? _lastSuccess;

    /// <summary>Creates the service; nothing is contacted until a figure is asked for.</summary>
    public TrafficMetrics(McpSettings settings, TimeProvider time, ILogger<TrafficMetrics> logger, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        _settings = settings;
        _time = time;
        _logger = logger;
        if (settings.PrometheusUrl is { } url)
        {
            _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            _client = new Lazy<(PrometheusClient?, string?)>(() =>
            {
                try
                {
                    var auth = PrometheusClient.Credentials(settings.PrometheusTokenEnv, settings.PrometheusBasicAuthEnv, environment, url);
                    return (new PrometheusClient(_http, url, settings.PrometheusTimeout, auth), null);
                }
                catch (PrometheusException e)
                {
                    return (null, e.Message);
                }
            });
        }
        else
        {
            _client = new Lazy<(PrometheusClient?, string?)>(() => (null, NotConfigured));
        }
    }

    /// <summary>What every view says when no URL is configured.</summary>
    public static string NotConfigured => "Prometheus is not configured (--prometheus-url or TRAEFIK_MCP_PROMETHEUS_URL): no live figures are shown.";

    /// <summary><c>traefik://metrics/prometheus/status</c>: configured, reachable, version, last error.</summary>
    public async Task<PrometheusStatusView> StatusAsync(CancellationToken cancellationToken)
    {
        var auth = _settings.PrometheusTokenEnv is not null ? "bearer"
            : _settings.PrometheusBasicAuthEnv is not null || _settings.PrometheusUrl?.UserInfo.Length > 0 ? "basic"
            : "none";
        if (_settings.PrometheusUrl is null)
        {
            return new PrometheusStatusView { Configured = false, Available = false, Reason = NotConfigured };
        }

        string? version = null;
        string? reason = null;
        try
        {
            var client = Client();
            await client.ReadyAsync(cancellationToken).ConfigureAwait(false);
            version = await client.VersionAsync(cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (PrometheusException e)
        {
            reason = Failed(e);
        }

        var last = _lastError;
        return new PrometheusStatusView
        {
            Configured = true,
            Url = ShownUrl,
            Available = reason is null,
            Version = version,
            Reason = reason,
            Authentication = auth,
            TimeoutSeconds = _settings.PrometheusTimeout.TotalSeconds,
            LastError = last?.Message,
            LastErrorAt = last?.At,
            LastSuccessAt = _lastSuccess,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _http?.Dispose();

    /// <summary>Parses a window parameter (1m–6h).</summary>
    internal static TimeSpan ParseWindow(string? value, string parameter = "window") =>
        PromDuration.Parse(value ?? DefaultWindow, parameter, MinWindow, MaxWindow);

    /// <summary>"Now", to the second, so the windows of one answer line up.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private PrometheusAvailability Availability(string? reason) => new()
    {
        Configured = _settings.PrometheusUrl is not null,
        Available = reason is null,
        Url = ShownUrl,
        Reason = reason,
    };

    /// <summary>The configured URL as shown in answers: without its user information.</summary>
    private string? ShownUrl => _settings.PrometheusUrl is { } url ? PrometheusClient.WithoutUserInfo(url).AbsoluteUri : null;

    private PrometheusClient Client()
    {
        var (client, problem) = _client.Value;
        return client ?? throw new PrometheusException(problem ?? NotConfigured);
    }

    private void Succeeded() => _lastSuccess = _time.GetUtcNow();

    private string Failed(PrometheusException e)
    {
        if (_settings.PrometheusUrl is not null)
        {
            _lastError = new Outcome(e.Message, _time.GetUtcNow());
            LogFailure(_logger, e.Message);
        }

        return e.Message;
    }

    private async Task<IReadOnlyList<PrometheusSeries>> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Client().QueryAsync(query, at, cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<PrometheusSeries>> RangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        await Client().QueryRangeAsync(query, start, end, step, cancellationToken).ConfigureAwait(false);

    /// <summary>The wire name of an enum value (snake_case).</summary>
    internal static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Percent(double ratio) => (ratio * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Seconds(double seconds) =>
        seconds < 1 ? (seconds * 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms" : seconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    private static string Rate(double rate) => rate.ToString("0.##", CultureInfo.InvariantCulture) + " req/s";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus: {Problem}")]
    private static partial void LogFailure(ILogger logger, string problem);

    private sealed record Outcome(string Message, DateTimeOffset At);
}
