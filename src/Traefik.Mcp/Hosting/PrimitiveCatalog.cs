using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Mcp.Prompts;
using Traefik.Mcp.Resources;
using Traefik.Mcp.Tools;

namespace Traefik.Mcp.Hosting;

/// <summary>
/// The server's tools, resources and prompts, announced from a catalog of their protocol definitions that
/// ships inside the assembly, and bound to their methods on first use.
/// </summary>
/// <remarks>
/// Deriving a primitive's definition from its method (JSON schemas from parameters, descriptions, nullability
/// and defaults; URI template parsers) is reflection over custom attributes. For this server it was about
/// three quarters of start-up, paid by every conversation before <c>initialize</c> was answered, and most of
/// the NativeAOT build's start-up time. <c>Hosting/primitive-catalog.json</c> holds exactly what
/// <see cref="Derive"/> produces from the methods; <c>PrimitiveCatalogTests</c> fails when the two differ and
/// rewrites the file when asked to.
/// </remarks>
internal static class PrimitiveCatalog
{
    /// <summary>The name of the embedded catalog resource.</summary>
    public const string ResourceName = "Traefik.Mcp.primitive-catalog.json";

    private const string ToolsProperty = "tools";
    private const string ResourcesProperty = "resourceTemplates";
    private const string PromptsProperty = "prompts";

    private static readonly Binding<McpServerTool>[] Tools =
    [
        Tool<WeightedRoutingTool>(WeightedRoutingTool.Name, nameof(WeightedRoutingTool.Run)),
        Tool<SimpleRouteTool>(SimpleRouteTool.Name, nameof(SimpleRouteTool.Run)),
        Tool<MiddlewareTool>(MiddlewareTool.Name, nameof(MiddlewareTool.Run)),
        Tool<RouteMiddlewaresTool>(RouteMiddlewaresTool.Name, nameof(RouteMiddlewaresTool.Run)),
        Tool<TrafficMirroringTool>(TrafficMirroringTool.Name, nameof(TrafficMirroringTool.Run)),
        Tool<ServersTransportTool>(ServersTransportTool.Name, nameof(ServersTransportTool.Run)),
        Tool<ServiceAffinityTool>(ServiceAffinityTool.Name, nameof(ServiceAffinityTool.Run)),
        Tool<TcpRoutingTool>(TcpRoutingTool.Name, nameof(TcpRoutingTool.Run)),
        Tool<TcpMiddlewareTool>(TcpMiddlewareTool.Name, nameof(TcpMiddlewareTool.Run)),
        Tool<DeliverProposalTool>(DeliverProposalTool.Name, nameof(DeliverProposalTool.Run)),
        Tool<RefreshProposalsTool>(RefreshProposalsTool.Name, nameof(RefreshProposalsTool.Run)),
        Tool<DiscardProposalTool>(DiscardProposalTool.Name, nameof(DiscardProposalTool.Run)),
        Tool<CheckAnomaliesTool>(CheckAnomaliesTool.Name, nameof(CheckAnomaliesTool.Run)),
    ];

    private static readonly Binding<McpServerResource>[] Resources =
    [
        Resource<TrafficResources>("traffic_routes_list", nameof(TrafficResources.RoutesList)),
        Resource<TrafficResources>("traffic_distribution", nameof(TrafficResources.Distribution)),
        Resource<TrafficResources>("traffic_ingressroutes_list", nameof(TrafficResources.IngressRoutes)),
        Resource<MetricsResources>("metrics_service_summary", nameof(MetricsResources.Summary)),
        Resource<MetricsResources>("metrics_prometheus_status", nameof(MetricsResources.Status)),
        Resource<MetricsResources>("anomalies_detected", nameof(MetricsResources.Detected)),
        Resource<MetricsResources>("anomalies_history", nameof(MetricsResources.History)),
    ];

    private static readonly Binding<McpServerPrompt>[] Prompts =
    [
        Prompt("weighted_canary_rollout", nameof(WorkflowPrompts.WeightedCanaryRollout)),
        Prompt("shadow_launch", nameof(WorkflowPrompts.ShadowLaunch)),
        Prompt("protect_route", nameof(WorkflowPrompts.ProtectRoute)),
        Prompt("path_prefix_migration", nameof(WorkflowPrompts.PathPrefixMigration)),
    ];

    /// <summary>The tools whose result is a <see cref="Proposals.ProposalView"/>: they share one output schema.</summary>
    private static readonly HashSet<string> ProposalTools = new(StringComparer.Ordinal)
    {
        WeightedRoutingTool.Name, SimpleRouteTool.Name, MiddlewareTool.Name, RouteMiddlewaresTool.Name, TrafficMirroringTool.Name,
        ServersTransportTool.Name, ServiceAffinityTool.Name, TcpRoutingTool.Name, TcpMiddlewareTool.Name, DeliverProposalTool.Name,
    };

    private static readonly Lazy<JsonElement> ProposalSchema = new(() =>
        Microsoft.Extensions.AI.AIJsonUtilities.CreateJsonSchema(typeof(Proposals.ProposalView), serializerOptions: ServerSetup.JsonOptions));

    private static readonly Lazy<Definitions> Shipped = new(Read);

    /// <summary>The tool names, in the order they are announced.</summary>
    public static IReadOnlyList<string> ToolNames { get; } = [.. Tools.Select(b => b.Name)];

    /// <summary>The resource names, in the order they are announced.</summary>
    public static IReadOnlyList<string> ResourceNames { get; } = [.. Resources.Select(b => b.Name)];

    /// <summary>The prompt names, in the order they are announced.</summary>
    public static IReadOnlyList<string> PromptNames { get; } = [.. Prompts.Select(b => b.Name)];

    /// <summary>Registers every tool, resource and prompt: announced from the catalog, bound to its method when first used.</summary>
    public static IMcpServerBuilder WithCatalogedPrimitives(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var binding in Tools)
        {
            builder.Services.AddSingleton<McpServerTool>(services => new CatalogedTool(Shipped.Value.Tools[binding.Name], () => binding.Create(services)));
        }

        foreach (var binding in Resources)
        {
            builder.Services.AddSingleton<McpServerResource>(services => new CatalogedResource(Shipped.Value.Resources[binding.Name], () => binding.Create(services)));
        }

        foreach (var binding in Prompts)
        {
            builder.Services.AddSingleton<McpServerPrompt>(services => new CatalogedPrompt(Shipped.Value.Prompts[binding.Name], () => binding.Create(services)));
        }

        return builder;
    }

    /// <summary>Every primitive built from its method, with the server's schema refinements: what the catalog stands for.</summary>
    public static (IReadOnlyList<McpServerTool> Tools, IReadOnlyList<McpServerResource> Resources, IReadOnlyList<McpServerPrompt> Prompts) Bind(IServiceProvider services) =>
        ([.. Tools.Select(b => Refine(b.Create(services)))], [.. Resources.Select(b => b.Create(services))], [.. Prompts.Select(b => b.Create(services))]);

    /// <summary>The catalog file's content for what the methods derive now: what must ship.</summary>
    public static string Derive(IServiceProvider services)
    {
        var (tools, resources, prompts) = Bind(services);
        var document = new JsonObject
        {
            [ToolsProperty] = List(tools.Select(t => t.ProtocolTool), McpJsonUtilities.DefaultOptions.GetTypeInfo<Tool>()),
            [ResourcesProperty] = List(resources.Select(r => r.ProtocolResourceTemplate), McpJsonUtilities.DefaultOptions.GetTypeInfo<ResourceTemplate>()),
            [PromptsProperty] = List(prompts.Select(p => p.ProtocolPrompt), McpJsonUtilities.DefaultOptions.GetTypeInfo<Prompt>()),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonArray List<T>(IEnumerable<T> items, JsonTypeInfo<T> info) => new([.. items.Select(i => JsonSerializer.SerializeToNode(i, info))]);

    private static JsonTypeInfo<T> GetTypeInfo<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    /// <summary>
    /// Reads the embedded catalog with <see cref="JsonDocument"/> and maps each field by hand: the serializer's
    /// metadata for the protocol types (and the code it needs compiled) is not worth building at start-up for
    /// a file this small. An unknown field is an error, so the reader cannot silently drop what the SDK adds;
    /// a test compares what it reads with what the methods derive.
    /// </summary>
    private static Definitions Read()
    {
        using var stream = typeof(PrimitiveCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no embedded resource {ResourceName}.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        return new Definitions(
            Section(root, ToolsProperty, ReadTool, t => t.Name, ToolNames),
            Section(root, ResourcesProperty, ReadResourceTemplate, r => r.Name, ResourceNames),
            Section(root, PromptsProperty, ReadPrompt, p => p.Name, PromptNames));
    }

    private static Dictionary<string, T> Section<T>(JsonElement root, string property, Func<JsonElement, T> read, Func<T, string> name, IReadOnlyList<string> expected)
    {
        var items = root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(read).ToDictionary(name, StringComparer.Ordinal)
            : [];
        var missing = expected.Where(n => !items.ContainsKey(n)).ToList();
        return missing.Count == 0
            ? items
            : throw new InvalidOperationException($"{ResourceName} has no definition for {string.Join(", ", missing)}; regenerate it (see PrimitiveCatalogTests).");
    }

    private static Tool ReadTool(JsonElement element)
    {
        var tool = new Tool { Name = Text(element, "name") };
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "name":
                    break;
                case "title":
                    tool.Title = field.Value.GetString();
                    break;
                case "description":
                    tool.Description = field.Value.GetString();
                    break;
                case "inputSchema":
                    tool.InputSchema = field.Value.Clone();
                    break;
                case "outputSchema":
                    tool.OutputSchema = field.Value.Clone();
                    break;
                case "annotations":
                    tool.Annotations = ReadAnnotations(field.Value);
                    break;
                default:
                    throw Unknown("tool", tool.Name, field.Name);
            }
        }

        return tool;
    }

    private static ToolAnnotations ReadAnnotations(JsonElement element)
    {
        var annotations = new ToolAnnotations();
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "title":
                    annotations.Title = field.Value.GetString();
                    break;
                case "readOnlyHint":
                    annotations.ReadOnlyHint = field.Value.GetBoolean();
                    break;
                case "destructiveHint":
                    annotations.DestructiveHint = field.Value.GetBoolean();
                    break;
                case "idempotentHint":
                    annotations.IdempotentHint = field.Value.GetBoolean();
                    break;
                case "openWorldHint":
                    annotations.OpenWorldHint = field.Value.GetBoolean();
                    break;
                default:
                    throw Unknown("tool annotations", annotations.Title ?? string.Empty, field.Name);
            }
        }

        return annotations;
    }

    private static ResourceTemplate ReadResourceTemplate(JsonElement element)
    {
        var template = new ResourceTemplate { Name = Text(element, "name"), UriTemplate = Text(element, "uriTemplate") };
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "name" or "uriTemplate":
                    break;
                case "title":
                    template.Title = field.Value.GetString();
                    break;
                case "description":
                    template.Description = field.Value.GetString();
                    break;
                case "mimeType":
                    template.MimeType = field.Value.GetString();
                    break;
                default:
                    throw Unknown("resource", template.Name, field.Name);
            }
        }

        return template;
    }

    private static Prompt ReadPrompt(JsonElement element)
    {
        var prompt = new Prompt { Name = Text(element, "name") };
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "name":
                    break;
                case "title":
                    prompt.Title = field.Value.GetString();
                    break;
                case "description":
                    prompt.Description = field.Value.GetString();
                    break;
                case "arguments":
                    prompt.Arguments = [.. field.Value.EnumerateArray().Select(a => ReadArgument(prompt.Name, a))];
                    break;
                default:
                    throw Unknown("prompt", prompt.Name, field.Name);
            }
        }

        return prompt;
    }

    private static PromptArgument ReadArgument(string prompt, JsonElement element)
    {
        var argument = new PromptArgument { Name = Text(element, "name") };
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "name":
                    break;
                case "description":
                    argument.Description = field.Value.GetString();
                    break;
                case "required":
                    argument.Required = field.Value.GetBoolean();
                    break;
                default:
                    throw Unknown("argument of prompt", prompt + "." + argument.Name, field.Name);
            }
        }

        return argument;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"{ResourceName} has an entry without {property}; regenerate it (see PrimitiveCatalogTests).");

    private static InvalidOperationException Unknown(string what, string name, string field) =>
        new($"{ResourceName}: the {what} {name} has a field '{field}' this server does not read; teach PrimitiveCatalog to read it, then regenerate the catalog (see PrimitiveCatalogTests).");

    /// <summary>Schema details the generator cannot infer (parameters bound as raw JSON), and the shared proposal output schema.</summary>
    private static McpServerTool Refine(McpServerTool tool)
    {
        var protocol = tool.ProtocolTool;
        if (protocol.Name == TcpMiddlewareTool.Name)
        {
            protocol.InputSchema = TcpMiddlewareTool.RefineSchema(protocol.InputSchema);
        }

        if (ProposalTools.Contains(protocol.Name))
        {
            protocol.OutputSchema = ProposalSchema.Value;
        }

        return tool;
    }

    private static Binding<McpServerTool> Tool<[DynamicallyAccessedMembers(Bound)] T>(string name, string method) =>
        new(name, services => McpServerTool.Create(
            Method<T>(method),
            request => ActivatorUtilities.CreateInstance<T>(request.Services ?? services)!,
            new McpServerToolCreateOptions { Services = services, SerializerOptions = ServerSetup.JsonOptions }));

    private static Binding<McpServerResource> Resource<[DynamicallyAccessedMembers(Bound)] T>(string name, string method) =>
        new(name, services => McpServerResource.Create(
            Method<T>(method),
            request => ActivatorUtilities.CreateInstance<T>(request.Services ?? services)!,
            new McpServerResourceCreateOptions { Services = services }));

    private static Binding<McpServerPrompt> Prompt(string name, string method) =>
        new(name, services => McpServerPrompt.Create(
            Method<WorkflowPrompts>(method, isStatic: true),
            target: null,
            new McpServerPromptCreateOptions { Services = services, SerializerOptions = ServerSetup.JsonOptions }));

    private const DynamicallyAccessedMemberTypes Bound = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors;

    private static MethodInfo Method<[DynamicallyAccessedMembers(Bound)] T>(string name, bool isStatic = false) =>
        (isStatic ? typeof(T).GetMethod(name, BindingFlags.Public | BindingFlags.Static) : typeof(T).GetMethod(name, BindingFlags.Public | BindingFlags.Instance)) ?? throw new InvalidOperationException($"{typeof(T).Name} has no public method {name}.");

    /// <summary>A primitive's name and how to build it from its method.</summary>
    private sealed record Binding<TPrimitive>(string Name, Func<IServiceProvider, TPrimitive> Create);

    private sealed record Definitions(Dictionary<string, Tool> Tools, Dictionary<string, ResourceTemplate> Resources, Dictionary<string, Prompt> Prompts);
}
