using System.Net;
using System.Net.Sockets;
using System.Text;
using Traefik.Mcp.Observability;

namespace Traefik.Mcp.Tests.Observability;

/// <summary>
/// The client's failure paths over real loopback sockets: a port nobody listens on, a server that never
/// answers, and a server that refuses the credentials (it records the request it got).
/// </summary>
public sealed class PrometheusClientTests
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task Query_SilentServer_TimesOutWithTheSetting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        var client = new PrometheusClient(Http, url, TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("up", DateTimeOffset.UnixEpoch));

        Assert.Equal($"Prometheus at {url} did not answer within 0.3 s (--prometheus-timeout).", error.Message);
    }

    [Fact]
    public async Task Query_RefusedCredentials_SaysWhichSettingAndNeverShowsTheToken()
    {
        using var server = new OneShotServer("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var auth = PrometheusClient.Credentials("PROM_TOKEN", null, name => name == "PROM_TOKEN" ? "s3cr3t-token" : null);
        var client = new PrometheusClient(Http, server.Url, TimeSpan.FromSeconds(5), auth);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("up", DateTimeOffset.UnixEpoch));

        Assert.Equal($"Prometheus at {server.Url} refused the credentials (401): check --prometheus-token-env or --prometheus-basic-auth-env.", error.Message);
        var request = await server.Request;
        Assert.Contains("Authorization: Bearer s3cr3t-token", request, StringComparison.Ordinal);
        Assert.StartsWith("POST /api/v1/query HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/x-www-form-urlencoded", request, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_NotPrometheus_SaysWhatCameBack()
    {
        using var server = new OneShotServer("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 23\r\nConnection: close\r\n\r\n<html>login page</html>");
        var client = new PrometheusClient(Http, server.Url, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("up", DateTimeOffset.UnixEpoch));

        Assert.Equal($"Prometheus at {server.Url} answered 200 with something that is not the Prometheus API's JSON: <html>login page</html>", error.Message);
    }

    [Fact]
    public void Credentials_BasicAuth_EncodesUserAndPassword()
    {
        var header = PrometheusClient.Credentials(null, "PROM_AUTH", _ => "alice:pa:ss");

        Assert.Equal("Basic", header!.Scheme);
        Assert.Equal("alice:pa:ss", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Theory]
    [InlineData("PROM_TOKEN", null, "The Prometheus bearer token variable PROM_TOKEN is empty or not set.")]
    [InlineData(null, "PROM_AUTH", "The Prometheus basic-auth variable PROM_AUTH must hold user:password.")]
    public void Credentials_MissingVariable_SaysWhichOne(string? token, string? basic, string message)
    {
        var error = Assert.Throws<PrometheusException>(() => PrometheusClient.Credentials(token, basic, _ => null));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Credentials_NoneConfigured_SendsNoHeader()
    {
        Assert.Null(PrometheusClient.Credentials(null, null, _ => "ignored"));
    }

    /// <summary>Accepts one connection, records the request head, and writes a fixed answer.</summary>
    private sealed class OneShotServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public OneShotServer(string response)
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            Request = ServeAsync(response);
        }

        public Uri Url { get; }

        public Task<string> Request { get; }

        public void Dispose() => _listener.Stop();

        private async Task<string> ServeAsync(string response)
        {
            using var socket = await _listener.AcceptSocketAsync();
            var buffer = new byte[8192];
            var head = new StringBuilder();
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None);
            socket.Shutdown(SocketShutdown.Both);
            return head.ToString();
        }
    }
}
