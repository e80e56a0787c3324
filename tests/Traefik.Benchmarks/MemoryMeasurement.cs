using System.Globalization;

namespace Traefik.Benchmarks;

/// <summary>Peak working set of the server with a large repository loaded: every route listed, one tool call.</summary>
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
                using var server = ServerProcess.Start(path, folder);
                var listing = server.Request("resources/read", """{"uri":"traefik://traffic/routes/list"}""");
                var i = routes / 2;
                var arguments = $$"""{"action":"update","route_name":"{{SyntheticRepository.RouteName(i)}}","namespace":"{{SyntheticRepository.NamespaceOf(i)}}","stable_service":"svc-{{i}}-stable","canary_service":"svc-{{i}}-canary","stable_weight":70,"canary_weight":30}""";
                var call = server.Request("tools/call", "{\"name\":\"traefik_manage_weighted_routing\",\"arguments\":" + arguments + "}");

                if (!listing.Contains(SyntheticRepository.RouteName(i), StringComparison.Ordinal) || call.Contains("\"isError\":true", StringComparison.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"{name}: the server did not list the routes or the tool call failed: {call}");
                    return 1;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: peak working set {server.PeakWorkingSetMiB():0.0} MiB with {routes} routes ({routes * 2 + routes / 10} objects) loaded, listed and one weight change planned"));
            }

            return 0;
        }
        finally
        {
            Folders.Delete(folder);
        }
    }
}
