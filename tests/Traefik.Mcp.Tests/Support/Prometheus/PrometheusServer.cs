using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// A real Prometheus (the Debian package) on a free loopback port, holding a scenario's metrics:
/// backfilled with <c>promtool tsdb create-blocks-from openmetrics</c>, scraping nothing. Disposing it
/// stops the process and deletes its data.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, Uri url, DateTimeOffset end)
    {
        _process = process;
        _folder = folder;
        Url = url;
        End = end;
    }

    /// <summary>Where the binaries are looked for.</summary>
    public static string? Binary(string name) => (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, name))
        .FirstOrDefault(File.Exists);

    /// <summary>Why the real-Prometheus tests cannot run here, or null when they can.</summary>
    public static string? Missing =>
        Binary("prometheus") is null || Binary("promtool") is null
            ? "prometheus is not installed (apt-get install -y prometheus provides prometheus and promtool)."
            : null;

    /// <summary>The base URL.</summary>
    public Uri Url { get; }

    /// <summary>The time of the scenario's last sample.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The server's log so far (for failure messages).</summary>
    public string Log => File.Exists(Path.Combine(_folder, "prometheus.log")) ? File.ReadAllText(Path.Combine(_folder, "prometheus.log")) : string.Empty;

    /// <summary>Backfills the scenario and starts Prometheus on it.</summary>
    public static async Task<PrometheusServer> StartAsync(TrafficScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Missing is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var folder = Directory.CreateTempSubdirectory("traefik-mcp-prometheus-").FullName;
        var data = Path.Combine(folder, "data");
        var metrics = Path.Combine(folder, "traefik.om");
        await File.WriteAllTextAsync(metrics, scenario.ToOpenMetrics());
        var (code, output) = await RunAsync(Binary("promtool")!, ["tsdb", "create-blocks-from", "openmetrics", metrics, data]);
        if (code != 0)
        {
            throw new InvalidOperationException($"promtool could not backfill the scenario (exit {code}):\n{output}");
        }

        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
        var port = FreePort();
        var log = Path.Combine(folder, "prometheus.log");
        var info = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c",
                "exec \"$0\" --config.file=\"$1\" --storage.tsdb.path=\"$2\" --storage.tsdb.retention.time=30d --web.listen-address=\"$3\" > \"$4\" 2>&1",
                Binary("prometheus")!, config, data, $"127.0.0.1:{port}", log,
            },
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start.");
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"), scenario.End);
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode} before it was ready:\n{Tail(Log)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"prometheus was not ready within {timeout.TotalSeconds} s:\n{Tail(Log)}");
    }

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(20));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
