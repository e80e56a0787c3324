using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Traefik.Mcp.Tests.Packaging;

/// <summary>What each package carries: metadata, README, XML docs, deterministic assemblies and Source Link.</summary>
public sealed partial class PackageTests
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [PackageTheory]
    [InlineData("Traefik.Manifests")]
    [InlineData("Traefik.GitOps")]
    [InlineData("traefik-mcp")]
    public void Package_Metadata_HasLicenseNoticesReadmeAndRepositoryCommit(string id)
    {
        using var package = Open(id, ".nupkg");
        var metadata = Metadata(package);

        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal("Apache-2.0", Value(metadata, "license"));
        Assert.Equal("expression", metadata.Element(metadata.Name.Namespace + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.StartsWith("# Traefik.Manifests", Read(package, "README.md"), StringComparison.Ordinal);
        // Every package carries the embedded Traefik CRDs (MIT), so every package carries their notice.
        Assert.Contains("The MIT License (MIT)", Read(package, "THIRD-PARTY-NOTICES.md"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        var repository = metadata.Element(metadata.Name.Namespace + "repository")!;
        Assert.Equal(("git", "https://github.com/traefik-manifests/traefik-manifests"), (repository.Attribute("type")!.Value, repository.Attribute("url")!.Value));
        Assert.Matches(CommitId(), repository.Attribute("commit")!.Value);
    }

    [PackageTheory]
    [InlineData("Traefik.Manifests", "lib/net10.0/")]
    [InlineData("Traefik.GitOps", "lib/net10.0/")]
    [InlineData("traefik-mcp", "tools/net10.0/any/")]
    public void Package_Assemblies_AreDeterministicWithXmlDocsAndSourceLinkToTheCommit(string id, string folder)
    {
        using var package = Open(id, ".nupkg");
        using var symbols = Open(id, ".snupkg");
        var commit = Metadata(package).Element(Metadata(package).Name.Namespace + "repository")!.Attribute("commit")!.Value;
        var assembly = id == "traefik-mcp" ? "traefik-mcp" : id;

        var docs = XDocument.Parse(Read(package, folder + assembly + ".xml"));
        Assert.Equal(assembly, docs.Root!.Element("assembly")!.Element("name")!.Value);
        Assert.NotEmpty(docs.Root.Element("members")!.Elements("member"));

        using (var pe = new PEReader(new MemoryStream(Bytes(package, folder + assembly + ".dll"))))
        {
            Assert.Contains(pe.ReadDebugDirectory(), e => e.Type == DebugDirectoryEntryType.Reproducible);
        }

        var pdb = Bytes(symbols, (id == "traefik-mcp" ? "tools/net10.0/any/" : folder) + assembly + ".pdb");
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();
        Assert.All(reader.Documents, d => Assert.StartsWith("/_/", reader.GetString(reader.GetDocument(d).Name), StringComparison.Ordinal));
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == SourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .Single();
        Assert.Equal("{\"documents\":{\"/_/*\":\"https://raw.githubusercontent.com/traefik-manifests/traefik-manifests/" + commit + "/*\"}}", sourceLink);
    }

    [PackageFact]
    public void ToolPackage_IsADotnetToolWithLibgit2ForEveryPlatformAndNoOctokit()
    {
        using var package = Open("traefik-mcp", ".nupkg");
        var metadata = Metadata(package);

        Assert.Equal("DotnetTool", metadata.Element(metadata.Name.Namespace + "packageTypes")!.Elements().Single().Attribute("name")!.Value);
        var settings = XDocument.Parse(Read(package, "tools/net10.0/any/DotnetToolSettings.xml"));
        var command = settings.Descendants("Command").Single();
        Assert.Equal(("traefik-mcp", "traefik-mcp.dll"), (command.Attribute("Name")!.Value, command.Attribute("EntryPoint")!.Value));
        var files = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains(files, f => f.StartsWith("tools/net10.0/any/runtimes/linux-x64/native/libgit2-", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("tools/net10.0/any/runtimes/osx-arm64/native/libgit2-", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("tools/net10.0/any/runtimes/win-x64/native/git2-", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("Octokit", StringComparison.OrdinalIgnoreCase));
    }

    [PackageFact]
    public void LibraryPackages_DependOnEachOtherAtTheSameVersion()
    {
        using var gitops = Open("Traefik.GitOps", ".nupkg");
        var metadata = Metadata(gitops);

        var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
        Assert.Equal(Value(metadata, "version"), dependencies["Traefik.Manifests"]);
        Assert.DoesNotContain("Octokit", dependencies.Keys);
    }

    private static ZipArchive Open(string id, string extension)
    {
        var files = Directory.GetFiles(PackageFolder.Path!, id + ".*" + extension)
            .Where(f => Regex.IsMatch(Path.GetFileName(f), "^" + Regex.Escape(id) + @"\.\d+\.\d+\.\d+[^/]*" + Regex.Escape(extension) + "$"))
            .ToList();
        return ZipFile.OpenRead(Assert.Single(files));
    }

    private static XElement Metadata(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var root = XDocument.Load(stream).Root!;
        return root.Element(root.Name.Namespace + "metadata")!;
    }

    private static string Value(XElement metadata, string name) => metadata.Element(metadata.Name.Namespace + name)!.Value;

    private static byte[] Bytes(ZipArchive package, string path)
    {
        var entry = package.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"{path} is not in the package");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Read(ZipArchive package, string path) => Encoding.UTF8.GetString(Bytes(package, path)).TrimStart('\uFEFF');

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitId();
}
