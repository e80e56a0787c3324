using System.Security.Cryptography;
using Traefik.Manifests.Schemas;
using Traefik.Manifests.Tests.Support;

namespace Traefik.Manifests.Tests.Schemas;

/// <summary>
/// The published files this repository carries are exactly the published ones: a copy that drifts (edited, re-saved
/// with other line endings, replaced by another release) fails here. Provenance: src/Traefik.Manifests/Schemas/PROVENANCE.md
/// and tests/TestData/README.md.
/// </summary>
public sealed class VendoredFilesTests
{
    public static TheoryData<string, string> Pinned => new()
    {
        // traefik/traefik v3.7.9, docs/content/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml
        { "src/Traefik.Manifests/Schemas/crds-v3.7.9.yaml", "1d5e8558803804562238b0d4a57174aadd6d87c36e3c4c55199ebcc356a9406c" },
        // traefik/traefik v2.11.53, the same file's traefik.containo.us documents
        { "tests/TestData/traefik/crds-v2.11.53-traefik.containo.us.yaml", "2988973e99aab3d84ff1222ac698d32b6a42ab3b9728851f03dec4933db932a5" },
        // Go's regexp / net verdicts
        { "tests/TestData/go/go-syntax-verdicts.tsv", "d20dcc8a8c1609f2c9cb97d3d959adfeb1dd767d67e77ef3554f838a25c98ddb" },
        // More of Go's verdicts, and the program that produced them
        { "tests/TestData/go/go-syntax-verdicts-extended.tsv", "9efbadfa361154db387e702f9a6b54dd559b3b5b8a7cede2116d4d46cdc853b0" },
        { "tests/TestData/go/generate-verdicts.go", "da1ae6f071295f06c5b4cca37a1a3f3839a607c9a8f0a06e02093300d19a36ae" },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void VendoredFile_HasThePublishedChecksum(string path, string sha256)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, path));
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void VendoredFiles_EachHasItsProvenanceWritten()
    {
        var provenance = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Traefik.Manifests", "Schemas", "PROVENANCE.md"))
            + File.ReadAllText(Path.Combine(RepoPaths.TestData, "README.md"));
        foreach (var (path, sha256) in Pinned.Select(row => ((string)row[0], (string)row[1])))
        {
            Assert.Contains(Path.GetFileName(path), provenance, StringComparison.Ordinal);
            Assert.Contains(sha256, provenance, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void VendoredTraefikFiles_AreAttributed()
    {
        var notices = File.ReadAllText(Path.Combine(RepoPaths.Root, "THIRD-PARTY-NOTICES.md"));
        Assert.Contains("crds-v3.7.9.yaml", notices, StringComparison.Ordinal);
        Assert.Contains("crds-v2.11.53-traefik.containo.us.yaml", notices, StringComparison.Ordinal);
        Assert.Contains("The MIT License (MIT)", notices, StringComparison.Ordinal);
    }

    [Fact]
    public void OfficialV2Crds_EveryKindHasAV3Schema()
    {
        // The v3 models are the only ones: a kind a v2 repository can hold must exist in v3 too.
        var v2 = CrdSchema.Load(File.ReadAllText(RepoPaths.OfficialCrdsV2));
        Assert.Equal(9, v2.Kinds.Count);
        Assert.All(v2.Kinds, k => Assert.Equal("traefik.containo.us/v1alpha1", k.ApiVersion));
        Assert.All(v2.Kinds, k => Assert.True(CrdSchema.TraefikV3.Covers("traefik.io/v1alpha1", k.Kind), k.Kind + " has no v3 schema"));
    }
}
