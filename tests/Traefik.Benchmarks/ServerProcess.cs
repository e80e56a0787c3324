using System.Diagnostics;
using System.Globalization;

namespace Traefik.Benchmarks;

/// <summary>A <c>traefik-mcp serve</c> process over stdio, driven with raw JSON-RPC lines.</summary>
internal sealed class ServerProcess : IDisposable
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";
    private readonly Process _process;
    private int _id = 1;

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>
    /// The framework-dependent build next to this one (Release), the NativeAOT binary when TRAEFIK_MCP_AOT_BINARY
    /// names one, and baselines to measure in the same run: a framework-dependent executable named by
    /// TRAEFIK_MCP_BASELINE_BINARY and a NativeAOT one by TRAEFIK_MCP_BASELINE_AOT_BINARY (built from another commit).
    /// </summary>
    public static IEnumerable<(string Name, string Path)> Builds()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Manifests.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/'));
        }

        var framework = Path.Combine(root ?? ".", "src", "Traefik.Mcp", "bin", "Release", "net10.0", "traefik-mcp");
        if (File.Exists(framework))
        {
            yield return ("framework-dependent", framework);
        }

        if (Environment.GetEnvironmentVariable("TRAEFIK_MCP_AOT_BINARY") is { Length: > 0 } aot && File.Exists(aot))
        {
            yield return ("native-aot", aot);
        }

        if (Environment.GetEnvironmentVariable("TRAEFIK_MCP_BASELINE_BINARY") is { Length: > 0 } baseline && File.Exists(baseline))
        {
            yield return ("baseline-framework-dependent", baseline);
        }

        if (Environment.GetEnvironmentVariable("TRAEFIK_MCP_BASELINE_AOT_BINARY") is { Length: > 0 } baselineAot && File.Exists(baselineAot))
        {
            yield return ("baseline-native-aot", baselineAot);
        }
    }

    /// <summary>Starts the server on a repository and returns once it answered <c>initialize</c>.</summary>
    public static ServerProcess Start(string executable, string repository)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "serve", "--repo", repository })
        {
            info.ArgumentList.Add(a);
        }

        var server = new ServerProcess(Process.Start(info)!);
        server._process.ErrorDataReceived += (_, _) => { };
        server._process.BeginErrorReadLine();
        server.Send(Initialize);
        server.Send("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", expectAnswer: false);
        return server;
    }

    /// <summary>Sends one request and waits for its answer line.</summary>
    public string Request(string method, string parameters) =>
        Send($$"""{"jsonrpc":"2.0","id":{{++_id}},"method":"{{method}}","params":{{parameters}}}""");

    /// <summary>Peak resident set (VmHWM) in MiB.</summary>
    public double PeakWorkingSetMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private string Send(string line, bool expectAnswer = true)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
        if (!expectAnswer)
        {
            return string.Empty;
        }

        while (_process.StandardOutput.ReadLine() is { } answer)
        {
            if (answer.Contains($"\"id\":{_id}", StringComparison.Ordinal))
            {
                return answer.Contains("\"error\"", StringComparison.Ordinal) ? throw new InvalidOperationException(answer) : answer;
            }
        }

        throw new InvalidOperationException("The server closed its output before answering.");
    }
}
