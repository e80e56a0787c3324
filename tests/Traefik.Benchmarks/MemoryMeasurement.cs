using System.Globalization;

namespace Traefik.Benchmarks;

/// <summary>
/// Peak working set of the server with a large repository loaded and one weight change planned; once after
/// reading one route, once after listing every TraefikService in a single resource read.
/// </summary>
internal static class MemoryMeasurement
{
    public static async Task<int> RunAsync(int routes)
    {
        var folder = Directory.CreateTempSubdirectory("traefik-bench-memory-").FullName;
        try
        {
            SyntheticRepository.Create(folder, routes);
            var builds = ServerProcess.Builds().ToList();
            if (builds.Count == 0)
            {
                await Console.Error.WriteLineAsync("No traefik-mcp build found: run dotnet build -c Release first.");
                return 1;
            }

            foreach (var (name, path) in builds)
            {
                foreach (var listEverything in new[] { false, true })
                {
                    // A fresh server for each case: the peak of one is not hidden in the other.
                    using var server = ServerProcess.Start(path, folder);
                    var i = routes / 2;
                    var read = listEverything
                        ? server.Request("resources/read", """{"uri":"traefik://traffic/routes/list"}""")
                        : server.Request("resources/read", $$"""{"uri":"traefik://traffic/{{SyntheticRepository.NamespaceOf(i)}}/{{SyntheticRepository.RouteName(i)}}/distribution"}""");
                    var arguments = $$"""{"action":"update","route_name":"{{SyntheticRepository.RouteName(i)}}","namespace":"{{SyntheticRepository.NamespaceOf(i)}}","stable_service":"svc-{{i}}-stable","canary_service":"svc-{{i}}-canary","stable_weight":70,"canary_weight":30}""";
                    var call = server.Request("tools/call", "{\"name\":\"traefik_manage_weighted_routing\",\"arguments\":" + arguments + "}");

                    if (!read.Contains(SyntheticRepository.RouteName(i), StringComparison.Ordinal) || call.Contains("\"isError\":true", StringComparison.Ordinal))
                    {
                        await Console.Error.WriteLineAsync($"{name}: the server did not read the routes or the tool call failed: {call}");
                        return 1;
                    }

                    var peak = server.PeakWorkingSetMiB();
                    var what = listEverything
                        ? $"every TraefikService listed in one read ({routes + routes / 10} services)"
                        : "one route's distribution read";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: peak working set {peak:0.0} MiB ({peak * 1.048576:0.0} MB), {routes} routes ({routes * 2 + routes / 10} objects) loaded, {what}, one weight change planned"));
                }
            }

            return 0;
        }
        finally
        {
            Folders.Delete(folder);
        }
    }
}
