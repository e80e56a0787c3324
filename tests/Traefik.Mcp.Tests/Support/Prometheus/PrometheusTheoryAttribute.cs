namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>A theory that needs a real Prometheus; skipped or not exactly like <see cref="PrometheusFactAttribute"/>.</summary>
public sealed class PrometheusTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Prometheus is missing outside CI.</summary>
    public PrometheusTheoryAttribute()
    {
        if (PrometheusInstallation.Current.SkipReason(System.Environment.GetEnvironmentVariable("CI")) is { } reason)
        {
            Skip = reason;
        }
    }
}
