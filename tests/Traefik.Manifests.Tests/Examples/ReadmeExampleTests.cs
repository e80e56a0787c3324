using Snapshooter.Xunit;
using Traefik.Manifests.Tests.Support;

namespace Traefik.Manifests.Tests.Examples;

public sealed class ReadmeExampleTests
{
    [Fact]
    public void CanaryRouteExample_PrintsValidManifests()
    {
        var yaml = CanaryRoute.Program.Render();
        SchemaAssert.Valid(ManifestYaml.Parse(yaml));
        Snapshot.Match(yaml);
    }

    [Fact]
    public void Readme_ShowsTheExampleCodeVerbatim()
    {
        var program = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "CanaryRoute", "Program.cs")).ReplaceLineEndings("\n");
        var start = program.IndexOf("// README:begin\n", StringComparison.Ordinal) + "// README:begin\n".Length;
        var end = program.IndexOf("        // README:end", StringComparison.Ordinal);
        var snippet = string.Join("\n", program[start..end].TrimEnd('\n').Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains(snippet, readme, StringComparison.Ordinal);
    }
}
