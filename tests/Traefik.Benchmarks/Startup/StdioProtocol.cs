using System.Text.Json;

namespace Traefik.Benchmarks.Startup;

/// <summary>The one MCP exchange the cold-start benchmark needs, written by hand so no client library start-up is measured.</summary>
public static class StdioProtocol
{
    private const string InitializeRequest =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"traefik-benchmarks","version":"1.0"}}}""";

    /// <summary>Sends <c>initialize</c> and returns the response line; throws when the server answers with an error or not at all.</summary>
    public static async Task<string> InitializeAsync(ServerProcess server, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(server);
        var process = server.Process;
        using var cancel = new CancellationTokenSource(timeout);
        await process.StandardInput.WriteLineAsync(InitializeRequest.AsMemory(), cancel.Token);
        await process.StandardInput.FlushAsync(cancel.Token);
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No initialize response within {timeout.TotalSeconds} s.");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"The server exited before answering initialize: {server.StandardError}");
            }

            using var response = JsonDocument.Parse(line);
            if (response.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == 1)
            {
                return response.RootElement.TryGetProperty("result", out var result) && result.TryGetProperty("serverInfo", out _)
                    ? line
                    : throw new InvalidOperationException("initialize failed: " + line);
            }
        }
    }
}
