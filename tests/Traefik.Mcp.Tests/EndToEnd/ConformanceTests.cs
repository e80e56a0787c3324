using Traefik.Mcp.Tests.Support.Conformance;

namespace Traefik.Mcp.Tests.EndToEnd;

/// <summary>The official MCP conformance suite (run on Node 22) against the real executable serving HTTP on loopback.</summary>
public sealed class ConformanceTests : IDisposable
{
    /// <summary>
    /// The scenarios that call the suite's own fixture primitives (<c>test_simple_text</c>, <c>test://static-text</c>,
    /// <c>test_simple_prompt</c>…), which a reference "everything" server has and this product does not: they fail
    /// with "Unknown tool/resource/prompt" and nothing else. Every other scenario must pass; one of these passing
    /// makes the run fail too (a stale baseline), so the list cannot hide a change.
    /// </summary>
    private static readonly string[] NeedFixturePrimitives =
    [
        "tools-call-simple-text", "tools-call-image", "tools-call-audio", "tools-call-embedded-resource", "tools-call-mixed-content",
        "tools-call-with-logging", "tools-call-error", "tools-call-with-progress", "tools-call-sampling", "tools-call-elicitation",
        "elicitation-sep1034-defaults", "elicitation-sep1330-enums",
        "resources-read-text", "resources-read-binary", "resources-templates-read",
        "prompts-get-simple", "prompts-get-with-args", "prompts-get-embedded-resource", "prompts-get-with-image",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-conformance-").FullName;

    [ConformanceFact]
    public async Task DnsRebindingProtection_Scenario_Passes()
    {
        var suite = ConformanceSuite.Current ?? throw new InvalidOperationException(ConformanceSuite.NotInstalled);
        await using var server = await HttpServerProcess.StartAsync(_dir);

        var (code, output) = await suite.RunServerAsync(server.Endpoint, "--scenario", "dns-rebinding-protection");

        Assert.True(code == 0, output);
        Assert.Contains("Passed: 2/2, 0 failed", output, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task ActiveSuite_EveryScenarioNotNeedingTheSuitesFixtures_Passes()
    {
        var suite = ConformanceSuite.Current ?? throw new InvalidOperationException(ConformanceSuite.NotInstalled);
        var baseline = Path.Combine(_dir, "expected-failures.yaml");
        await File.WriteAllTextAsync(baseline, "server:\n" + string.Concat(NeedFixturePrimitives.Select(s => $"  - {s}\n")));
        await using var server = await HttpServerProcess.StartAsync(_dir);

        var (code, output) = await suite.RunServerAsync(server.Endpoint, "--expected-failures", baseline);

        Assert.True(code == 0, output);
        Assert.Contains("Baseline check passed: all failures are expected.", output, StringComparison.Ordinal);
        Assert.Contains("✓ dns-rebinding-protection: 2 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("✓ server-initialize: 1 passed, 0 failed", output, StringComparison.Ordinal);
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
