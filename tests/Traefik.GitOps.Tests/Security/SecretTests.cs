using Traefik.GitOps.Delivery;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Security;

public sealed class SecretTests
{
    [Fact]
    public void Open_CloneFailsWithATokenInTheUrl_ErrorHidesIt()
    {
        using var repo = new TempRepository(withRemote: false);
        const string Token = "ghp_in_url_0123456789abcdef";

        var error = Assert.Throws<GitOpsException>(() => GitOpsRepository.Open(
            new GitOpsOptions { RemoteUrl = $"http://x-access-token:{Token}@127.0.0.1:9/octo/gitops.git", CacheDirectory = Path.Combine(repo.Folder, "cache") },
            FixedTime.Default));

        Assert.StartsWith("Cloning http://***@127.0.0.1:9/octo/gitops.git into ", error.Message);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, string.Join("|", Directory.GetDirectories(Path.Combine(repo.Folder, "cache"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposeAsync_TokenInEnvironment_NeverInLogsCommitsOrErrors()
    {
        using var repo = Repositories.WithRoute();
        var variable = "TRAEFIK_GITOPS_TEST_GIT_TOKEN_" + Guid.NewGuid().ToString("N");
        var token = "glpat-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        var lines = new List<string>();
        try
        {
            var git = Repositories.Open(repo, new GitOpsOptions { GitTokenEnvironmentVariable = variable, Log = lines.Add });
            var leaky = Traefik.GitOps.Intents.TrafficIntent.Create(
                $"Shift api (token {token})",
                "shift api " + token,
                "prod",
                "api-wrr",
                s => TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)).Apply(s));
            git.BeforePush = attempt =>
            {
                if (attempt == 2)
                {
                    Directory.Move(repo.Remote, repo.Remote + ".gone");
                }
            };
            var other = repo.CloneAgain("other");
            TempRepository.Run(other, "checkout", "-q", "-b", "traefik/prod/api-wrr");
            git.BeforePush += attempt =>
            {
                if (attempt == 1)
                {
                    File.WriteAllText(Path.Combine(other, "x.md"), "x\n");
                    TempRepository.Run(other, "add", "-A");
                    TempRepository.Run(other, "commit", "-qm", "move");
                    TempRepository.Run(other, "push", "-q", "origin", "traefik/prod/api-wrr");
                }
            };

            var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(leaky, DeliveryMode.PullRequest));

            var message = repo.Git("log", "-1", "--format=%B", "traefik/prod/api-wrr");
            Assert.StartsWith("Shift api (token ***)\n", message);
            Assert.NotEmpty(lines);
            Assert.DoesNotContain(token, string.Join("\n", lines) + message + error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
