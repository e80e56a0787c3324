using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>Runs the built traefik-mcp executable as a child process in a temporary folder.</summary>
internal static class ProcessFixture
{
    /// <summary>The environment variable naming another traefik-mcp to test: a NativeAOT binary or an installed tool.</summary>
    public const string ExecutableVariable = "TRAEFIK_MCP_EXECUTABLE";

    /// <summary>
    /// The executable under test: the one <see cref="ExecutableVariable"/> names (CI points it at the NativeAOT
    /// build and at the installed dotnet tool and runs these tests again), else the traefik-mcp apphost next to
    /// the test assembly (the test project references the server).
    /// </summary>
    public static string Executable
    {
        get
        {
            if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured)
            {
                return File.Exists(configured) ? Path.GetFullPath(configured) : throw new FileNotFoundException($"{ExecutableVariable} names {configured}, which does not exist", configured);
            }

            var dir = AppContext.BaseDirectory;
            var exe = Path.Combine(dir, OperatingSystem.IsWindows() ? "traefik-mcp.exe" : "traefik-mcp");
            return File.Exists(exe) ? exe : throw new FileNotFoundException("traefik-mcp was not built next to the tests", exe);
        }
    }

    /// <summary>
    /// Options for SDK clients of the server under test: no separate <c>server/discover</c> probe timeout (5 s by
    /// default), which a loaded machine can exceed while starting the server; the client would then fall back
    /// to <c>initialize</c> after the server had settled on the newer protocol, and fail.
    /// </summary>
    public static ModelContextProtocol.Client.McpClientOptions ClientOptions => new() { DiscoverProbeTimeout = Timeout.InfiniteTimeSpan };

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), args);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
