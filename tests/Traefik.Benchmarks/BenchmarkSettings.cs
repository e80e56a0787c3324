namespace Traefik.Benchmarks;

/// <summary>Run-wide settings the benchmark classes read (the benchmarks run in-process, so a static works).</summary>
public static class BenchmarkSettings
{
    /// <summary>True in <c>--quick</c> mode: small repositories, one iteration.</summary>
    public static bool Quick { get; set; }

    /// <summary>Picks the quick or the full list of sizes.</summary>
    public static IEnumerable<int> Sizes(int[] quick, int[] full) => Quick ? quick : full;
}
