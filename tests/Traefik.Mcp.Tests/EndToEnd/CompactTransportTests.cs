using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>
/// The server's stream transport writes JSON-RPC with minimal escaping and long strings in segments; what it
/// writes must read back as exactly the message the SDK's own writer would have sent.
/// </summary>
public sealed class CompactTransportTests
{
    public static TheoryData<string> Texts => new()
    {
        "plain",
        "{\"scope\":\"all-namespaces\",\"path\":\"C:\\\\repo\",\"tab\":\"\t\",\"html\":\"<a href='x'>&</a>\"}",
        "non-ASCII: Grüße, 東京, emoji 🚦 and a line\nbreak\u0001control \u2028separator",
        LongJson(CompactStreamServerTransport.Segment * 3 + 7),
        SurrogateAtSegmentEdge(),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Response_WithText_ReadsBackAsTheSameMessage(string text)
    {
        var result = new ReadResourceResult { Contents = [new TextResourceContents { Uri = "traefik://traffic/routes/list", MimeType = "application/json", Text = text }] };
        var response = new JsonRpcResponse { Id = new RequestId(42), Result = JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions) };

        var line = await WriteAsync(response);
        var sdk = JsonSerializer.Serialize<JsonRpcMessage>(response, McpJsonUtilities.DefaultOptions);

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line.TrimEnd('\n'));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sdk), JsonNode.Parse(line)), "the compact line is not the same JSON value as the SDK's");
        var read = Assert.IsType<JsonRpcResponse>(JsonSerializer.Deserialize<JsonRpcMessage>(line, McpJsonUtilities.DefaultOptions));
        var contents = read.Result.Deserialize<ReadResourceResult>(McpJsonUtilities.DefaultOptions)!.Contents;
        Assert.Equal(text, Assert.IsType<TextResourceContents>(Assert.Single(contents)).Text);
    }

    [Fact]
    public async Task Response_QuotedJson_IsSmallerThanTheSdkSpelling()
    {
        var text = LongJson(100_000);
        var response = new JsonRpcResponse { Id = new RequestId("r-1"), Result = JsonSerializer.SerializeToNode(new ReadResourceResult { Contents = [new TextResourceContents { Uri = "u", Text = text }] }, McpJsonUtilities.DefaultOptions) };

        var line = await WriteAsync(response);
        var sdk = JsonSerializer.Serialize<JsonRpcMessage>(response, McpJsonUtilities.DefaultOptions);

        Assert.DoesNotContain("\\u0022", line, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(line) < Encoding.UTF8.GetByteCount(sdk) * 0.7, $"compact {line.Length} vs SDK {sdk.Length}");
    }

    [Fact]
    public async Task OtherMessages_NotificationAndError_ReadBackUnchanged()
    {
        JsonRpcMessage[] messages =
        [
            new JsonRpcNotification { Method = "notifications/message", Params = new JsonObject { ["level"] = "info", ["data"] = "quote \" and <tag>" } },
            new JsonRpcError { Id = new RequestId(7), Error = new JsonRpcErrorDetail { Code = -32602, Message = "Unknown tool: \"x\"" } },
            new JsonRpcRequest { Id = new RequestId(8), Method = "ping" },
        ];

        foreach (var message in messages)
        {
            var line = await WriteAsync(message);
            var sdk = JsonSerializer.Serialize(message, McpJsonUtilities.DefaultOptions);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sdk), JsonNode.Parse(line)), line);
        }
    }

    private static async Task<string> WriteAsync(JsonRpcMessage message)
    {
        using var stream = new MemoryStream();
        await CompactStreamServerTransport.WriteLineAsync(stream, message, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string LongJson(int length)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; builder.Length < length; i++)
        {
            builder.Append("{\"name\":\"route-").Append(i).Append("\",\"weight\":").Append(i % 100).Append("},");
        }

        return builder.Append("{}]").ToString();
    }

    private static string SurrogateAtSegmentEdge() =>
        new string('a', CompactStreamServerTransport.Segment - 1) + "🚦" + new string('"', CompactStreamServerTransport.Segment);
}
