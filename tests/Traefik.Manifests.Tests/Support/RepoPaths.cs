namespace Traefik.Manifests.Tests.Support;

/// <summary>Finds the repository root and the files the tests read inside it (nothing outside it is read).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Copies of published files the tests use, pinned by <c>VendoredFilesTests</c> (see tests/TestData/README.md).</summary>
    public static string TestData => Path.Combine(Root, "tests", "TestData");

    /// <summary>The official Traefik v3.7.9 CRDs: the copy the product embeds (src/Traefik.Manifests/Schemas/PROVENANCE.md).</summary>
    public static string OfficialCrdsV3 => Path.Combine(Root, "src", "Traefik.Manifests", "Schemas", "crds-v3.7.9.yaml");

    /// <summary>The official Traefik v2.11.53 CRDs of group traefik.containo.us.</summary>
    public static string OfficialCrdsV2 => Path.Combine(TestData, "traefik", "crds-v2.11.53-traefik.containo.us.yaml");

    /// <summary>Go's verdicts on regular expressions, IPs and CIDRs (what Traefik's own parsers accept).</summary>
    public static string GoSyntaxVerdicts => Path.Combine(TestData, "go", "go-syntax-verdicts.tsv");

    /// <summary>More of Go's verdicts (regexps, IPs, CIDRs, durations), produced by tests/TestData/go/generate-verdicts.go.</summary>
    public static string GoSyntaxVerdictsExtended => Path.Combine(TestData, "go", "go-syntax-verdicts-extended.tsv");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Manifests.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Manifests.sln not found above " + AppContext.BaseDirectory);
    }
}
