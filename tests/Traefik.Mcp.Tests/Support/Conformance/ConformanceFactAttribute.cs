namespace Traefik.Mcp.Tests.Support.Conformance;

/// <summary>
/// A fact that runs the official MCP conformance suite: reported skipped with the reason when it is not installed
/// (<see cref="ConformanceSuite.Variable"/>), except under <c>CI=true</c>, where it runs (and fails) so a missing
/// install cannot pass unnoticed.
/// </summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the suite is missing outside CI.</summary>
    public ConformanceFactAttribute()
    {
        if (ConformanceSuite.Current is null && !ConformanceSuite.InCi)
        {
            Skip = ConformanceSuite.NotInstalled;
        }
    }
}
