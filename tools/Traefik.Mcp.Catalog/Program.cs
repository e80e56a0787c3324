using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

// Writes Traefik.Mcp's primitive catalog into the folder given as the only argument: the services are
// registered as the server registers them, so the SDK sees the same parameter bindings.
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: Traefik.Mcp.Catalog OUTPUT_FOLDER").ConfigureAwait(false);
    return 2;
}

var collection = new ServiceCollection();
collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
collection.AddTraefikServices(new McpSettings(), _ => null);
collection.AddMcpServer(ServerSetup.ConfigureServer).AddTraefikPrimitives();
await using var services = collection.BuildServiceProvider();

IReadOnlyDictionary<string, byte[]> catalog;
try
{
    catalog = PrimitiveCatalog.Serialize(services);
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
{
    // In MSBuild's error format, so the build lists it as an error with its message.
    await Console.Error.WriteLineAsync($"Traefik.Mcp.Catalog : error TRAEFIKMCP1: the primitive catalog cannot be derived from the methods: {e.Message}").ConfigureAwait(false);
    return 1;
}

Directory.CreateDirectory(args[0]);
foreach (var (file, content) in catalog)
{
    var path = Path.Combine(args[0], file);
    if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
    {
        await File.WriteAllBytesAsync(path, content).ConfigureAwait(false);
    }
}

return 0;
