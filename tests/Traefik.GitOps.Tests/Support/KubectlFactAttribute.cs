namespace Traefik.GitOps.Tests.Support;

/// <summary>
/// A fact that needs <c>kubectl</c> on the PATH (for <c>kubectl kustomize</c>, which runs offline): reported as
/// skipped, with the reason, when it is missing, except under <c>CI=true</c>, where it runs (and fails) so a
/// missing install cannot pass unnoticed. (.ci/run installs it when the machine has none.)
/// </summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!Required)
        {
            Skip = "kubectl is not installed on this machine, so `kubectl kustomize` cannot be run.";
        }
    }

    /// <summary>Whether a test that can check with kubectl must (CI), rather than leave the check out.</summary>
    public static bool Required => Kubectl is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>kubectl, or an error saying it is missing (for tests that run only when it is there, or under CI).</summary>
    public static string RequireKubectl() => Kubectl ?? throw new InvalidOperationException("kubectl is not on the PATH (CI=true requires it; .ci/run installs it).");

    public static string? Kubectl { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "kubectl"))
        .FirstOrDefault(File.Exists);
}
