using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Snapshooter.Xunit;
using Traefik.Mcp.Hosting;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>
/// The server announces its tools, resources and prompts from a catalog the build derives from the methods, and
/// binds each method only when it is first used. What a client is told must be exactly what the methods
/// declare, or clients would be told one contract and held to another.
/// </summary>
public sealed class PrimitiveCatalogTests : McpTestBase
{
    [Fact]
    public async Task Server_Always_AnnouncesExactlyWhatTheMethodsDeclare()
    {
        // Derived here, by the SDK, from the methods of the assembly under test and the server's own services;
        // announced through a client, so the catalog's writer, its reader and the server's lists are all checked.
        var (tools, resources, prompts) = PrimitiveCatalog.Bind(ServerServices);

        var listedTools = await Client.ListToolsAsync();
        var listedTemplates = await Client.ListResourceTemplatesAsync();
        var listedResources = await Client.ListResourcesAsync();
        var listedPrompts = await Client.ListPromptsAsync();

        Assert.NotEmpty(tools);
        Assert.Contains(resources, r => r.IsTemplated);
        Assert.Contains(resources, r => !r.IsTemplated);
        Assert.NotEmpty(prompts);
        AssertSameJson(tools.Select(t => t.ProtocolTool), listedTools.Select(t => t.ProtocolTool), t => t.Name);
        AssertSameJson(resources.Where(r => r.IsTemplated).Select(r => r.ProtocolResourceTemplate), listedTemplates.Select(t => t.ProtocolResourceTemplate), t => t.Name);
        AssertSameJson(resources.Where(r => !r.IsTemplated).Select(r => r.ProtocolResource!), listedResources.Select(r => r.ProtocolResource), r => r.Name);
        AssertSameJson(prompts.Select(p => p.ProtocolPrompt), listedPrompts.Select(p => p.ProtocolPrompt), p => p.Name);
    }

    [Fact]
    public void Resources_Always_MatchUrisAsTheirMethodsDo()
    {
        var announced = ServerServices.GetRequiredService<IOptions<McpServerOptions>>().Value.ResourceCollection!.ToDictionary(r => r.ProtocolResourceTemplate.Name, StringComparer.Ordinal);
        string[] uris =
        [
            "traefik://traffic/routes/list", "traefik://traffic/ingressroutes/list", "traefik://traffic/shop/checkout/distribution",
            "traefik://metrics/shop/web/summary", "traefik://metrics/prometheus/status", "traefik://anomalies/detected",
            "traefik://anomalies/history/shop", "traefik://traffic/shop/distribution", "traefik://metrics/shop/summary", "https://example.com/",
        ];

        foreach (var derived in PrimitiveCatalog.Bind(ServerServices).Resources)
        {
            var cataloged = announced[derived.ProtocolResourceTemplate.Name];
            Assert.Equal(derived.IsTemplated, cataloged.IsTemplated);
            Assert.All(uris, uri => Assert.Equal(derived.IsMatch(uri), cataloged.IsMatch(uri)));
        }
    }

    [Fact]
    public void Parse_FieldsThisSdkDoesNotKnow_AreSkipped()
    {
        // What a newer SDK adds to a tool definition must not stop the server from starting.
        const string json = """
            {"tools":[{"name":"t","inputSchema":{"type":"object"},"execution":{"taskSupport":"optional"},"annotations":{"readOnlyHint":true,"costHint":"low"}}],"ttlMs":1000,"somethingNew":[1]}
            """;

        var result = PrimitiveCatalog.Parse<ListToolsResult>(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var tool = Assert.Single(result.Tools);
        Assert.Equal("t", tool.Name);
        Assert.True(tool.Annotations!.ReadOnlyHint);
    }

    [Fact]
    public async Task Contract_Always_MatchesOutline()
    {
        // A reviewable outline of the contract clients see (names, parameter types, defaults, URIs): what a
        // change to the methods changes for clients shows up here, in a few lines, for review.
        var outline = new StringBuilder();
        foreach (var tool in (await Client.ListToolsAsync()).Select(t => t.ProtocolTool).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var annotations = tool.Annotations;
            var hints = string.Join(", ", new[] { ("read-only", annotations?.ReadOnlyHint), ("destructive", annotations?.DestructiveHint), ("idempotent", annotations?.IdempotentHint), ("open-world", annotations?.OpenWorldHint) }.Where(h => h.Item2 == true).Select(h => h.Item1));
            var output = tool.OutputSchema is { } schema ? "{" + string.Join(", ", Properties(schema).Select(p => p.Name)) + "}" : "text";
            outline.Append(CultureInfo.InvariantCulture, $"tool {tool.Name} ({hints}) -> {output}\n");
            var required = tool.InputSchema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal) : [];
            foreach (var parameter in Properties(tool.InputSchema))
            {
                var presence = required.Contains(parameter.Name) ? "required" : parameter.Value.TryGetProperty("default", out var value) ? "= " + value.GetRawText() : "optional";
                outline.Append(CultureInfo.InvariantCulture, $"  {parameter.Name}: {TypeOf(parameter.Value)} {presence}\n");
            }
        }

        foreach (var resource in (await Client.ListResourcesAsync()).Select(r => r.ProtocolResource).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            outline.Append(CultureInfo.InvariantCulture, $"resource {resource.Name} {resource.Uri} ({resource.MimeType})\n");
        }

        foreach (var template in (await Client.ListResourceTemplatesAsync()).Select(t => t.ProtocolResourceTemplate).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            outline.Append(CultureInfo.InvariantCulture, $"resource template {template.Name} {template.UriTemplate} ({template.MimeType})\n");
        }

        foreach (var prompt in (await Client.ListPromptsAsync()).Select(p => p.ProtocolPrompt).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var arguments = (prompt.Arguments ?? []).Select(a => a.Name + (a.Required == true ? "" : "?"));
            outline.Append(CultureInfo.InvariantCulture, $"prompt {prompt.Name}({string.Join(", ", arguments)})\n");
        }

        Snapshot.Match(outline.ToString());
    }

    private static IEnumerable<JsonProperty> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : [];

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return "any";
        }

        var names = type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : new[] { type.GetString()! };
        return string.Join("|", names.Select(n => n == "array" && schema.TryGetProperty("items", out var items) ? $"array<{TypeOf(items)}>" : n));
    }

    private static void AssertSameJson<T>(IEnumerable<T> derived, IEnumerable<T> announced, Func<T, string> name)
    {
        var expected = Json(derived.OrderBy(name, StringComparer.Ordinal).ToList());
        var actual = Json(announced.OrderBy(name, StringComparer.Ordinal).ToList());
        Assert.True(JsonNode.DeepEquals(expected, actual), $"announced:\n{actual}\n\nderived from the methods:\n{expected}");
    }

    private static JsonNode? Json<T>(List<T> items) =>
        JsonSerializer.SerializeToNode(items, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(List<T>)));
}
