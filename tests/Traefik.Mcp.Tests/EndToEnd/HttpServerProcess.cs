using System.Diagnostics;
using System.Text;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary><c>traefik-mcp serve --transport http</c> as a child process on a free loopback port, stopped on dispose.</summary>
internal sealed class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private HttpServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The MCP endpoint on 127.0.0.1.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/mcp");

    /// <summary>What the server wrote to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server in <paramref name="workingDirectory"/> with <paramref name="arguments"/> after
    /// <c>serve --transport http</c> (add <c>--urls</c> with <c>{port}</c> for the free port, or the default
    /// <c>http://127.0.0.1:{port}</c> is used), and waits until it listens.
    /// </summary>
    public static async Task<HttpServerProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var port = ProcessFixture.FreePort();
        var start = new ProcessStartInfo(ProcessFixture.Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var args = arguments.Select(a => a.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
        if (!args.Contains("--urls"))
        {
            args.AddRange(["--urls", $"http://127.0.0.1:{port}"]);
        }

        foreach (var a in (string[])["serve", "--transport", "http", .. args])
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var server = new HttpServerProcess(Process.Start(start)!, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"traefik-mcp exited with {server._process.ExitCode}: {server.Stderr}");
            }

            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return server;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException($"traefik-mcp did not listen on port {port} within 30 s: {server.Stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
