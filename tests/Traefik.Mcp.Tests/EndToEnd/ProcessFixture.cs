using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>Runs the built traefik-mcp executable as a child process in a temporary folder.</summary>
internal static class ProcessFixture
{
    /// <summary>The traefik-mcp apphost next to the test assembly (the test project references the server).</summary>
    public static string Executable
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            var exe = Path.Combine(dir, OperatingSystem.IsWindows() ? "traefik-mcp.exe" : "traefik-mcp");
            return File.Exists(exe) ? exe : throw new FileNotFoundException("traefik-mcp was not built next to the tests", exe);
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
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
