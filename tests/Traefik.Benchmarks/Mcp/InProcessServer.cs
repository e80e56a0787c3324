using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Traefik.GitOps;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

namespace Traefik.Benchmarks.Mcp;

/// <summary>
/// The server built exactly as <c>traefik-mcp serve</c> builds it (plus <see cref="EchoTool"/>), hosted in
/// this process over two in-memory pipes, with a connected <see cref="McpClient"/>.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessServer(IHost host, McpClient client)
    {
        _host = host;
        Client = client;
    }

    /// <summary>The connected client.</summary>
    public McpClient Client { get; }

    /// <summary>Starts a server on a repository and connects a client to it.</summary>
    public static async Task<InProcessServer> StartAsync(string repository, DeliveryMode delivery)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var settings = new McpSettings { Repo = repository, Delivery = delivery };
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTraefikServices(settings, _ => null);
        builder.Services.AddMcpServer(ServerSetup.ConfigureServer)
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .AddTraefikPrimitives()
            .WithTools<EchoTool>();
        var host = builder.Build();
        await host.StartAsync();
        var client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));
        return new InProcessServer(host, client);
    }

    /// <summary>Calls a tool and fails when it returns a tool error.</summary>
    public async Task<CallToolResult> CallAsync(string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        var result = await Client.CallToolAsync(tool, arguments);
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool} failed: {string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text))}");
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Arguments as the JSON elements a client sends.</summary>
    public static Dictionary<string, object?> Arguments(params (string Name, object Value)[] values) =>
        values.ToDictionary(v => v.Name, v => (object?)JsonSerializer.SerializeToElement(v.Value, v.Value.GetType(), JsonSerializerOptions.Default), StringComparer.Ordinal);
}
