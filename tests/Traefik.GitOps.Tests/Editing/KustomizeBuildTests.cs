using System.Diagnostics;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests;
using Traefik.Manifests.Tests.Support;

namespace Traefik.GitOps.Tests.Editing;

public sealed class KustomizeBuildTests
{
    [KubectlFact]
    public async Task KubectlKustomize_EveryNamespaceFolder_BuildsTheObjectsWeWrote()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/all.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo);
        await git.ProposeAsync(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web-stable", 90), ("web-canary", 10)), DeliveryMode.Worktree);
        await git.ProposeAsync(TestIntents.CreateRoute("staging", "web", "web.staging.example.com", ("web", 1)), DeliveryMode.Worktree);
        await git.ProposeAsync(TestIntents.Delete("IngressRoute", "staging", "web"), DeliveryMode.Worktree);

        var prod = Kustomize(Path.Combine(repo.Work, "traefik/prod"));
        var staging = Kustomize(Path.Combine(repo.Work, "traefik/staging"));

        Assert.Equal(
            ["Deployment prod/api", "IngressRoute prod/api", "IngressRoute prod/web", "TraefikService prod/api-wrr", "TraefikService prod/web-wrr"],
            ManifestYaml.ReadDocuments(prod).Where(d => d.Object is not null).Select(d => d.Object!.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["TraefikService staging/web-wrr"], ManifestYaml.Parse(staging).Select(o => o.Key.ToString()));
        SchemaAssert.Valid(ManifestYaml.Parse(prod).Where(o => o.ApiVersion.StartsWith("traefik.io", StringComparison.Ordinal)));
    }

    private static string Kustomize(string folder)
    {
        var info = new ProcessStartInfo(KubectlFactAttribute.RequireKubectl()) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("kustomize");
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed: {error}");
        return output.Result;
    }
}
