using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>
/// The real executable on stdio, fed as a shell pipe or a hostile client feeds it: input that ends right after
/// the requests, oversize messages, and lines that are not JSON-RPC messages.
/// </summary>
public sealed class StdioProtocolTests : IDisposable
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"pipe","version":"1"}}}""";
    private const string ToolsList = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-stdio-").FullName;

    [Fact]
    public async Task Serve_StdinClosedRightAfterTheRequests_AnswersEveryOneThenExitsCleanly()
    {
        // Reported: printf '%s\n%s\n' "$INIT" "$LIST" | traefik-mcp printed nothing.
        var (code, stdout, stderr) = await RunAsync(Encoding.UTF8.GetBytes(Initialize + "\n" + ToolsList + "\n" + """{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"traefik://traffic/routes/list"}}"""));

        var answers = Lines(stdout);
        Assert.True(answers.Count == 3, $"stdout: {stdout}\nstderr: {stderr}");
        Assert.Equal([1, 2, 3], answers.Select(a => a["id"]!.GetValue<int>()).Order());
        Assert.All(answers, a => Assert.NotNull(a["result"]));
        Assert.Contains(answers, a => a["result"]!["tools"] is JsonArray { Count: > 5 });
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Serve_EightTenMegabyteCalls_EachRefusedWithTheLimitAndMemoryStaysBounded()
    {
        // Reported: 8 × 10 MB calls took the server to 933 MB. Each is now skipped as it streams in.
        var input = new MemoryStream();
        input.Write(Encoding.UTF8.GetBytes(Initialize + "\n"));
        var hostname = new string('a', 10 * 1024 * 1024);
        for (var i = 0; i < 8; i++)
        {
            input.Write(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{100 + i}},"method":"tools/call","params":{"name":"traefik_manage_weighted_routing","arguments":{"action":"create","route_name":"r{{i}}","stable_service":"s","hostname":""" + "\"" + hostname + "\"}}}\n"));
        }

        input.Write(Encoding.UTF8.GetBytes(ToolsList + "\n"));

        var (code, stdout, stderr, peak) = await RunMeasuredAsync(input.ToArray());

        var answers = Lines(stdout);
        Assert.True(answers.Count == 10, $"stdout: {stdout[..Math.Min(2000, stdout.Length)]}\nstderr: {stderr}");
        var refused = answers.Where(a => a["id"]!.GetValue<int>() >= 100).ToList();
        Assert.Equal(8, refused.Count);
        Assert.All(refused, a =>
        {
            Assert.Equal(-32600, a["error"]!["code"]!.GetValue<int>());
            Assert.EndsWith("bytes; this server reads at most 4 MiB per message (--max-message-size).", a["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.NotNull(answers.Single(a => a["id"]!.GetValue<int>() == 2)["result"]);
        Assert.Equal(0, code);
        Assert.True(peak < 400L * 1024 * 1024, $"peak resident memory {peak / (1024 * 1024)} MiB");
        Assert.False(Directory.Exists(Path.Combine(_dir, "gitops", ".git", "traefik-mcp", "proposals")) && Directory.EnumerateFiles(Path.Combine(_dir, "gitops", ".git", "traefik-mcp", "proposals")).Any());
    }

    [Fact]
    public async Task Serve_LinesThatAreNotJsonRpcMessages_EachGetsTheSpecError()
    {
        string[] lines =
        [
            Initialize,
            "42",
            "[]",
            """[{"jsonrpc":"2.0","id":5,"method":"ping"}]""",
            """{"jsonrpc":"2.0","id":{},"method":"ping"}""",
            "{\"jsonrpc\":",
            """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"traefik_check_anomalies","arguments":[1]}}""",
            """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"traefik_check_anomalies","arguments":"route_name=api"}}""",
        ];

        var (code, stdout, stderr) = await RunAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        var answers = Lines(stdout);
        Assert.True(answers.Count == 8, $"stdout: {stdout}\nstderr: {stderr}");
        var errors = answers.Where(a => a["error"] is not null).Select(a => (a["id"]?.ToJsonString() ?? "null", a["error"]!["code"]!.GetValue<int>())).Order().ToList();
        Assert.Equal([("7", -32602), ("8", -32602), ("null", -32700), ("null", -32600), ("null", -32600), ("null", -32600), ("null", -32600)], errors);
        Assert.Equal(0, code);
    }

    private static List<JsonObject> Lines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(byte[] input)
    {
        var (code, stdout, stderr, _) = await RunMeasuredAsync(input);
        return (code, stdout, stderr);
    }

    /// <summary>Starts <c>traefik-mcp serve</c>, writes <paramref name="input"/> to its stdin and closes it, and waits for it to exit; also reports its peak resident memory.</summary>
    private async Task<(int Code, string Stdout, string Stderr, long PeakBytes)> RunMeasuredAsync(byte[] input)
    {
        var start = new ProcessStartInfo(ProcessFixture.Executable)
        {
            WorkingDirectory = _dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        using var server = Process.Start(start)!;
        var stdout = server.StandardOutput.ReadToEndAsync();
        var stderr = server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        long peak = 0;
        var sampling = Task.Run(async () =>
        {
            while (!server.HasExited)
            {
                peak = Math.Max(peak, PeakResident(server.Id));
                await Task.Delay(50);
            }
        });
        await server.StandardInput.BaseStream.WriteAsync(input, timeout.Token);
        await server.StandardInput.BaseStream.FlushAsync(timeout.Token);
        peak = Math.Max(peak, PeakResident(server.Id));
        server.StandardInput.Close();
        await server.WaitForExitAsync(timeout.Token);
        await sampling;
        return (server.ExitCode, await stdout, await stderr, peak);
    }

    /// <summary>The process's peak resident set (VmHWM) in bytes, or 0 where /proc is not available or the process is gone.</summary>
    private static long PeakResident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
