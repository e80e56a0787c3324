using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Hosting;
using Traefik.Mcp.Tools;

namespace Traefik.Mcp.Proposals;

/// <summary>
/// Builds a tool's intent again from its record (the tool name and its arguments): the arguments are checked
/// against the tool's input schema and bound to its method exactly as a call binds them, and the method runs
/// with a runner that only captures the intent it builds (nothing is planned or written). Records come from
/// commits, which anyone with push access can write, so only the tools that make proposals are accepted.
/// </summary>
/// <remarks>
/// The SDK binds arguments only for a request, and a request needs a server; building an intent sends and
/// receives nothing, so the decoder owns a server it never runs (over empty streams) for that purpose.
/// </remarks>
internal sealed class RecordedIntentDecoder(IServiceProvider services) : IAsyncDisposable
{
    /// <summary>The tools whose intents are recorded: those that make a proposal from their arguments.</summary>
    public static readonly IReadOnlySet<string> Tools = new HashSet<string>(StringComparer.Ordinal)
    {
        WeightedRoutingTool.Name, SimpleRouteTool.Name, MiddlewareTool.Name, RouteMiddlewaresTool.Name, TrafficMirroringTool.Name,
        ServersTransportTool.Name, ServiceAffinityTool.Name, TcpRoutingTool.Name, TcpMiddlewareTool.Name,
    };

    private readonly Lock _gate = new();
    private McpServer? _server;

    /// <summary>The intent a record stands for.</summary>
    /// <exception cref="GitOpsException">The record is not a change this server makes.</exception>
    /// <exception cref="ManifestException">The recorded arguments are not valid for the tool.</exception>
    public ITrafficIntent Decode(IntentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Tools.Contains(record.Kind))
        {
            throw new GitOpsException($"The recorded intent is a {record.Kind} call, which is not a change this server makes.");
        }

        var tool = services.GetServices<McpServerTool>().FirstOrDefault(t => t.ProtocolTool.Name == record.Kind)
            ?? throw new GitOpsException($"The recorded intent is a {record.Kind} call, a tool this server does not offer.");
        var arguments = record.ArgumentsObject().ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, McpJsonContext.Default.JsonNode), StringComparer.Ordinal);
        var problems = ArgumentChecker.Check(tool.ProtocolTool.InputSchema, arguments);
        if (problems.Count > 0)
        {
            throw new ManifestException($"The recorded arguments of {record.Kind} do not match its input schema.", problems);
        }

        var capture = new IntentCapture();
        var runner = ToolRunner.Capturing(services.GetRequiredService<RepositoryHost>(), services.GetRequiredService<TimeProvider>(), capture);
        var request = new RequestContext<CallToolRequestParams>(Server(), new JsonRpcRequest { Method = RequestMethods.ToolsCall }, new CallToolRequestParams { Name = record.Kind, Arguments = arguments })
        {
            Services = new CapturingServices(services, runner),
        };

        // The capturing runner completes synchronously: it only builds the intent.
        var result = tool.InvokeAsync(request, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return capture.Intent
            ?? (capture.Error is { } error
                ? throw error
                : throw new GitOpsException($"The recorded {record.Kind} call built no intent: {string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text))}"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        McpServer? server;
        lock (_gate)
        {
            server = _server;
            _server = null;
        }

        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private McpServer Server()
    {
        lock (_gate)
        {
            return _server ??= McpServer.Create(new StreamServerTransport(Stream.Null, Stream.Null, ServerSetup.ServerName), new McpServerOptions(), loggerFactory: null, serviceProvider: services);
        }
    }

    /// <summary>The server's services, with the capturing runner in place of the real one.</summary>
    private sealed class CapturingServices(IServiceProvider inner, ToolRunner runner) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ToolRunner) ? runner : inner.GetService(serviceType);
    }
}
