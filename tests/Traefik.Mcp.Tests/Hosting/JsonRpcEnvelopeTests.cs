using System.Text;
using System.Text.Json;
using CsCheck;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Tests.Hosting;

/// <summary>Every received text gets the JSON-RPC error the specification names, or passes as one message object.</summary>
public sealed class JsonRpcEnvelopeTests
{
    [Theory]
    [InlineData("42", -32600, "Invalid Request: a JSON-RPC message is a JSON object, not a number; send for example {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}.")]
    [InlineData("\"ping\"", -32600, "Invalid Request: a JSON-RPC message is a JSON object, not a string; send for example {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}.")]
    [InlineData("null", -32600, "Invalid Request: a JSON-RPC message is a JSON object, not null; send for example {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}.")]
    [InlineData("[]", -32600, "Invalid Request: an empty array is not a JSON-RPC message; send one message object, for example {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}.")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]""", -32600, "Invalid Request: JSON-RPC batches (arrays of messages) are not supported (MCP removed them in protocol version 2025-06-18); send each message on its own.")]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"ping"}""", -32600, "Invalid Request: \"id\" must be a string or an integer, not an object.")]
    [InlineData("""{"jsonrpc":"2.0","id":[1],"method":"ping"}""", -32600, "Invalid Request: \"id\" must be a string or an integer, not an array.")]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"ping"}""", -32600, "Invalid Request: \"id\" must be a string or an integer, not null.")]
    [InlineData("""{"jsonrpc":"2.0","id":1.5,"method":"ping"}""", -32600, "Invalid Request: \"id\" must be a string or an integer, not the fractional or out-of-range number 1.5.")]
    [InlineData("""{"jsonrpc":"2.0","id":true,"method":"ping"}""", -32600, "Invalid Request: \"id\" must be a string or an integer, not a boolean.")]
    [InlineData("""{"id":1,"method":"ping"}""", -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\".")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""", -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\".")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":5}""", -32600, "Invalid Request: \"method\" must be a string, not a number.")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", -32600, "Invalid Request: the message has no \"method\"; a request needs \"method\" (and \"id\"), a notification \"method\" only.")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":5}""", -32600, "Invalid Request: \"params\" must be an object, not a number.")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","result":{}}""", -32600, "Invalid Request: a message has either \"method\" (a request or notification) or \"result\"/\"error\" (a response), not both.")]
    [InlineData("""{"jsonrpc":"2.0","result":{}}""", -32600, "Invalid Request: a response needs the \"id\" of the request it answers.")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}""", -32600, "Invalid Request: \"id\" appears more than once; send each member once.")]
    [InlineData("""{"jsonrpc":"2.0","id":"a","error":{"a":1}}""", -32600, "Invalid Request: \"error\" must have an integer \"code\" and a string \"message\".")]
    [InlineData("""{"jsonrpc":"2.0","id":"a","error":"failed"}""", -32600, "Invalid Request: \"error\" must be an object with \"code\" and \"message\", not a string.")]
    [InlineData("{bad", -32700, "Parse error: the message is not valid JSON (byte 1): 'b' is an invalid start of a property name. Expected a '\"'.")]
    [InlineData("", -32700, "Parse error: the message is empty; send one JSON-RPC message object per line.")]
    public void Check_MalformedMessage_NamesTheSpecErrorAndWhatIsWrong(string text, int code, string message)
    {
        var error = JsonRpcEnvelope.Check(Encoding.UTF8.GetBytes(text));

        Assert.NotNull(error);
        Assert.Equal(code, error.Error.Code);
        Assert.Equal(message, error.Error.Message);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"ping","params":5}""", "7")]
    [InlineData("""{"jsonrpc":"1.0","id":"a","method":"ping"}""", "a")]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"ping"}""", null)]
    public void Check_MalformedRequestWithAReadableId_AnswersWithThatId(string text, string? id)
    {
        var error = JsonRpcEnvelope.Check(Encoding.UTF8.GetBytes(text))!;

        Assert.Equal(id, error.Id.Id?.ToString());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/initialized"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"r-1","result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"no"}}""")]
    [InlineData("""{"method":"ping","id":9223372036854775807,"jsonrpc":"2.0","extra":[1,{"a":null}]}""")]
    public void Check_WellFormedMessage_Passes(string text)
    {
        Assert.Null(JsonRpcEnvelope.Check(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Check_NestedDeeperThanTheSdkReads_IsAnInvalidRequest()
    {
        var text = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":""" + new string('[', 100) + new string(']', 100) + "}";

        var error = JsonRpcEnvelope.Check(Encoding.UTF8.GetBytes(text))!;

        Assert.Equal(-32600, error.Error.Code);
        Assert.Equal("Invalid Request: the message nests deeper than 64 levels.", error.Error.Message);
    }

    [Fact]
    public void RecoverId_PrefixCutInsideTheParams_FindsTheIdBeforeTheCut()
    {
        var prefix = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":"big-1","method":"tools/call","params":{"arguments":{"hostname":"aaaaaaaa""");

        Assert.Equal("big-1", JsonRpcEnvelope.RecoverId(prefix).Id?.ToString());
        Assert.Null(JsonRpcEnvelope.RecoverId(Encoding.UTF8.GetBytes("""{"params":{"x":"aaaa""")).Id);
    }

    [Fact]
    public void Check_AnyBytes_NeverThrowsAndAnswersOnlyWithParseOrInvalidRequest()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var error = JsonRpcEnvelope.Check(bytes);
            Assert.True(error is null || error.Error.Code is -32700 or -32600, error?.Error.Message);
        });
    }

    [Fact]
    public void Check_MessagesTheSdkReads_PassAndEveryRejectedOneTheSdkRejectsToo()
    {
        // Random JSON-RPC-like objects: what the check passes, the SDK deserializes as a message; what it rejects
        // with -32600, the SDK cannot read as a request (or reads as something other than was meant).
        var values = Gen.OneOf("1", "\"a\"", "null", "true", "1.5", "{}", "[]", "\"2.0\"", "\"ping\"", "{\"a\":1}");
        var names = Gen.OneOf("jsonrpc", "id", "method", "params", "result", "error");
        Gen.Select(names, values).Array[0, 6].Sample(members =>
        {
            var text = "{" + string.Join(",", members.DistinctBy(m => m.Item1).Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}";
            var error = JsonRpcEnvelope.Check(Encoding.UTF8.GetBytes(text));
            if (error is null)
            {
                var message = JsonSerializer.Deserialize(text, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)));
                Assert.True(message is JsonRpcMessage, text);
            }
            else
            {
                Assert.Equal(-32600, error.Error.Code);
            }
        });
    }
}
