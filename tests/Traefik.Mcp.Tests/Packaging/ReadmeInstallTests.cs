using System.Xml.Linq;
using Traefik.Manifests.Tests.Support;

namespace Traefik.Mcp.Tests.Packaging;

/// <summary>The README's install commands stay the ones CI checks.</summary>
public sealed class ReadmeInstallTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void Readme_ToolInstall_NamesTheVersionBeingPacked()
    {
        var props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;

        Assert.Contains($"dotnet tool install -g traefik-mcp --add-source ./artifacts --version {version}\n", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_NativeAotPublish_IsTheCommandCiPublishesAndTests()
    {
        const string Publish = "dotnet publish src/Traefik.Mcp -c Release -r linux-x64 -p:PublishAot=true";
        var ci = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "aot-and-tool"));

        Assert.Contains(Publish + " -o ./artifacts/aot\n", Readme, StringComparison.Ordinal);
        Assert.Contains(Publish + " -o \"$aot\"", ci, StringComparison.Ordinal);
    }
}
