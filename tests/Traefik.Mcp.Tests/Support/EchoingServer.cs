using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Traefik.Mcp.Tests.Support;

/// <summary>
/// A hostile or careless HTTP endpoint on loopback standing in for Prometheus (or a proxy in front of it): it
/// answers every request with a fixed status and a body that echoes the request's Authorization header, the
/// way some error pages and debugging proxies do. It records the Authorization headers it got.
/// </summary>
internal sealed class EchoingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _authorizations = [];

    public EchoingServer(int status)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(() => ServeAsync(status));
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The Authorization headers received so far.</summary>
    public IReadOnlyList<string> Authorizations
    {
        get
        {
            lock (_authorizations)
            {
                return [.. _authorizations];
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task ServeAsync(int status)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    try
                    {
                        var head = await ReadHeadAsync(socket);
                        if (head.Length == 0)
                        {
                            // A connection given up before its request (a query cancelled because another failed).
                            return;
                        }

                        var authorization = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?["Authorization:".Length..].Trim() ?? "(none)";
                        lock (_authorizations)
                        {
                            _authorizations.Add(authorization);
                        }

                        var body = $"proxy error: upstream refused the request with Authorization: {authorization} (decoded: {Decoded(authorization)})";
                        var bytes = Encoding.UTF8.GetBytes(body);
                        var response = $"HTTP/1.1 {status} Echo\r\nContent-Type: text/plain\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                        await socket.SendAsync(Encoding.ASCII.GetBytes(response).Concat(bytes).ToArray(), SocketFlags.None);
                        socket.Shutdown(SocketShutdown.Both);
                    }
                    catch (SocketException)
                    {
                        // The client gave up; nothing to answer.
                    }
                }
            });
        }
    }

    private static string Decoded(string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !authorization[..space].Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return "-";
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(authorization[(space + 1)..]));
        }
        catch (FormatException)
        {
            return "-";
        }
    }

    private static async Task<string> ReadHeadAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        int end;
        while ((end = text.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var head = text.ToString()[..end];
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = Encoding.ASCII.GetByteCount(text.ToString()[(end + 4)..]);
        while (body < length)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                break;
            }

            body += read;
        }

        return head;
    }
}
