using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Traefik.GitOps.Security;

namespace Traefik.GitOps.PullRequests;

/// <summary>
/// Opens or updates pull requests on GitHub or GitHub Enterprise Server through the REST API. One pull
/// request per head branch: an open one from the same branch into the same base is looked up first and
/// updated (title and body); a 422 "A pull request already exists" (another writer opened it meanwhile) is
/// answered by updating that one. The token never appears in a message.
/// </summary>
public sealed class GitHubPullRequestProvider : IPullRequestProvider
{
    /// <summary>The API root of github.com.</summary>
    internal static readonly Uri GitHubApiUrl = new("https://api.github.com/");

    // One connection pool for every provider (a handler per provider would leak sockets); DNS changes are
    // picked up because pooled connections are recycled.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    private static readonly ProductInfoHeaderValue UserAgent = new("Traefik.GitOps", typeof(GitHubPullRequestProvider).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly string _owner;
    private readonly string _repository;
    private readonly string _token;
    private readonly Uri _pulls;
    private readonly SecretRedactor _redactor = new();

    /// <summary>Creates a provider for one repository.</summary>
    /// <param name="owner">The repository owner.</param>
    /// <param name="repository">The repository name.</param>
    /// <param name="token">The token (a personal access token or an installation token).</param>
    /// <param name="apiBaseUrl">
    /// Null for github.com; the GitHub Enterprise Server address otherwise (for example
    /// <c>https://github.example.com/</c>), to which <c>api/v3/</c> is appended unless it already ends with it.
    /// </param>
    public GitHubPullRequestProvider(string owner, string repository, string token, Uri? apiBaseUrl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _owner = owner;
        _repository = repository;
        _token = token;
        _redactor.Add(token, "the GitHub token");
        _pulls = new Uri(ApiRoot(apiBaseUrl), $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}/pulls");
    }

    /// <inheritdoc />
    public string Name => "github";

    /// <summary>
    /// The REST API root for a configured address: github.com (or null) gives <c>https://api.github.com/</c>;
    /// a GitHub Enterprise Server address gets <c>api/v3/</c> appended unless its path already ends with it.
    /// </summary>
    internal static Uri ApiRoot(Uri? apiBaseUrl)
    {
        if (apiBaseUrl is null || apiBaseUrl.Host is "github.com" or "api.github.com")
        {
            return GitHubApiUrl;
        }

        if (!apiBaseUrl.IsAbsoluteUri || apiBaseUrl.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"The GitHub API address must be an http or https URL, not '{apiBaseUrl}'.", nameof(apiBaseUrl));
        }

        var path = apiBaseUrl.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase))
        {
            path += "/api/v3";
        }

        return new UriBuilder(apiBaseUrl) { Path = path + "/", Query = string.Empty, Fragment = string.Empty }.Uri;
    }

    /// <inheritdoc />
    public async Task<PullRequestResult?> OpenOrUpdateAsync(PullRequestSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            var existing = await FindOpenAsync(submission, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return await UpdateAsync(existing.Number, submission, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var body = new GitHubNewPullRequest(submission.Title, submission.HeadBranch, submission.BaseBranch, submission.Body);
                var created = await SendAsync(HttpMethod.Post, _pulls, Content(body, GitHubJsonContext.Default.GitHubNewPullRequest), GitHubJsonContext.Default.GitHubPullRequest, cancellationToken).ConfigureAwait(false);
                return new PullRequestResult(Name, created.Number, created.HtmlUrl, Created: true);
            }
            catch (GitHubApiException e) when (e.AlreadyExists)
            {
                existing = await FindOpenAsync(submission, cancellationToken).ConfigureAwait(false)
                    ?? throw new GitOpsException($"GitHub says a pull request from {submission.HeadBranch} into {submission.BaseBranch} already exists in {_owner}/{_repository}, but it is not listed as open. Check the repository's pull requests.");
                return await UpdateAsync(existing.Number, submission, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (GitHubApiException e)
        {
            throw _redactor.Wrap(
                $"GitHub refused the pull request from {submission.HeadBranch} into {submission.BaseBranch} in {_owner}/{_repository}: {(int)e.Status} {e.Message}. The branch is pushed; fix the cause and deliver again to open or update it.",
                e);
        }
        catch (HttpRequestException e)
        {
            throw _redactor.Wrap($"GitHub could not be reached to open the pull request from {submission.HeadBranch}: {e.Message}. The branch is pushed; deliver again to open or update it.", e);
        }
        catch (JsonException e)
        {
            throw _redactor.Wrap($"GitHub's answer about the pull request from {submission.HeadBranch} could not be read ({e.Message}); check that the API address points at the GitHub REST API. The branch is pushed; deliver again to open or update it.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw _redactor.Wrap($"GitHub did not answer within {Http.Timeout.TotalSeconds:0} seconds while opening the pull request from {submission.HeadBranch}. The branch is pushed; deliver again to open or update it.", e);
        }
    }

    /// <inheritdoc />
    public async Task<PullRequestResult?> CloseAsync(string headBranch, string baseBranch, string comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headBranch);
        ArgumentNullException.ThrowIfNull(baseBranch);
        ArgumentNullException.ThrowIfNull(comment);
        var submission = new PullRequestSubmission(headBranch, baseBranch, string.Empty, string.Empty);
        try
        {
            if (await FindOpenAsync(submission, cancellationToken).ConfigureAwait(false) is not { } open)
            {
                return null;
            }

            var number = open.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var issues = new Uri(_pulls, $"issues/{number}/comments");
            await SendAsync(HttpMethod.Post, issues, Content(new GitHubComment(comment), GitHubJsonContext.Default.GitHubComment), GitHubJsonContext.Default.GitHubComment, cancellationToken).ConfigureAwait(false);
            var closed = await SendAsync(HttpMethod.Patch, new Uri(_pulls + "/" + number), Content(new GitHubPullRequestState("closed"), GitHubJsonContext.Default.GitHubPullRequestState), GitHubJsonContext.Default.GitHubPullRequest, cancellationToken).ConfigureAwait(false);
            return new PullRequestResult(Name, closed.Number, closed.HtmlUrl, Created: false);
        }
        catch (GitHubApiException e)
        {
            throw _redactor.Wrap($"GitHub refused to close the pull request from {headBranch} into {baseBranch} in {_owner}/{_repository}: {(int)e.Status} {e.Message}. Close it by hand.", e);
        }
        catch (HttpRequestException e)
        {
            throw _redactor.Wrap($"GitHub could not be reached to close the pull request from {headBranch}: {e.Message}. Close it by hand, or refresh again.", e);
        }
        catch (JsonException e)
        {
            throw _redactor.Wrap($"GitHub's answer about closing the pull request from {headBranch} could not be read ({e.Message}). Check it by hand.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw _redactor.Wrap($"GitHub did not answer within {Http.Timeout.TotalSeconds:0} seconds while closing the pull request from {headBranch}. Close it by hand, or refresh again.", e);
        }
    }

    private async Task<GitHubPullRequest?> FindOpenAsync(PullRequestSubmission submission, CancellationToken cancellationToken)
    {
        // GitHub filters by "owner:branch" for head; at most one open pull request per head and base exists,
        // but the listing is paged, so follow the pages (on the same server only: the token goes with them).
        var query = $"?state=open&head={Uri.EscapeDataString(_owner + ":" + submission.HeadBranch)}&base={Uri.EscapeDataString(submission.BaseBranch)}&per_page=100";
        Uri? page = new(_pulls + query);
        var open = new List<GitHubPullRequest>();
        for (var pages = 0; page is not null && pages < 10; pages++)
        {
            var (items, next) = await SendPagedAsync(page, cancellationToken).ConfigureAwait(false);
            open.AddRange(items);
            page = next is not null && Uri.Compare(next, _pulls, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0 ? next : null;
        }

        return open.Where(p => p.Head?.Ref == submission.HeadBranch).OrderBy(p => p.Number).FirstOrDefault();
    }

    private async Task<PullRequestResult> UpdateAsync(int number, PullRequestSubmission submission, CancellationToken cancellationToken)
    {
        var uri = new Uri(_pulls + "/" + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var body = Content(new GitHubPullRequestUpdate(submission.Title, submission.Body), GitHubJsonContext.Default.GitHubPullRequestUpdate);
        var updated = await SendAsync(HttpMethod.Patch, uri, body, GitHubJsonContext.Default.GitHubPullRequest, cancellationToken).ConfigureAwait(false);
        return new PullRequestResult(Name, updated.Number, updated.HtmlUrl, Created: false);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = Request(method, uri, content);
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("The answer was null.");
    }

    private async Task<(IReadOnlyList<GitHubPullRequest> Items, Uri? Next)> SendPagedAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, uri, content: null);
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var items = JsonSerializer.Deserialize(json, GitHubJsonContext.Default.ListGitHubPullRequest) ?? [];
        return (items, NextPage(response));
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", _token);
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        return request;
    }

    private static StringContent Content<T>(T value, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");

    /// <summary>The body of a successful answer; a <see cref="GitHubApiException"/> with GitHub's message otherwise.</summary>
    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return text;
        }

        GitHubError? error = null;
        try
        {
            error = text.Length == 0 ? null : JsonSerializer.Deserialize(text, GitHubJsonContext.Default.GitHubError);
        }
        catch (JsonException)
        {
            // Not GitHub's JSON (a proxy's error page): the status line says enough.
        }

        throw new GitHubApiException(response.StatusCode, error, response.ReasonPhrase);
    }

    private static Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        // Link: <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"
        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';');
            if (parts.Length > 1 && parts.Skip(1).Any(p => p.Trim() is "rel=\"next\"" or "rel=next")
                && Uri.TryCreate(parts[0].Trim().TrimStart('<').TrimEnd('>'), UriKind.Absolute, out var next))
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>A refusal by the API: the status and GitHub's message with its per-field details.</summary>
    private sealed class GitHubApiException(HttpStatusCode status, GitHubError? error, string? reason)
        : Exception(Describe(error, reason))
    {
        public HttpStatusCode Status { get; } = status;

        public bool AlreadyExists =>
            Status == HttpStatusCode.UnprocessableEntity
            && Message.Contains("already exists", StringComparison.OrdinalIgnoreCase);

        private static string Describe(GitHubError? error, string? reason)
        {
            var message = string.IsNullOrWhiteSpace(error?.Message) ? (string.IsNullOrWhiteSpace(reason) ? "no message" : reason) : error.Message;
            var details = (error?.Errors ?? []).Select(Detail).Where(s => s.Length > 0).ToList();
            return details.Count == 0 ? message : message + " (" + string.Join("; ", details) + ")";
        }

        /// <summary>One entry of <c>errors</c>: a string, or an object with a message or resource, field and code.</summary>
        private static string Detail(JsonElement entry) => entry.ValueKind switch
        {
            JsonValueKind.String => entry.GetString() ?? string.Empty,
            JsonValueKind.Object when Text(entry, "message") is { Length: > 0 } message => message,
            JsonValueKind.Object => string.Join(" ", new[] { Text(entry, "resource"), Text(entry, "field"), Text(entry, "code") }.Where(s => !string.IsNullOrEmpty(s))),
            _ => string.Empty,
        };

        private static string? Text(JsonElement entry, string name) =>
            entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
