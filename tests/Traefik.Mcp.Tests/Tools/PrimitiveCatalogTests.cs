using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Traefik.Manifests.Tests.Support;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>
/// The server announces its tools, resources and prompts from an embedded catalog instead of deriving them at
/// start-up; the catalog must say exactly what the methods derive, or clients would be told one contract and
/// held to another.
/// </summary>
public sealed class PrimitiveCatalogTests
{
    private const string UpdateVariable = "TRAEFIK_MCP_UPDATE_CATALOG";
    private static readonly string CatalogPath = Path.Combine(RepoPaths.Root, "src", "Traefik.Mcp", "Hosting", "primitive-catalog.json");

    [Fact]
    public void Catalog_Always_EqualsWhatTheMethodsDerive()
    {
        using var services = ServerServices();
        var derived = PrimitiveCatalog.Derive(services);
        var shipped = EmbeddedCatalog();

        var same = JsonNode.DeepEquals(JsonNode.Parse(derived), JsonNode.Parse(shipped));
        if (!same && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(CatalogPath, derived);
        }

        Assert.True(same, $"src/Traefik.Mcp/Hosting/primitive-catalog.json is out of date with the tool, resource and prompt methods. Run this test once with {UpdateVariable}=1 to rewrite it, review the change, and rebuild.");
    }

    [Fact]
    public void Server_Always_AnnouncesExactlyWhatTheMethodsDerive()
    {
        // Through the catalog reader and the server's collections, not the file text: a field the reader
        // dropped or misread would show here.
        using var services = ServerServices();
        var options = services.GetRequiredService<IOptions<McpServerOptions>>().Value;
        var (tools, resources, prompts) = PrimitiveCatalog.Bind(services);

        AssertSameJson(tools.Select(t => t.ProtocolTool), PrimitiveCatalog.ToolNames.Select(n => options.ToolCollection![n].ProtocolTool));
        AssertSameJson(resources.Select(r => r.ProtocolResourceTemplate), options.ResourceCollection!.Select(r => r.ProtocolResourceTemplate).OrderBy(r => PrimitiveCatalog.ResourceNames.ToList().IndexOf(r.Name)));
        AssertSameJson(prompts.Select(p => p.ProtocolPrompt), PrimitiveCatalog.PromptNames.Select(n => options.PromptCollection![n].ProtocolPrompt));
    }

    [Fact]
    public void Server_Always_AnnouncesEachCatalogDefinitionOnce()
    {
        using var services = ServerServices();
        var options = services.GetRequiredService<IOptions<McpServerOptions>>().Value;
        var catalog = JsonNode.Parse(EmbeddedCatalog())!;

        Assert.Equal(Names(catalog, "tools"), options.ToolCollection!.Select(t => t.ProtocolTool.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Names(catalog, "resourceTemplates"), options.ResourceCollection!.Select(r => r.ProtocolResourceTemplate.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Names(catalog, "prompts"), options.PromptCollection!.Select(p => p.ProtocolPrompt.Name).Order(StringComparer.Ordinal));
        Assert.Equal(PrimitiveCatalog.ToolNames.Order(StringComparer.Ordinal), Names(catalog, "tools"));
    }

    [Fact]
    public void Resources_Always_MatchUrisAndListExactlyAsTheirMethodsDo()
    {
        using var services = ServerServices();
        var announced = services.GetRequiredService<IOptions<McpServerOptions>>().Value.ResourceCollection!.ToDictionary(r => r.ProtocolResourceTemplate.Name, StringComparer.Ordinal);
        string[] uris =
        [
            "traefik://traffic/routes/list", "traefik://traffic/ingressroutes/list", "traefik://traffic/shop/checkout/distribution",
            "traefik://metrics/shop/web/summary", "traefik://metrics/prometheus/status", "traefik://anomalies/detected",
            "traefik://anomalies/history/shop", "traefik://traffic/shop/distribution", "traefik://metrics/shop/summary", "https://example.com/",
        ];

        foreach (var derived in PrimitiveCatalog.Bind(services).Resources)
        {
            var cataloged = announced[derived.ProtocolResourceTemplate.Name];
            Assert.Equal(derived.IsTemplated, cataloged.IsTemplated);
            Assert.Equal(Json(derived.ProtocolResource), Json(cataloged.ProtocolResource));
            Assert.All(uris, uri => Assert.Equal(derived.IsMatch(uri), cataloged.IsMatch(uri)));
        }
    }

    private static void AssertSameJson<T>(IEnumerable<T> derived, IEnumerable<T> announced)
    {
        var expected = JsonSerializer.SerializeToNode(derived.ToList(), McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(List<T>)));
        var actual = JsonSerializer.SerializeToNode(announced.ToList(), McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(List<T>)));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"announced:\n{actual}\n\nderived:\n{expected}");
    }

    private static string Json(ModelContextProtocol.Protocol.Resource? resource) =>
        resource is null ? "null" : JsonSerializer.Serialize(resource, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ModelContextProtocol.Protocol.Resource)));

    private static List<string> Names(JsonNode catalog, string section) =>
        [.. catalog[section]!.AsArray().Select(t => (string)t!["name"]!).Order(StringComparer.Ordinal)];

    private static ServiceProvider ServerServices()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddTraefikServices(new McpSettings { Repo = Path.GetTempPath() }, _ => null);
        collection.AddMcpServer(ServerSetup.ConfigureServer).AddTraefikPrimitives();
        return collection.BuildServiceProvider();
    }

    private static string EmbeddedCatalog()
    {
        using var stream = typeof(PrimitiveCatalog).Assembly.GetManifestResourceStream(PrimitiveCatalog.ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
