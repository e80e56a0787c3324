namespace Traefik.GitOps.Tests.Support;

/// <summary>A fact that is reported as skipped, with the reason, when <c>kubectl</c> is not on the PATH.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl is null)
        {
            Skip = "kubectl is not installed on this machine, so `kubectl kustomize` cannot be run.";
        }
    }

    public static string? Kubectl { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "kubectl"))
        .FirstOrDefault(File.Exists);
}
