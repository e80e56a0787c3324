namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// Where <c>prometheus</c> and <c>promtool</c> are (the Debian package <c>prometheus</c> brings both), and whether a
/// test that needs them runs, is skipped, or fails: skipped when either is missing, except under <c>CI=true</c>,
/// where it runs and fails with <see cref="NotInstalled"/> so a missing install cannot pass unnoticed.
/// </summary>
internal sealed record PrometheusInstallation(string? Prometheus, string? Promtool)
{
    /// <summary>The reason given when a binary is missing.</summary>
    public const string NotInstalled = "prometheus is not installed: apt-get install -y prometheus";

    /// <summary>The binaries on this process's PATH.</summary>
    public static PrometheusInstallation Current => Find(System.Environment.GetEnvironmentVariable("PATH"));

    /// <summary>True when the environment variable CI is "true", as on CI.</summary>
    public static bool InCi => IsCi(System.Environment.GetEnvironmentVariable("CI"));

    /// <summary>Null when both binaries were found, otherwise <see cref="NotInstalled"/> naming what is missing.</summary>
    public string? Missing => (Prometheus, Promtool) switch
    {
        (not null, not null) => null,
        (null, null) => $"{NotInstalled} (neither prometheus nor promtool is on PATH)",
        (null, _) => $"{NotInstalled} (prometheus is not on PATH)",
        _ => $"{NotInstalled} (promtool is not on PATH)",
    };

    /// <summary>Finds both binaries on a PATH value: the first executable file of that name in its directories.</summary>
    public static PrometheusInstallation Find(string? path)
    {
        var directories = (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new(Locate(directories, "prometheus"), Locate(directories, "promtool"));
    }

    /// <summary>Why a test needing Prometheus is skipped, or null when it runs (both binaries present, or <paramref name="ci"/> is "true").</summary>
    public string? SkipReason(string? ci) => IsCi(ci) ? null : Missing;

    private static bool IsCi(string? ci) => string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase);

    private static string? Locate(string[] directories, string name) => directories
        .Select(d => Path.Combine(d, name))
        .FirstOrDefault(f => File.Exists(f) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(f) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0));
}
