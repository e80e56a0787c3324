using System.Diagnostics;

namespace Traefik.Benchmarks.Startup;

/// <summary>
/// A build of <c>traefik-mcp</c> to start as a child process: the framework-dependent build of this
/// configuration (<c>dotnet-dll</c>: <c>dotnet traefik-mcp.dll</c>; <c>apphost</c>: its native launcher) and, when the environment variable
/// <see cref="AotVariable"/> names one, a NativeAOT binary.
/// </summary>
public sealed record ServerBuild(string Name, string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>The environment variable naming a NativeAOT-published <c>traefik-mcp</c> binary.</summary>
    public const string AotVariable = "TRAEFIK_MCP_AOT_BINARY";

    /// <summary>The environment variable naming the folder of a framework-dependent build (default: src/Traefik.Mcp/bin/&lt;configuration&gt;/net10.0).</summary>
    public const string BuildFolderVariable = "TRAEFIK_MCP_BUILD_DIR";

    /// <summary>The builds available on this machine, by name.</summary>
    public static IReadOnlyDictionary<string, ServerBuild> Available { get; } = Find();

    /// <summary>Process start information for <c>traefik-mcp &lt;arguments&gt;</c> with redirected standard streams.</summary>
    public ProcessStartInfo StartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in PrefixArguments.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static Dictionary<string, ServerBuild> Find()
    {
        var builds = new Dictionary<string, ServerBuild>(StringComparer.Ordinal);
        var folder = Environment.GetEnvironmentVariable(BuildFolderVariable) ?? DefaultBuildFolder();
        var dll = Path.Combine(folder, "traefik-mcp.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"traefik-mcp is not built at {folder}; build src/Traefik.Mcp in this configuration or set {BuildFolderVariable}.", dll);
        }

        builds["dotnet-dll"] = new ServerBuild("dotnet-dll", "dotnet", [dll]);
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "traefik-mcp.exe" : "traefik-mcp");
        if (File.Exists(apphost))
        {
            builds["apphost"] = new ServerBuild("apphost", apphost, []);
        }

        if (Environment.GetEnvironmentVariable(AotVariable) is { Length: > 0 } aot)
        {
            builds["native-aot"] = File.Exists(aot)
                ? new ServerBuild("native-aot", aot, [])
                : throw new FileNotFoundException($"{AotVariable} names {aot}, which does not exist.", aot);
        }

        return builds;
    }

    /// <summary>src/Traefik.Mcp/bin/&lt;configuration of this build&gt;/net10.0 in the repository this assembly was built from.</summary>
    private static string DefaultBuildFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Manifests.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            return AppContext.BaseDirectory;
        }

#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        return Path.Combine(dir.FullName, "src", "Traefik.Mcp", "bin", configuration, "net10.0");
    }
}
