using Traefik.GitOps.PullRequests;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.PullRequests;

public sealed class GitHubPullRequestProviderTests
{
    private const string Token = "ghp_test_provider_0123456789abcdef";
    private static readonly PullRequestSubmission Submission = new("traefik/prod/api", "main", "Shift prod/api to 20% canary", "body text");

    [Fact]
    public async Task OpenOrUpdateAsync_NoOpenPullRequest_CreatesOne()
    {
        using var server = new FakeGitHub();
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var result = await provider.OpenOrUpdateAsync(Submission, CancellationToken.None);

        Assert.Equal(new PullRequestResult("github", 1, "https://github.example.com/octo/gitops/pull/1", Created: true), result);
        Assert.Equal(["GET /api/v3/repos/octo/gitops/pulls", "POST /api/v3/repos/octo/gitops/pulls"], server.Requests.Select(r => r.Method + " " + r.PathAndQuery.Split('?')[0]));
        var list = server.Requests[0].Query;
        Assert.Equal(("octo:traefik/prod/api", "main", "open"), (list["head"], list["base"], list["state"]));
        var body = server.Requests[1].JsonBody!;
        Assert.Equal(("Shift prod/api to 20% canary", "traefik/prod/api", "main", "body text"), (body["title"]!.GetValue<string>(), body["head"]!.GetValue<string>(), body["base"]!.GetValue<string>(), body["body"]!.GetValue<string>()));
        Assert.All(server.Requests, r => Assert.Equal("Token " + Token, r.Authorization));
    }

    [Fact]
    public async Task OpenOrUpdateAsync_OpenPullRequestExists_UpdatesItInsteadOfOpeningAnother()
    {
        using var server = new FakeGitHub();
        server.Pulls.Add(new FakePull(7, "traefik/prod/api", "main", "old title", "old body"));
        server.Pulls.Add(new FakePull(8, "traefik/prod/web", "main", "other", "other"));
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var result = await provider.OpenOrUpdateAsync(Submission, CancellationToken.None);

        Assert.Equal(new PullRequestResult("github", 7, "https://github.example.com/octo/gitops/pull/7", Created: false), result);
        Assert.Equal(["GET /api/v3/repos/octo/gitops/pulls", "PATCH /api/v3/repos/octo/gitops/pulls/7"], server.Requests.Select(r => r.Method + " " + r.PathAndQuery.Split('?')[0]));
        Assert.Equal(("Shift prod/api to 20% canary", "body text"), (server.Pulls[0].Title, server.Pulls[0].Body));
        Assert.Equal(2, server.Pulls.Count);
    }

    [Fact]
    public async Task OpenOrUpdateAsync_AlreadyExists422_FindsAndUpdatesIt()
    {
        using var server = new FakeGitHub();
        var raced = false;
        server.Override = request =>
        {
            if (request.Method == "POST" && !raced)
            {
                // Another writer opened the pull request between our lookup and our create.
                raced = true;
                server.Pulls.Add(new FakePull(3, "traefik/prod/api", "main", "theirs", "theirs"));
                return (422, """{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"A pull request already exists for octo:traefik/prod/api."}],"documentation_url":"https://docs.github.com/rest/pulls/pulls#create-a-pull-request"}""");
            }

            return null;
        };
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var result = await provider.OpenOrUpdateAsync(Submission, CancellationToken.None);

        Assert.Equal(new PullRequestResult("github", 3, "https://github.example.com/octo/gitops/pull/3", Created: false), result);
        Assert.Equal(
            ["GET /api/v3/repos/octo/gitops/pulls", "POST /api/v3/repos/octo/gitops/pulls", "GET /api/v3/repos/octo/gitops/pulls", "PATCH /api/v3/repos/octo/gitops/pulls/3"],
            server.Requests.Select(r => r.Method + " " + r.PathAndQuery.Split('?')[0]));
        Assert.Single(server.Pulls);
        Assert.Equal("Shift prod/api to 20% canary", server.Pulls[0].Title);
    }

    [Fact]
    public async Task OpenOrUpdateAsync_Refused_ErrorNeverContainsTheToken()
    {
        using var server = new FakeGitHub();
        server.Override = request => (401, $$"""{"message":"Bad credentials: {{request.Authorization}}","documentation_url":"https://docs.github.com/rest"}""");
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => provider.OpenOrUpdateAsync(Submission, CancellationToken.None));

        Assert.Equal(
            "GitHub refused the pull request from traefik/prod/api into main in octo/gitops: 401 Bad credentials: Token ***. The branch is pushed; fix the cause and deliver again to open or update it.",
            error.Message);
        Assert.Null(error.InnerException);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenOrUpdateAsync_OpenPullRequestOnSecondPage_FollowsTheLinkAndUpdatesIt()
    {
        using var server = new FakeGitHub();
        server.Pulls.Add(new FakePull(12, "traefik/prod/api", "main", "old title", "old body"));
        server.Override = request => request.Method == "GET" && !request.Query.ContainsKey("page") ? (200, "[]") : null;
        server.Link = request => request.Method == "GET" && !request.Query.ContainsKey("page")
            ? $"<{server.BaseUrl}api/v3/repos/octo/gitops/pulls?state=open&head=octo%3Atraefik%2Fprod%2Fapi&base=main&page=2>; rel=\"next\", <{server.BaseUrl}api/v3/repos/octo/gitops/pulls?page=2>; rel=\"last\""
            : null;
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var result = await provider.OpenOrUpdateAsync(Submission, CancellationToken.None);

        Assert.Equal(new PullRequestResult("github", 12, "https://github.example.com/octo/gitops/pull/12", Created: false), result);
        Assert.Equal(["GET", "GET", "PATCH"], server.Requests.Select(r => r.Method));
        Assert.Equal("2", server.Requests[1].Query["page"]);
    }

    [Fact]
    public async Task OpenOrUpdateAsync_NextPageOnAnotherHost_IsNotFollowedWithTheToken()
    {
        using var server = new FakeGitHub();
        server.Link = request => request.Method == "GET" ? "<https://elsewhere.example.com/pulls?page=2>; rel=\"next\"" : null;
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var result = await provider.OpenOrUpdateAsync(Submission, CancellationToken.None);

        Assert.True(result!.Created);
        Assert.Equal(["GET", "POST"], server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task OpenOrUpdateAsync_ValidationErrorWithoutMessages_NamesResourceFieldAndCode()
    {
        using var server = new FakeGitHub();
        server.Override = request => request.Method == "POST"
            ? (422, """{"message":"Validation Failed","errors":[{"resource":"PullRequest","field":"base","code":"invalid"},"base branch is protected"]}""")
            : null;
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => provider.OpenOrUpdateAsync(Submission, CancellationToken.None));

        Assert.Equal(
            "GitHub refused the pull request from traefik/prod/api into main in octo/gitops: 422 Validation Failed (PullRequest base invalid; base branch is protected). The branch is pushed; fix the cause and deliver again to open or update it.",
            error.Message);
    }

    [Fact]
    public async Task OpenOrUpdateAsync_ProxyErrorPage_GivesTheStatusLine()
    {
        using var server = new FakeGitHub();
        server.Override = _ => (502, "<html><body>upstream down</body></html>");
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => provider.OpenOrUpdateAsync(Submission, CancellationToken.None));

        Assert.Equal(
            "GitHub refused the pull request from traefik/prod/api into main in octo/gitops: 502 Bad Gateway. The branch is pushed; fix the cause and deliver again to open or update it.",
            error.Message);
    }

    [Fact]
    public async Task OpenOrUpdateAsync_AnswerIsNotTheApi_SaysTheAddressIsWrong()
    {
        using var server = new FakeGitHub();
        server.Override = _ => (200, "<html><body>sign in</body></html>");
        var provider = new GitHubPullRequestProvider(server.Owner, server.Repository, Token, server.BaseUrl);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => provider.OpenOrUpdateAsync(Submission, CancellationToken.None));

        Assert.StartsWith("GitHub's answer about the pull request from traefik/prod/api could not be read (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); check that the API address points at the GitHub REST API. The branch is pushed; deliver again to open or update it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenOrUpdateAsync_ServerUnreachable_SaysSoWithoutTheToken()
    {
        Uri closed;
        using (var server = new FakeGitHub())
        {
            closed = server.BaseUrl;
        }

        var provider = new GitHubPullRequestProvider("octo", "gitops", Token, closed);

        var error = await Assert.ThrowsAsync<GitOpsException>(() => provider.OpenOrUpdateAsync(Submission, CancellationToken.None));

        Assert.StartsWith("GitHub could not be reached to open the pull request from traefik/prod/api: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "https://api.github.com/")]
    [InlineData("https://github.com/", "https://api.github.com/")]
    [InlineData("https://api.github.com", "https://api.github.com/")]
    [InlineData("https://github.example.com", "https://github.example.com/api/v3/")]
    [InlineData("https://github.example.com/", "https://github.example.com/api/v3/")]
    [InlineData("https://github.example.com/api/v3", "https://github.example.com/api/v3/")]
    [InlineData("http://127.0.0.1:8080/ghe/", "http://127.0.0.1:8080/ghe/api/v3/")]
    public void ApiRoot_ConfiguredAddress_GivesTheRestRoot(string? configured, string expected) =>
        Assert.Equal(new Uri(expected), GitHubPullRequestProvider.ApiRoot(configured is null ? null : new Uri(configured)));

    [Fact]
    public void Constructor_NotHttp_ThrowsNamingTheAddress()
    {
        var error = Assert.Throws<ArgumentException>(() => new GitHubPullRequestProvider("octo", "gitops", Token, new Uri("ftp://github.example.com/")));

        Assert.Equal("apiBaseUrl", error.ParamName);
        Assert.StartsWith("The GitHub API address must be an http or https URL, not 'ftp://github.example.com/'.", error.Message, StringComparison.Ordinal);
    }
}
