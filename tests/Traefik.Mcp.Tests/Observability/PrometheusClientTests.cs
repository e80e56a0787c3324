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

        Assert.Equal($"Prometheus at {server.Url} refused the credentials (401): check --prometheus-token-env, --prometheus-basic-auth-env or the user information in --prometheus-url.", error.Message);
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

    [Fact]
    public async Task Query_AnswerEchoingTheBearerToken_MessageHoldsNoFormOfIt()
    {
        // Reported: a proxy or error page echoing the Authorization header put the token verbatim in the result.
        const string Token = "prom-bearer-0123456789abcdef";
        var body = $"bad request, got Authorization: Bearer {Token} ({Convert.ToBase64String(Encoding.UTF8.GetBytes(Token))}, {Uri.EscapeDataString(Token + "/")})";
        using var server = new OneShotServer($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        var client = new PrometheusClient(Http, server.Url, TimeSpan.FromSeconds(5), PrometheusClient.Credentials("PROM_TOKEN", null, _ => Token));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("up", DateTimeOffset.UnixEpoch));

        Assert.StartsWith($"Prometheus at {server.Url} answered 200 with something that is not the Prometheus API's JSON: bad request, got Authorization: Bearer *** (***", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(", ***%2F)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token))[..20], error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task Query_AnswerEchoingBasicAuth_MessageHoldsNeitherThePairNorThePassword()
    {
        const string Pair = "alice:pa55word-xyz";
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Pair));
        var body = $$"""{"status":"error","errorType":"unauthorized","error":"token {{header}} for {{Pair}} (password pa55word-xyz) refused"}""";
        using var server = new OneShotServer($"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        var client = new PrometheusClient(Http, server.Url, TimeSpan.FromSeconds(5), PrometheusClient.Credentials(null, "PROM_AUTH", _ => Pair));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("up", DateTimeOffset.UnixEpoch));

        Assert.Equal($"Prometheus at {server.Url} refused the request (400, unauthorized): token Basic *** for *** (password ***) refused", error.Message);
    }

    [Fact]
    public async Task Query_TokenCutByTheExcerpt_LeavesNoPartOfIt()
    {
        // The answer is cut to 200 characters for the message; a token straddling the cut must not survive in part.
        const string Token = "prom-bearer-straddling-the-cut-0123456789";
        var body = new string('x', 190) + " " + Token + " tail";
        using var server = new OneShotServer($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        var client = new PrometheusClient(Http, server.Url, TimeSpan.FromSeconds(5), PrometheusClient.Credentials("PROM_TOKEN", null, _ => Token));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("up", DateTimeOffset.UnixEpoch));

        Assert.DoesNotContain("prom-bearer-str", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(new string('x', 190) + " *** tail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_UrlWithUserInfo_SendsItAsBasicAuthAndNeverShowsIt()
    {
        using var server = new OneShotServer("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var url = new UriBuilder(server.Url) { UserName = "bob", Password = "hunter2-pass" }.Uri;
        var client = new PrometheusClient(Http, url, TimeSpan.FromSeconds(5), PrometheusClient.Credentials(null, null, _ => null, url));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("up", DateTimeOffset.UnixEpoch));

        Assert.Equal(server.Url, client.BaseUrl);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", error.Message, StringComparison.Ordinal);
        Assert.Contains("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:hunter2-pass")), await server.Request, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tok\nen-0123456789")]
    [InlineData("token-0123456789\n")]
    [InlineData("tökén-0123456789")]
    [InlineData("token 0123456789")]
    public void Credentials_TokenAHeaderCannotCarry_RefusedNamingTheVariableNotTheValue(string token)
    {
        // Reported: a token with a line break made the tool throw an unhandled FormatException.
        var error = Assert.Throws<PrometheusException>(() => PrometheusClient.Credentials("PROM_TOKEN", null, _ => token));

        Assert.StartsWith("The Prometheus bearer token in PROM_TOKEN holds a space, a line break, a control or a non-ASCII character", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", error.Message, StringComparison.Ordinal);
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
