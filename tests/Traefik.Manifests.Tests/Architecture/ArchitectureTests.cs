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
            "k8s.Kubernetes", "k8s.KubernetesClientConfiguration", "System.Random",
        };
        using var stream = File.OpenRead(Library.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var used = reader.TypeReferences
            .Select(h => reader.GetTypeReference(h))
            .Select(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name))
            .ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(banned, used.Contains);

        // Environment is referenced by compiler-generated iterators (CurrentManagedThreadId); its variables are not.
        var members = reader.MemberReferences
            .Select(h => reader.GetMemberReference(h))
            .Where(m => m.Parent.Kind == HandleKind.TypeReference)
            .Select(m => (Type: reader.GetTypeReference((TypeReferenceHandle)m.Parent), Name: reader.GetString(m.Name)))
            .Select(m => reader.GetString(m.Type.Namespace) + "." + reader.GetString(m.Type.Name) + "::" + m.Name)
            .ToHashSet(StringComparer.Ordinal);
        string[] bannedMembers =
        [
            "System.Environment::GetEnvironmentVariable", "System.Environment::GetEnvironmentVariables", "System.Environment::ExpandEnvironmentVariables",
            "System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow",
            "System.Guid::NewGuid", "System.Globalization.CultureInfo::get_CurrentCulture",
        ];
        Assert.DoesNotContain(bannedMembers, members.Contains);
    }
}
