using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Traefik.GitOps;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Tests.Hosting;

/// <summary>
/// The server's stream transport read with raw bytes, in-process over pipes, as a hostile or broken client
/// writes them: every malformed line gets its JSON-RPC error, an oversize line is skipped as it streams and
/// answered with the limit, and at the end of input every request already read is answered.
/// </summary>
public sealed class StreamTransportTests : IAsyncLifetime
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";
    private const int Limit = 64 * 1024;

    private readonly string _folder = Directory.CreateTempSubdirectory("traefik-mcp-transport-").FullName;
    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private IHost? _host;
    private StreamReader? _reader;

    public async Task InitializeAsync()
    {
        var repo = Path.Combine(_folder, "repo");
        GitOpsRepository.InitializeLocal(repo, "main", GitOpsOptions.DefaultRoot, CommitIdentity.Default, DateTimeOffset.UnixEpoch);
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTraefikServices(new McpSettings { Repo = repo, MaxMessageBytes = Limit }, _ => null);
        builder.Services.AddMcpServer(ServerSetup.ConfigureServer)
            .WithCompactStreamTransport(_clientToServer.Reader.AsStream(), _serverToClient.Writer.AsStream())
            .AddTraefikPrimitives();
        _host = builder.Build();
        await _host.StartAsync();
        _reader = new StreamReader(_serverToClient.Reader.AsStream(), Encoding.UTF8);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public async Task MalformedLines_EachAnsweredWithTheSpecError()
    {
        // Reported: 42, [], a batch and "id":{} got no reply; arguments as an array or a string got -32603.
        await SendAsync(Initialize, Initialized);
        await ReadAsync();

        await SendAsync(
            "42",
            "[]",
            """[{"jsonrpc":"2.0","id":5,"method":"ping"}]""",
            """{"jsonrpc":"2.0","id":{},"method":"ping"}""",
            "{not json",
            """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"traefik_check_anomalies","arguments":[1]}}""",
            """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"traefik_check_anomalies","arguments":"route_name=api"}}""",
            """{"jsonrpc":"2.0","id":9,"method":"ping"}""");
        var answers = new List<JsonObject>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await ReadAsync());
        }

        Assert.Equal(
            [(null, -32600), (null, -32600), (null, -32600), (null, -32600), (null, -32700), ("7", -32602), ("8", -32602), ("9", 0)],
            answers.Select(a => (a["id"]?.ToJsonString(), a["error"]?["code"]?.GetValue<int>() ?? 0)).OrderBy(a => a.Item1 ?? string.Empty, StringComparer.Ordinal).ToList());
        Assert.Contains(answers, a => a["error"]?["message"]?.GetValue<string>() == "Invalid params for tools/call: params.arguments must be an object (the tool's arguments by name, for example {\"route_name\": \"api\"}), not an array.");
        Assert.Contains(answers, a => a["error"]?["message"]?.GetValue<string>() == "Invalid params for tools/call: params.arguments must be an object (the tool's arguments by name, for example {\"route_name\": \"api\"}), not a string.");
        Assert.All(answers.Where(a => a["error"] is not null), a => Assert.DoesNotContain("An error occurred", a.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizeLine_SkippedAsItStreamsAndAnsweredWithTheLimit_ThenTheNextMessageIsServed()
    {
        await SendAsync(Initialize, Initialized);
        await ReadAsync();

        // Written in pieces, as a pipe delivers a large message: the id comes before the limit.
        var big = """{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"traefik_manage_weighted_routing","arguments":{"hostname":""" + "\"" + new string('a', Limit * 3) + "\"}}}";
        foreach (var chunk in big.Chunk(10_000))
        {
            await _clientToServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(chunk));
        }

        await SendAsync(string.Empty, """{"jsonrpc":"2.0","id":2,"method":"ping"}""");
        var tooLarge = await ReadAsync();
        var ping = await ReadAsync();

        Assert.Equal("\"big\"", tooLarge["id"]!.ToJsonString());
        Assert.Equal(-32600, tooLarge["error"]!["code"]!.GetValue<int>());
        Assert.Equal($"Invalid Request: the message is {Encoding.UTF8.GetByteCount(big):N0} bytes; this server reads at most 64 KiB per message (--max-message-size).", tooLarge["error"]!["message"]!.GetValue<string>());
        Assert.Equal(2, ping["id"]!.GetValue<int>());
        Assert.NotNull(ping["result"]);
    }

    [Fact]
    public async Task EndOfInputRightAfterRequests_EveryRequestIsAnswered()
    {
        // Reported: closing stdin right after the requests dropped every answer.
        await SendAsync(Initialize, Initialized, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", """{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"traefik://traffic/routes/list"}}""");
        await _clientToServer.Writer.CompleteAsync();

        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var answer = await ReadAsync();
            Assert.NotNull(answer["result"]);
            ids.Add(answer["id"]!.GetValue<int>());
        }

        Assert.Equal([1, 2, 3], ids.Order());
    }

    private async Task SendAsync(params string[] lines)
    {
        foreach (var line in lines)
        {
            await _clientToServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        }
    }

    private async Task<JsonObject> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _reader!.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The server closed its output.");
        return JsonNode.Parse(line)!.AsObject();
    }
}
