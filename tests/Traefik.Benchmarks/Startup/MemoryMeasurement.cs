using System.Globalization;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Traefik.Benchmarks.Mcp;
using Traefik.Benchmarks.Synthetic;
using Traefik.Mcp.Resources;
using Traefik.Mcp.Tools;

namespace Traefik.Benchmarks.Startup;

/// <summary>
/// Target: at most 150 MB peak working set for the server with a 5,000-route repository loaded. For each
/// build (<see cref="ServerBuild.Available"/>): start <c>traefik-mcp serve</c>, initialize, read
/// <c>traefik://traffic/routes/list</c> (which indexes the whole repository), make one weight-change tool call
/// (diff delivery), then read the peak resident set (<c>VmHWM</c>) and the current one (<c>VmRSS</c>) from
/// <c>/proc/&lt;pid&gt;/status</c>. Not a BenchmarkDotNet benchmark: a peak is one number per process.
/// </summary>
public static class MemoryMeasurement
{
    /// <summary>One build's figures.</summary>
    /// <param name="Build">The build.</param>
    /// <param name="PeakKilobytes">VmHWM.</param>
    /// <param name="CurrentKilobytes">VmRSS.</param>
    /// <param name="Services">The number of TraefikServices the resource listed.</param>
    /// <param name="PeakAfterInitializeKilobytes">VmHWM after initialize, before the repository is read.</param>
    /// <param name="PeakAfterListKilobytes">VmHWM after the routes list (the repository indexed).</param>
    public sealed record Result(string Build, long PeakKilobytes, long CurrentKilobytes, int Services, long PeakAfterInitializeKilobytes, long PeakAfterListKilobytes);

    /// <summary>Measures every available build and prints a table.</summary>
    /// <exception cref="InvalidOperationException">A step failed (the message includes the server's standard error).</exception>
    public static async Task<IReadOnlyList<Result>> RunAsync(int routes, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var repository = SyntheticRepository.Create(routes);
        var results = new List<Result>();
        foreach (var build in ServerBuild.Available.Values.Where(b => b.Name != "apphost"))
        {
            results.Add(await MeasureAsync(build, repository));
        }

        await output.WriteLineAsync($"Server memory with {routes.ToString(CultureInfo.InvariantCulture)} routes (after initialize, {TrafficResources.RoutesListUri} and one {WeightedRoutingTool.Name} call):");
        await output.WriteLineAsync("| build | peak working set (VmHWM) | working set at the end (VmRSS) | peak after initialize | peak after the routes list |");
        await output.WriteLineAsync("|---|---|---|---|---|");
        foreach (var r in results)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Build} | {Megabytes(r.PeakKilobytes)} | {Megabytes(r.CurrentKilobytes)} | {Megabytes(r.PeakAfterInitializeKilobytes)} | {Megabytes(r.PeakAfterListKilobytes)} |"));
        }

        return results;
    }

    private static string Megabytes(long kilobytes) => (kilobytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static async Task<Result> MeasureAsync(ServerBuild build, SyntheticRepository repository)
    {
        using var server = ServerProcess.Start(build, repository.WorkingTree);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var transport = new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream);
            await using var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
            var initialized = server.StatusKilobytes("VmHWM");
            var list = await client.ReadResourceAsync(TrafficResources.RoutesListUri, cancellationToken: timeout.Token);
            var text = list.Contents.OfType<TextResourceContents>().Single().Text;
            var listed = System.Text.Json.JsonDocument.Parse(text).RootElement;
            var listedPeak = server.StatusKilobytes("VmHWM");
            var route = repository.TargetRoute;
            var call = await client.CallToolAsync(
                WeightedRoutingTool.Name,
                InProcessServer.Arguments(
                    ("action", "update"),
                    ("route_name", SyntheticRoutes.RouteName(route)),
                    ("namespace", SyntheticRoutes.Namespace(route)),
                    ("stable_weight", 30),
                    ("canary_weight", 70)),
                cancellationToken: timeout.Token);
            if (call.IsError == true || call.StructuredContent is null)
            {
                throw new InvalidOperationException($"The tool call failed: {string.Concat(call.Content.OfType<TextContentBlock>().Select(t => t.Text))}");
            }

            var count = listed.GetProperty("count").GetInt32();
            var expected = repository.Objects.OfType<Traefik.Manifests.Model.TraefikService>().Count();
            if (count != expected)
            {
                throw new InvalidOperationException($"{TrafficResources.RoutesListUri} listed {count} TraefikServices; the repository has {expected}.");
            }

            return new Result(build.Name, server.StatusKilobytes("VmHWM"), server.StatusKilobytes("VmRSS"), count, initialized, listedPeak);
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw new InvalidOperationException($"{build}: {e.Message}\n{server.StandardError}", e);
        }
    }
}
