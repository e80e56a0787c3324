using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Traefik.GitOps.Tests.Support;

/// <summary>
/// <c>git daemon</c> serving a folder over git:// on 127.0.0.1 with pushes enabled: a real server whose
/// receive-pack updates branches atomically (compare-and-swap), unlike libgit2's local-path transport.
/// </summary>
public sealed class GitDaemon : IDisposable
{
    private readonly Process _process;
    private readonly int _port;

    public GitDaemon(string folder)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var info = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", "--base-path=" + folder, "--listen=127.0.0.1", "--port=" + _port, folder })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        _process = Process.Start(info)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    public string UrlFor(string repository) => $"git://127.0.0.1:{_port}/{repository}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
