namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>
/// A fact that needs a real Prometheus: reported skipped with the reason when <c>prometheus</c> or <c>promtool</c> is
/// not on PATH, except under <c>CI=true</c>, where it runs (and fails) so a missing install cannot pass unnoticed.
/// </summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Prometheus is missing outside CI.</summary>
    public PrometheusFactAttribute()
    {
        if (PrometheusInstallation.Current.SkipReason(System.Environment.GetEnvironmentVariable("CI")) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>True on CI (the environment variable CI is "true"), where a missing binary is a failure rather than a skip.</summary>
    public static bool InCi => PrometheusInstallation.InCi;
}
