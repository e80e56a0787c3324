using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Traefik.Mcp.Cli;
using Traefik.Mcp.Tests.EndToEnd;
using Traefik.Mcp.Tests.Support;

namespace Traefik.Mcp.Tests.Hosting;

/// <summary>
/// Every error path that can meet a credential, run with known secrets through the command line (the same
/// in-process MCP server and client as <c>serve</c>), and every output — stdout, stderr, tool text, structured
/// content, resources — searched for each secret in every encoding the product writes: raw, base64 (also inside
/// a <c>Basic</c> header), URL-encoded, JSON-escaped and spaced out.
/// </summary>
public sealed class CredentialLeakTests : IDisposable
{
    private const string PrometheusToken = "prom-bearer-Zx9+/Qw7_secret";
    private const string BasicPair = "alice:pa55+w/rd-secret";
    private const string UrlPassword = "hunter2+url-pass";
    private const string GitHubToken = "ghp_Leak7Test+Token/abc123";
    private const string GitToken = "glpat-leak-test-token-9876";

    private static readonly string[] Secrets = [PrometheusToken, BasicPair, "pa55+w/rd-secret", UrlPassword, GitHubToken, GitToken];

    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-leak-").FullName;
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal)
    {
        ["PROM_TOKEN"] = PrometheusToken,
        ["PROM_BASIC"] = BasicPair,
        ["GITHUB_TOKEN"] = GitHubToken,
        ["GIT_TOKEN"] = GitToken,
    };

    public CredentialLeakTests()
    {
        Traefik.GitOps.GitOpsRepository.InitializeLocal(Repo, "main", Traefik.GitOps.GitOpsOptions.DefaultRoot, Traefik.GitOps.CommitIdentity.Default, DateTimeOffset.UnixEpoch);

        // A route on the base branch to check.
        var (code, _, stderr) = RunAsync("call", "traefik_manage_weighted_routing", "--delivery", "worktree", "--args", """{"action":"create","route_name":"api","namespace":"shop","hostname":"api.example.com","stable_service":"api-v1","canary_service":"api-v2","stable_weight":90,"canary_weight":10}""").GetAwaiter().GetResult();
        Assert.True(code == 0, stderr);
        Git("add", "-A");
        Git("commit", "-q", "-m", "Add the api route");
    }

    [Theory]
    [InlineData("--prometheus-token-env", "PROM_TOKEN", 200)]
    [InlineData("--prometheus-token-env", "PROM_TOKEN", 401)]
    [InlineData("--prometheus-basic-auth-env", "PROM_BASIC", 200)]
    [InlineData("--prometheus-basic-auth-env", "PROM_BASIC", 500)]
    public async Task CheckAnomalies_PrometheusEchoingTheCredentials_NoOutputHoldsThem(string option, string variable, int status)
    {
        // Reported: the bearer token appeared verbatim in the traefik_check_anomalies result and on stderr, and
        // a basic-auth user:password likewise.
        using var prometheus = new EchoingServer(status);
        string[] common = ["--prometheus-url", prometheus.Url.AbsoluteUri, option, variable, "--git-token-env", "GIT_TOKEN"];

        var text = await RunAsync([.. common, "call", "traefik_check_anomalies", "--args", """{"route_name":"api","namespace":"shop"}"""]);
        var json = await RunAsync([.. common, "call", "traefik_check_anomalies", "--output", "json", "--args", """{"route_name":"api","namespace":"shop"}"""]);
        var status_ = await RunAsync([.. common, "read", "traefik://metrics/prometheus/status"]);
        var detected = await RunAsync([.. common, "read", "traefik://anomalies/detected"]);
        var summary = await RunAsync([.. common, "read", "traefik://metrics/shop/api-v1/summary"]);

        Assert.NotEmpty(prometheus.Authorizations);
        Assert.All(prometheus.Authorizations, a => Assert.NotEqual("(none)", a));
        if (status != 401)
        {
            // The echo reached the product: what came back was masked, not absent.
            Assert.Contains("proxy error: upstream refused the request with Authorization: ", text.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Anomaly check for shop/api: no figures.", text.Stdout, StringComparison.Ordinal);
        AssertNoSecret(text, json, status_, detected, summary);
    }

    [Fact]
    public async Task Status_PrometheusUrlWithUserInfo_IsUsedForBasicAuthAndNeverShown()
    {
        // Reported: --prometheus-url http://user:pw@host was echoed in the status resource.
        using var prometheus = new EchoingServer(401);
        var url = $"http://bob:{Uri.EscapeDataString(UrlPassword)}@127.0.0.1:{prometheus.Port}/";

        var status = await RunAsync("--prometheus-url", url, "read", "traefik://metrics/prometheus/status");
        var check = await RunAsync("--prometheus-url", url, "call", "traefik_check_anomalies", "--args", """{"route_name":"api","namespace":"shop"}""");

        var view = JsonDocument.Parse(status.Stdout).RootElement;
        Assert.Equal($"http://127.0.0.1:{prometheus.Port}/", view.GetProperty("url").GetString());
        Assert.Equal("basic", view.GetProperty("authentication").GetString());
        Assert.Contains("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:" + UrlPassword)), prometheus.Authorizations);
        Assert.DoesNotContain("bob", status.Stdout + status.Stderr, StringComparison.Ordinal);
        AssertNoSecret(status, check);
    }

    [Fact]
    public async Task Status_UnreachablePrometheusWithToken_NoOutputHoldsIt()
    {
        var port = ProcessFixture.FreePort();

        var status = await RunAsync("--prometheus-url", $"http://127.0.0.1:{port}", "--prometheus-token-env", "PROM_TOKEN", "read", "traefik://metrics/prometheus/status");
        var check = await RunAsync("--prometheus-url", $"http://127.0.0.1:{port}", "--prometheus-token-env", "PROM_TOKEN", "call", "traefik_check_anomalies", "--args", """{"route_name":"api","namespace":"shop"}""");

        Assert.Contains("is not reachable", status.Stdout, StringComparison.Ordinal);
        AssertNoSecret(status, check);
    }

    [Theory]
    [InlineData("http://bob:hunter2+url-pass@[bad-host/", "--prometheus-url must be an absolute http(s) URL")]
    [InlineData("ftp://bob:hunter2+url-pass@prometheus.example.com/", "--prometheus-url must be an absolute http(s) URL")]
    public async Task Start_MalformedPrometheusUrlWithUserInfo_RefusedWithoutShowingIt(string url, string message)
    {
        var result = await RunAsync("--prometheus-url", url, "read", "traefik://metrics/prometheus/status");

        Assert.Equal(2, result.Code);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        AssertNoSecret(result);
    }

    [Theory]
    [InlineData("prom-bearer-line\nbreak-secret")]
    [InlineData("prom-bearer-nön-ascii-secret")]
    public async Task CheckAnomalies_TokenAHeaderCannotCarry_SaysWhichVariableAndShowsNoPartOfIt(string token)
    {
        // Reported as an unhandled FormatException (a stack trace on stderr, "An error occurred" to the client).
        using var prometheus = new EchoingServer(200);
        _environment["PROM_TOKEN"] = token;

        var check = await RunAsync("--prometheus-url", prometheus.Url.AbsoluteUri, "--prometheus-token-env", "PROM_TOKEN", "call", "traefik_check_anomalies", "--args", """{"route_name":"api","namespace":"shop"}""");

        // No figures could be read: the exit code for CI says so (4).
        Assert.Equal(4, check.Code);
        Assert.Contains("The Prometheus bearer token in PROM_TOKEN holds a space, a line break, a control or a non-ASCII character", check.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("prom-bearer", check.Stdout + check.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", check.Stdout + check.Stderr, StringComparison.Ordinal);
        Assert.Empty(prometheus.Authorizations);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("Bearer {0}")]
    [InlineData("{1}")]
    public async Task Call_ArgumentHoldingACredential_RefusedBeforeAnythingIsWritten(string format)
    {
        // A credential in an argument would be written to a manifest, the proposal journal and the answer.
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, GitHubToken, Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + GitHubToken)));
        var args = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["action"] = "create",
            ["middleware_name"] = "auth-headers",
            ["namespace"] = "shop",
            ["middleware_type"] = "headers",
            ["headers_custom_request"] = new Dictionary<string, string> { ["Authorization"] = value },
            ["delivery"] = "worktree",
        });

        var result = await RunAsync("call", "traefik_manage_middleware", "--args", args);

        Assert.Equal(1, result.Code);
        Assert.Contains("headers_custom_request.Authorization: holds the credential this server was given in GITHUB_TOKEN", result.Stderr, StringComparison.Ordinal);
        AssertNoSecret(result);
        Assert.Empty(Directory.EnumerateFiles(Repo, "*auth-headers*", SearchOption.AllDirectories));
        AssertNothingOnDiskHolds();
    }

    [Fact]
    public async Task Start_RemoteRepositoryWithTokenInTheUrl_FailsWithoutShowingIt()
    {
        var port = ProcessFixture.FreePort();

        var result = await RunAsync("--repo", $"http://x-access-token:{GitToken}@127.0.0.1:{port}/octo/gitops.git", "--cache-dir", Path.Combine(_dir, "cache"), "read", "traefik://traffic/routes/list");

        Assert.NotEqual(0, result.Code);
        Assert.Contains("127.0.0.1", result.Stderr, StringComparison.Ordinal);
        AssertNoSecret(result);
        Assert.DoesNotContain(GitToken, string.Join("|", Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories)), StringComparison.Ordinal);
    }

    /// <summary>Every encoding of every secret this product could write.</summary>
    internal static IEnumerable<string> Encodings(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.Default).ToString();
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        yield return string.Join(' ', secret.ToCharArray());
        var bytes = Encoding.UTF8.GetBytes(secret);
        for (var offset = 0; offset < 3; offset++)
        {
            // The characters of base64 that depend only on the secret, at each alignment it can have in a longer text.
            var encoded = Convert.ToBase64String([.. new byte[offset], .. bytes]);
            var first = ((offset * 8) + 5) / 6;
            var end = (offset + bytes.Length) * 8 / 6;
            var fragment = encoded[first..end];
            yield return fragment;
            yield return fragment.Replace('+', '-').Replace('/', '_');
        }
    }

    private static void AssertNoSecret(params (int Code, string Stdout, string Stderr)[] results)
    {
        foreach (var (_, stdout, stderr) in results)
        {
            foreach (var secret in Secrets)
            {
                foreach (var form in Encodings(secret))
                {
                    Assert.False(stdout.Contains(form, StringComparison.Ordinal), $"stdout holds {form} (a form of a secret):\n{stdout}");
                    Assert.False(stderr.Contains(form, StringComparison.Ordinal), $"stderr holds {form} (a form of a secret):\n{stderr}");
                }
            }
        }
    }

    /// <summary>No file under the test folder (the repository, its git directory and proposal journals) holds a secret.</summary>
    private void AssertNothingOnDiskHolds()
    {
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            foreach (var form in Secrets.SelectMany(Encodings))
            {
                Assert.False(text.Contains(form, StringComparison.Ordinal), $"{file} holds {form}");
            }
        }
    }

    private string Repo => Path.Combine(_dir, "repo");

    private void Git(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = Repo, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", .. args])
        {
            start.ArgumentList.Add(a);
        }

        using var git = System.Diagnostics.Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, error);
    }

    /// <summary>Runs the command line in this process on the test's repository (a later --repo wins).</summary>
    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await TraefikMcpProgram.RunAsync(["--repo", Repo, .. args], stdout, stderr, name => _environment.GetValueOrDefault(name));
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
