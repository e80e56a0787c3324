using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Traefik.Mcp.Hosting;

/// <summary>A tool announced from its catalog definition and bound to its method the first time it is called.</summary>
internal sealed class CatalogedTool(Tool definition, Func<McpServerTool> bind) : McpServerTool
{
    private readonly Lazy<McpServerTool> _bound = new(bind, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public override Tool ProtocolTool => definition;

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => _bound.Value.Metadata;

    /// <inheritdoc />
    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        _bound.Value.InvokeAsync(request, cancellationToken);
}

/// <summary>A resource announced from its catalog definition and bound to its method the first time a URI is matched or read.</summary>
internal sealed class CatalogedResource(ResourceTemplate definition, Func<McpServerResource> bind) : McpServerResource
{
    private readonly Lazy<McpServerResource> _bound = new(bind, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public override ResourceTemplate ProtocolResourceTemplate => definition;

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => _bound.Value.Metadata;

    /// <inheritdoc />
    public override bool IsMatch(string uri) => _bound.Value.IsMatch(uri);

    /// <inheritdoc />
    public override ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default) =>
        _bound.Value.ReadAsync(request, cancellationToken);
}

/// <summary>A prompt announced from its catalog definition and bound to its method the first time it is requested.</summary>
internal sealed class CatalogedPrompt(Prompt definition, Func<McpServerPrompt> bind) : McpServerPrompt
{
    private readonly Lazy<McpServerPrompt> _bound = new(bind, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public override Prompt ProtocolPrompt => definition;

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => _bound.Value.Metadata;

    /// <inheritdoc />
    public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default) =>
        _bound.Value.GetAsync(request, cancellationToken);
}
