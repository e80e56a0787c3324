using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using Snapshooter.Xunit;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>The published tool contract: names, descriptions, input and output schemas, annotations.</summary>
public sealed class ToolSchemaTests : McpTestBase
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task ToolsList_Always_MatchesSnapshot()
    {
        var tools = await Client.ListToolsAsync();
        var list = new JsonArray([.. tools.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => JsonSerializer.SerializeToNode(t.ProtocolTool, McpJsonUtilities.DefaultOptions))]);

        Snapshot.Match(list.ToJsonString(Indented) + "\n");
    }
}
