using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// A real Prometheus (the Debian package) on a free loopback port, holding a scenario's metrics: backfilled with
/// <c>promtool tsdb create-blocks-from openmetrics</c>, scraping nothing. Disposing it stops the process and deletes
/// its folder.
/// </summary>
/// <remarks>
/// Prometheus runs under a small <c>sh</c> watchdog that reads this process's pipe and stops Prometheus when the pipe
/// closes, so a test host that crashes or is killed leaves no Prometheus behind either.
/// </remarks>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    // $0 prometheus, $1 config, $2 data, $3 listen address, $4 log. The watchdog holds the pipe (fd 3, from stdin):
    // when it reads end-of-file (Dispose, or the test host died) it stops Prometheus, and the shell exits with it.
    private const string Watchdog = """
        exec 3<&0 </dev/null >>"$4" 2>&1
        "$0" --config.file="$1" --storage.tsdb.path="$2" --web.listen-address="$3" 3<&- &
        pid=$!
        { cat <&3 >/dev/null; kill "$pid" 2>/dev/null; } &
        exec 3<&-
        wait "$pid"
        """;

    private readonly Process _process;
    private readonly string _folder;
    private int _disposed;

    private PrometheusServer(Process process, string folder, Uri url, DateTimeOffset end, TimeSpan backfill, TimeSpan start)
    {
        _process = process;
        _folder = folder;
        Url = url;
        End = end;
        BackfillDuration = backfill;
        StartDuration = start;
    }

    /// <summary>Why the real-Prometheus tests cannot run here, or null when they can.</summary>
    public static string? Missing => PrometheusInstallation.Current.Missing;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The time of the scenario's last sample.</summary>
    public DateTimeOffset End { get; }

    /// <summary>How long <c>promtool</c> took to backfill the scenario.</summary>
    public TimeSpan BackfillDuration { get; }

    /// <summary>How long Prometheus took from launch to <c>/-/ready</c>.</summary>
    public TimeSpan StartDuration { get; }

    /// <summary>The process id of Prometheus' watchdog shell (Prometheus is its child).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What Prometheus wrote to stdout and stderr so far (for failure messages).</summary>
    public string Log => ReadLog(_folder);

    /// <summary>Where the binaries are looked for: the first file of that name on PATH.</summary>
    public static string? Binary(string name) => name switch
    {
        "prometheus" => PrometheusInstallation.Current.Prometheus,
        "promtool" => PrometheusInstallation.Current.Promtool,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "prometheus or promtool"),
    };

    /// <summary>Backfills the scenario into a temporary folder and starts Prometheus on it; returns once it is ready.</summary>
    /// <exception cref="InvalidOperationException">Prometheus is not installed, promtool failed, or Prometheus did not get ready within 30 s (the message has the log's tail).</exception>
    public static Task<PrometheusServer> StartAsync(TrafficScenario scenario) => StartAsync(scenario, PrometheusInstallation.Current);

    /// <summary>Stops Prometheus (and its watchdog), waits for it, and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(_process);
        DeleteFolder(_folder);
    }

    internal static async Task<PrometheusServer> StartAsync(TrafficScenario scenario, PrometheusInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (installation.Missing is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var folder = Directory.CreateTempSubdirectory("traefik-mcp-prometheus-").FullName;
        try
        {
            var data = Path.Combine(folder, "data");
            var metrics = Path.Combine(folder, "traefik.om");
            var config = Path.Combine(folder, "prometheus.yml");
            await File.WriteAllTextAsync(metrics, scenario.ToOpenMetrics());
            await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");

            var clock = Stopwatch.StartNew();
            var (code, output) = await RunAsync(installation.Promtool!, ["tsdb", "create-blocks-from", "openmetrics", metrics, data]);
            if (code != 0)
            {
                throw new InvalidOperationException($"promtool could not backfill the scenario (exit {code}):\n{Tail(output)}");
            }

            var backfill = clock.Elapsed;
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                clock.Restart();
                var process = Launch(installation.Prometheus!, config, data, port, folder);
                try
                {
                    await WaitUntilReadyAsync(process, port, folder);
                    return new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"), scenario.End, backfill, clock.Elapsed);
                }
                catch (PortTakenException) when (attempt < PortAttempts)
                {
                    // Another process took the port between our probe and Prometheus' bind: try another one.
                    await StopAsync(process);
                }
                catch
                {
                    await StopAsync(process);
                    throw;
                }
            }
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    private static Process Launch(string prometheus, string config, string data, int port, string folder)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "-c", Watchdog, prometheus, config, data, $"127.0.0.1:{port}", Path.Combine(folder, "prometheus.log") })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("sh did not start.");
    }

    private static async Task WaitUntilReadyAsync(Process process, int port, string folder)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = new Uri($"http://127.0.0.1:{port}/-/ready");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                var log = ReadLog(folder);
                var message = $"prometheus exited with {process.ExitCode} before it was ready:\n{Tail(log)}";
                throw log.Contains("address already in use", StringComparison.Ordinal) ? new PortTakenException(message) : new InvalidOperationException(message);
            }

            try
            {
                using var response = await http.GetAsync(ready);
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

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"prometheus was not ready within {ReadyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{Tail(ReadLog(folder))}");
    }

    /// <summary>Closes the watchdog's pipe (Prometheus gets SIGTERM and shuts down), then kills whatever is left.</summary>
    private static async Task StopAsync(Process process)
    {
        try
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }

            // Also reaps the watchdog's reader if Prometheus died first, and anything that ignored SIGTERM.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // The process is gone already.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static string ReadLog(string folder)
    {
        var path = Path.Combine(folder, "prometheus.log");
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Tail(string log) => string.Join('\n', log.TrimEnd().Split('\n').TakeLast(20));

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

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish within {ToolTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{Tail(await stdout + await stderr)}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private sealed class PortTakenException(string message) : InvalidOperationException(message);
}
