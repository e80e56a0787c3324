namespace Traefik.Mcp.Tests.Packaging;

/// <summary>
/// A test of the packages <c>dotnet pack</c> produced: it runs when <see cref="PackageFolder.Variable"/> names
/// the folder they were packed into (CI does), and is reported as skipped otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PackageFactAttribute : FactAttribute
{
    public PackageFactAttribute()
    {
        if (PackageFolder.Path is null)
        {
            Skip = $"set {PackageFolder.Variable} to the folder dotnet pack wrote the packages to";
        }
    }
}

/// <summary>The theory form of <see cref="PackageFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PackageTheoryAttribute : TheoryAttribute
{
    public PackageTheoryAttribute()
    {
        if (PackageFolder.Path is null)
        {
            Skip = $"set {PackageFolder.Variable} to the folder dotnet pack wrote the packages to";
        }
    }
}

internal static class PackageFolder
{
    public const string Variable = "TRAEFIK_PACKAGES";

    public static string? Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;
}
