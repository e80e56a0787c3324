using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

namespace Traefik.Benchmarks;

/// <summary>
/// A warm tool call over the server's stream transport with an in-process client: a weight change with
/// <c>diff</c> delivery, against an echo tool on the same SDK and transport. A third row sends the weight
/// change's own arguments to a tool that answers with a copy of the weight change's result and does nothing
/// else: the SDK's and transport's cost for this request and response, so the rest is this server's work.
/// </summary>
public class McpRoundTripBenchmarks
{
    private readonly List<IHost> _hosts = [];
    private readonly List<McpClient> _clients = [];
    private string _folder = string.Empty;
    private McpClient _traefik = null!;
    private McpClient _echo = null!;
    private McpClient _replay = null!;
    private int _step;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("traefik-bench-mcp-").FullName;
        SyntheticRepository.Create(_folder, 100);
        var settings = new McpSettings { Repo = _folder, Delivery = DeliveryMode.Diff };
        _traefik = await ConnectAsync(
            services => services.AddTraefikServices(settings, _ => null),
            builder => builder.AddTraefikPrimitives());
        _echo = await ConnectAsync(
            _ => { },
            builder => builder.WithTools([McpServerTool.Create((string text) => text, new McpServerToolCreateOptions { Name = "echo" })]));
        var result = await ToolCall();
        _replay = await ConnectAsync(
            _ => { },
            builder => builder.WithTools([McpServerTool.Create(() => result, new McpServerToolCreateOptions { Name = "traefik_manage_weighted_routing" })]));
        await Echo();
        await SamePayload();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        Folders.Delete(_folder);
    }

    [Benchmark(Baseline = true, Description = "echo tool, same SDK and transport")]
    public async Task<object> Echo() => await _echo.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "hello" });

    [Benchmark(Description = "same request and result, no work (SDK and transport for this payload)")]
    public async Task<CallToolResult> SamePayload() => await CallAsync(_replay);

    [Benchmark(Description = "traefik_manage_weighted_routing update, diff delivery")]
    public async Task<CallToolResult> ToolCall() => await CallAsync(_traefik);

    private async Task<CallToolResult> CallAsync(McpClient client)
    {
        var (stable, canary) = PlanBenchmarks.Weights(++_step);
        var result = await client.CallToolAsync("traefik_manage_weighted_routing", new Dictionary<string, object?>
        {
            ["action"] = "update",
            ["route_name"] = SyntheticRepository.RouteName(50),
            ["namespace"] = SyntheticRepository.NamespaceOf(50),
            ["stable_service"] = "svc-50-stable",
            ["canary_service"] = "svc-50-canary",
            ["stable_weight"] = stable,
            ["canary_weight"] = canary,
            ["delivery"] = "diff",
        });
        return result.IsError == true ? throw new InvalidOperationException("The tool call failed.") : result;
    }

    private async Task<McpClient> ConnectAsync(Action<IServiceCollection> services, Func<IMcpServerBuilder, IMcpServerBuilder> primitives)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        services(builder.Services);
        primitives(builder.Services.AddMcpServer(ServerSetup.ConfigureServer)
            .WithCompactStreamTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream()));
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        var client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));
        _clients.Add(client);
        return client;
    }
}
