using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>A real MCP client talking to the real executable over stdio and over streamable HTTP.</summary>
public sealed class TransportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-e2e-").FullName;

    [Fact]
    public async Task Stdio_ChildProcess_ListsToolsAndCallsOne()
    {
        await using var client = await StartStdioClientAsync();

        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "traefik_manage_weighted_routing");
        var result = await client.CallToolAsync("traefik_manage_weighted_routing", new Dictionary<string, object?>
        {
            ["action"] = "create",
            ["route_name"] = "hello-world-route",
            ["hostname"] = "hello-world.example.com",
            ["stable_service"] = "hello-world-stable",
        });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("proposed", result.StructuredContent!.Value.GetProperty("status").GetString());
        Assert.Equal("traefik-mcp", client.ServerInfo!.Name);
    }

    [Fact]
    public async Task Stdio_ChildProcess_BindsResourcesAndPromptsAnnouncedFromTheCatalog()
    {
        // The server announces its primitives from an embedded catalog and binds each method on first use;
        // this reads a plain and a templated resource and renders a prompt in the real (possibly NativeAOT) binary.
        await using var client = await StartStdioClientAsync();

        var templates = await client.ListResourceTemplatesAsync();
        var routes = await client.ReadResourceAsync("traefik://traffic/routes/list");
        var history = await client.ReadResourceAsync("traefik://anomalies/history/shop");
        var prompt = await client.GetPromptAsync("weighted_canary_rollout", new Dictionary<string, object?>
        {
            ["route_name"] = "checkout",
            ["namespace"] = "shop",
            ["hostname"] = "shop.example.com",
            ["stable_service"] = "checkout-v1",
            ["canary_service"] = "checkout-v2",
        });

        Assert.Contains(templates, t => t.UriTemplate == "traefik://anomalies/history/{namespace}");
        Assert.Equal("application/json", Assert.IsType<TextResourceContents>(Assert.Single(routes.Contents)).MimeType);
        var historyJson = JsonDocument.Parse(Assert.IsType<TextResourceContents>(Assert.Single(history.Contents)).Text).RootElement;
        Assert.Equal("shop", historyJson.GetProperty("namespace").GetString());
        Assert.False(historyJson.GetProperty("prometheus").GetProperty("configured").GetBoolean());
        Assert.Contains("checkout-v2", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdio_RawInitialize_AnswersWithTheServerNameThenExitsWhenStdinCloses()
    {
        // One JSON-RPC line in, one out, no SDK client: what an agent starting the server per conversation does.
        var start = new ProcessStartInfo(ProcessFixture.Executable)
        {
            WorkingDirectory = _dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        using var server = Process.Start(start)!;
        var stderr = server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw-client","version":"1.0.0"}}}""");
        await server.StandardInput.FlushAsync(timeout.Token);
        var line = await server.StandardOutput.ReadLineAsync(timeout.Token);
        server.StandardInput.Close();
        await server.WaitForExitAsync(timeout.Token);

        Assert.True(line is not null, await stderr);
        using var response = JsonDocument.Parse(line);
        Assert.Equal(1, response.RootElement.GetProperty("id").GetInt32());
        var result = response.RootElement.GetProperty("result");
        Assert.Equal("traefik-mcp", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal("2025-06-18", result.GetProperty("protocolVersion").GetString());
        Assert.True(result.GetProperty("capabilities").TryGetProperty("tools", out _));
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task Http_Loopback_ServesMcpAtSlashMcp()
    {
        var port = ProcessFixture.FreePort();
        var start = new ProcessStartInfo(ProcessFixture.Executable)
        {
            WorkingDirectory = _dir,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "serve", "--transport", "http", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        using var server = Process.Start(start)!;
        try
        {
            await WaitForPortAsync(port);
            var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/mcp"), TransportMode = HttpTransportMode.StreamableHttp });
            await using var client = await McpClient.CreateAsync(transport, ProcessFixture.ClientOptions);

            var templates = await client.ListResourceTemplatesAsync();
            Assert.Contains(templates, t => t.UriTemplate == "traefik://traffic/{namespace}/{route_name}/distribution");
            var routes = await client.ReadResourceAsync("traefik://traffic/routes/list");
            Assert.Contains("\"scope\":\"all-namespaces\"", ((TextResourceContents)routes.Contents[0]).Text, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Http_WithBearerToken_RejectsRequestsWithoutIt()
    {
        var port = ProcessFixture.FreePort();
        var start = new ProcessStartInfo(ProcessFixture.Executable)
        {
            WorkingDirectory = _dir,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "serve", "--transport", "http", "--urls", $"http://127.0.0.1:{port}", "--auth-token-env", "TEST_MCP_TOKEN" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["TEST_MCP_TOKEN"] = "s3cret-token";
        using var server = Process.Start(start)!;
        try
        {
            await WaitForPortAsync(port);
            using var http = new HttpClient();
            using var anonymous = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/mcp"), new StringContent("{}"));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);

            var transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri($"http://127.0.0.1:{port}/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret-token" },
            });
            await using var client = await McpClient.CreateAsync(transport, ProcessFixture.ClientOptions);
            Assert.NotEmpty(await client.ListToolsAsync());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Http_NonLoopbackWithoutToken_IsRefused()
    {
        var (code, _, stderr) = await ProcessFixture.RunAsync(_dir, "serve", "--transport", "http", "--urls", "http://0.0.0.0:8769");
        Assert.Equal(2, code);
        Assert.Contains("is not a loopback address: binding it needs a bearer token (--auth-token-env NAME)", stderr, StringComparison.Ordinal);
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"traefik-mcp did not listen on port {port} within 30 s.");
    }

    /// <summary>The executable started as a child process with <c>serve</c>, and an SDK client on its stdio.</summary>
    private Task<McpClient> StartStdioClientAsync() =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "traefik-mcp",
            Command = ProcessFixture.Executable,
            Arguments = ["serve"],
            WorkingDirectory = _dir,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        }), ProcessFixture.ClientOptions);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
