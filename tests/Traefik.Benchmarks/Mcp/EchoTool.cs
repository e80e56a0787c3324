using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol.Server;

namespace Traefik.Benchmarks.Mcp;

/// <summary>The baseline tool: takes the same arguments as a weight change and returns them as text, doing nothing else.</summary>
[McpServerToolType]
public sealed class EchoTool
{
    /// <summary>The tool name.</summary>
    public const string Name = "benchmark_echo";

    /// <summary>Echoes the arguments.</summary>
    [McpServerTool(Name = Name, ReadOnly = true)]
    [Description("Echoes its arguments (benchmark baseline).")]
    public static string Echo(
        [Description("Action.")] string action,
        [Description("Route name.")] string route_name,
        [Description("Namespace.")] string @namespace,
        [Description("Stable weight.")] int stable_weight,
        [Description("Canary weight.")] int canary_weight) =>
        string.Create(CultureInfo.InvariantCulture, $"{action} {@namespace}/{route_name} {stable_weight}/{canary_weight}");
}
