namespace Traefik.Manifests.Tests.Support;

/// <summary>Finds the repository root and the shared reference folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>shared</c> folder that sits next to the repository (the CI layout).</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string OfficialCrdsV3 => Path.Combine(Shared, "traefik", "crds-v3.7.9.yaml");

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
