using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Traefik.Manifests.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly Assembly Library = typeof(ManifestYaml).Assembly;

    [Fact]
    public void Manifests_ReferencesNoGitMcpOrNetworkingAssemblies()
    {
        var banned = new[] { "LibGit2Sharp", "ModelContextProtocol", "Octokit", "Scriban", "System.Net.Http", "System.Net.Sockets", "System.Net.Requests", "System.Net.WebClient", "Traefik.GitOps", "Traefik.Mcp" };
        var referenced = Library.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(referenced, r => banned.Any(b => r.StartsWith(b, StringComparison.Ordinal)));
    }

    [Fact]
    public void Manifests_UsesNoFileSystemNetworkClockOrProcessTypes()
    {
        var banned = new[]
        {
            "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.Path",
            "System.Net.Http.HttpClient", "System.Net.Sockets.Socket", "System.Net.WebRequest", "System.Diagnostics.Process",
            "k8s.Kubernetes", "k8s.KubernetesClientConfiguration", "System.Random", "System.Environment",
        };
        using var stream = File.OpenRead(Library.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var used = reader.TypeReferences
            .Select(h => reader.GetTypeReference(h))
            .Select(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name))
            .ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(banned, used.Contains);
    }
}
