using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>
/// The real executable over HTTP as a browser under DNS rebinding, a careless client and a hostile one reach
/// it: foreign Host and Origin headers, addresses Kestrel cannot bind as written, a bearer scheme in lower
/// case, bodies over the limit and bodies that are not JSON-RPC messages.
/// </summary>
public sealed class HttpSecurityTests : IDisposable
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-http-").FullName;

    [Fact]
    public async Task Post_ForeignHostOrOrigin_ForbiddenWhileLoopbackOnesAreServed()
    {
        // Reported: the loopback server answered Host and Origin evil.example.com (DNS rebinding).
        await using var server = await HttpServerProcess.StartAsync(_dir);

        using var evilHost = await PostAsync(server, Initialize, host: "evil.example.com");
        using var evilOrigin = await PostAsync(server, Initialize, origin: "http://evil.example.com");
        using var loopback = await PostAsync(server, Initialize, host: $"localhost:{server.Port}", origin: $"http://localhost:{server.Port}");

        Assert.Equal(HttpStatusCode.Forbidden, evilHost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, evilOrigin.StatusCode);
        var body = JsonNode.Parse(await evilHost.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Forbidden: Host 'evil.example.com' is not a name this server answers to (DNS rebinding protection).", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Forbidden: Origin 'http://evil.example.com' may not call this server", JsonNode.Parse(await evilOrigin.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
    }

    [Fact]
    public async Task Post_OriginAllowedByOption_IsServed()
    {
        await using var server = await HttpServerProcess.StartAsync(_dir, null, "--allowed-origins", "https://studio.example.com");

        using var allowed = await PostAsync(server, Initialize, origin: "https://studio.example.com");
        using var other = await PostAsync(server, Initialize, origin: "https://other.example.com");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Serve_Ipv4MappedLoopbackUrl_ListensAndServesAnMcpClient()
    {
        // Reported: --urls http://[::ffff:127.0.0.1]:PORT crashed with an unhandled SocketException.
        await using var server = await HttpServerProcess.StartAsync(_dir, null, "--urls", "http://[::ffff:127.0.0.1]:{port}");

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }), ProcessFixture.ClientOptions);

        Assert.NotEmpty(await client.ListToolsAsync());
        Assert.Contains($"traefik-mcp listening on http://127.0.0.1:{server.Port} (endpoint /mcp)", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AddressThatCannotBeBound_ExitsTwoWithTheReason()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "serve", "--transport", "http", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Contains($"traefik-mcp: Cannot listen on http://127.0.0.1:{port}: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BearerSchemeInAnyCase_Accepted_WrongTokenRefused()
    {
        // Reported: "bearer" in lower case was refused (schemes are case-insensitive).
        var environment = new Dictionary<string, string> { ["TEST_MCP_TOKEN"] = "s3cret-token-0123" };
        await using var server = await HttpServerProcess.StartAsync(_dir, environment, "--auth-token-env", "TEST_MCP_TOKEN");

        using var lower = await PostAsync(server, Initialize, authorization: "bearer s3cret-token-0123");
        using var upper = await PostAsync(server, Initialize, authorization: "BEARER s3cret-token-0123");
        using var wrong = await PostAsync(server, Initialize, authorization: "Bearer s3cret-token-0124");
        using var basic = await PostAsync(server, Initialize, authorization: "Basic s3cret-token-0123");

        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        Assert.DoesNotContain("s3cret", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_NonLoopbackAddressWithToken_StillRequiresTheToken()
    {
        var environment = new Dictionary<string, string> { ["TEST_MCP_TOKEN"] = "s3cret-token-0123" };
        await using var server = await HttpServerProcess.StartAsync(_dir, environment, "--urls", "http://0.0.0.0:{port}", "--auth-token-env", "TEST_MCP_TOKEN");

        using var anonymous = await PostAsync(server, Initialize, host: $"127.0.0.1:{server.Port}");
        using var authorized = await PostAsync(server, Initialize, authorization: "Bearer s3cret-token-0123");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverTheLimitOrNotAMessage_RefusedWithTheSpecError()
    {
        await using var server = await HttpServerProcess.StartAsync(_dir, null, "--max-message-size", "64KiB");

        using var large = await PostAsync(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"" + new string('a', 100_000) + "\"}}");
        using var chunked = await PostAsync(server, new string(' ', 100_000) + "{}", chunked: true);
        using var number = await PostAsync(server, "42");
        using var parse = await PostAsync(server, "{oops");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("Request body too large: this server reads at most 64 KiB per message (--max-message-size).", JsonNode.Parse(await large.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.Equal(-32600, JsonNode.Parse(await number.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(-32700, JsonNode.Parse(await parse.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<int>());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpServerProcess server, string body, string? host = null, string? origin = null, string? authorization = null, bool chunked = false)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = chunked ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        return await http.SendAsync(request);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
