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

    [Fact]
    public async Task ProposeAsync_TitleHoldsTheTokenInBase64OrSpacedOut_CommitMessageMasksEveryForm()
    {
        // Reported: a GitHub token in base64 or spaced out was not masked.
        using var repo = Repositories.WithRoute();
        var variable = "TRAEFIK_GITOPS_TEST_GIT_TOKEN_" + Guid.NewGuid().ToString("N");
        var token = "ghp_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        try
        {
            var git = Repositories.Open(repo, new GitOpsOptions { GitTokenEnvironmentVariable = variable });
            var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("x-access-token:" + token));
            var spaced = string.Join(' ', token.ToCharArray());
            var leaky = Traefik.GitOps.Intents.TrafficIntent.Create(
                $"Shift api (basic {base64}, spaced {spaced})",
                "shift api leaky",
                "prod",
                "api-wrr",
                s => TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20)).Apply(s));

            await git.ProposeAsync(leaky, DeliveryMode.Branch);

            var message = repo.Git("log", "-1", "--format=%B", "traefik/prod/api-wrr");
            // "eC1hY2Nlc3MtdG9rZW46" is "x-access-token:", the user name: only the token's part is masked.
            Assert.StartsWith("Shift api (basic eC1hY2Nlc3MtdG9rZW46***", message, StringComparison.Ordinal);
            Assert.Contains(", spaced ***)", message, StringComparison.Ordinal);
            Assert.DoesNotContain(base64[20..40], message, StringComparison.Ordinal);
            Assert.DoesNotContain(token[4..12], message.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task ProposeAsync_ChangeWritingTheTokenIntoAManifest_RefusedAndNothingWritten()
    {
        using var repo = Repositories.WithRoute();
        var variable = "TRAEFIK_GITOPS_TEST_GIT_TOKEN_" + Guid.NewGuid().ToString("N");
        var token = "glpat" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        try
        {
            var git = Repositories.Open(repo, new GitOpsOptions { GitTokenEnvironmentVariable = variable });
            var before = repo.Git("for-each-ref", "--format=%(refname) %(objectname)");

            var error = await Assert.ThrowsAsync<GitOpsException>(() => git.ProposeAsync(TestIntents.CreateRoute("prod", "leaky", token + ".example.com", ("api-stable", 100)), DeliveryMode.Branch));

            Assert.Equal($"The change would write the credential from {variable} into traefik/prod/leaky/ingressroute-leaky.yaml; refusing. Reference a Kubernetes Secret instead of putting a credential in a manifest.", error.Message);
            Assert.Equal(before, repo.Git("for-each-ref", "--format=%(refname) %(objectname)"));
            Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}

public sealed class HttpsTokenTests
{
    [Fact]
    public void Open_HttpsRemoteAsksForCredentials_SendsTheTokenFromTheEnvironmentAndNeverShowsIt()
    {
        using var repo = new TempRepository(withRemote: false);
        var variable = "TRAEFIK_GITOPS_TEST_HTTPS_TOKEN_" + Guid.NewGuid().ToString("N");
        var token = "ghp_https_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        var authorizations = new List<string?>();
        using var server = new ChallengeServer(authorizations);
        try
        {
            var error = Assert.Throws<GitOpsException>(() => GitOpsRepository.Open(
                new GitOpsOptions { RemoteUrl = server.Url + "octo/gitops.git", CacheDirectory = Path.Combine(repo.Folder, "cache"), GitTokenEnvironmentVariable = variable },
                FixedTime.Default));

            var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("x-access-token:" + token));
            Assert.Contains(null, authorizations);
            Assert.Contains(expected, authorizations);
            Assert.StartsWith($"Cloning {server.Url}octo/gitops.git into ", error.Message);
            Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>Answers an anonymous request with a Basic challenge and an authenticated one with 404, recording the Authorization headers.</summary>
    private sealed class ChallengeServer : IDisposable
    {
        private readonly System.Net.HttpListener _listener = new();
        private readonly Task _loop;

        public ChallengeServer(List<string?> authorizations)
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            Url = $"http://127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}/";
            probe.Stop();
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    System.Net.HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    var authorization = context.Request.Headers["Authorization"];
                    lock (authorizations)
                    {
                        authorizations.Add(authorization);
                    }

                    if (authorization is null)
                    {
                        context.Response.StatusCode = 401;
                        context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
                    }
                    else
                    {
                        context.Response.StatusCode = 404;
                    }

                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            try
            {
                _listener.Close();
            }
            catch (System.Net.HttpListenerException)
            {
            }

            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
