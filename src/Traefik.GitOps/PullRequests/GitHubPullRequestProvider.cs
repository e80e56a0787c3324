using Octokit;
using Traefik.GitOps.Security;

namespace Traefik.GitOps.PullRequests;

/// <summary>
/// Opens or updates pull requests on GitHub or GitHub Enterprise Server with Octokit. One pull request per
/// head branch: an open one from the same branch into the same base is looked up first and updated (title
/// and body); a 422 "A pull request already exists" (another writer opened it meanwhile) is answered by
/// updating that one. The token never appears in a message.
/// </summary>
public sealed class GitHubPullRequestProvider : IPullRequestProvider
{
    private readonly GitHubClient _client;
    private readonly string _owner;
    private readonly string _repository;
    private readonly SecretRedactor _redactor = new();

    /// <summary>Creates a provider for one repository.</summary>
    /// <param name="owner">The repository owner.</param>
    /// <param name="repository">The repository name.</param>
    /// <param name="token">The token (a personal access token or an installation token).</param>
    /// <param name="apiBaseUrl">Null for github.com; the GitHub Enterprise Server address otherwise.</param>
    public GitHubPullRequestProvider(string owner, string repository, string token, Uri? apiBaseUrl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _owner = owner;
        _repository = repository;
        _redactor.Add(token);
        var product = new ProductHeaderValue("Traefik.GitOps");
        _client = apiBaseUrl is null ? new GitHubClient(product) : new GitHubClient(product, apiBaseUrl);
        _client.Credentials = new Credentials(token);
    }

    /// <inheritdoc />
    public string Name => "github";

    /// <inheritdoc />
    public async Task<PullRequestResult?> OpenOrUpdateAsync(PullRequestSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            var existing = await FindOpenAsync(submission).ConfigureAwait(false);
            if (existing is not null)
            {
                return await UpdateAsync(existing, submission).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var created = await _client.PullRequest.Create(_owner, _repository, new NewPullRequest(submission.Title, submission.HeadBranch, submission.BaseBranch) { Body = submission.Body }).ConfigureAwait(false);
                return new PullRequestResult(Name, created.Number, created.HtmlUrl, Created: true);
            }
            catch (ApiValidationException e) when (AlreadyExists(e))
            {
                existing = await FindOpenAsync(submission).ConfigureAwait(false)
                    ?? throw new GitOpsException($"GitHub says a pull request from {submission.HeadBranch} into {submission.BaseBranch} already exists in {_owner}/{_repository}, but it is not listed as open. Check the repository's pull requests.");
                return await UpdateAsync(existing, submission).ConfigureAwait(false);
            }
        }
        catch (ApiException e)
        {
            throw _redactor.Wrap(
                $"GitHub refused the pull request from {submission.HeadBranch} into {submission.BaseBranch} in {_owner}/{_repository}: {(int)e.StatusCode} {Describe(e)}. The branch is pushed; fix the cause and deliver again to open or update it.",
                e);
        }
        catch (HttpRequestException e)
        {
            throw _redactor.Wrap($"GitHub could not be reached to open the pull request from {submission.HeadBranch}: {e.Message}. The branch is pushed; deliver again to open or update it.", e);
        }
    }

    private async Task<PullRequest?> FindOpenAsync(PullRequestSubmission submission)
    {
        var request = new PullRequestRequest { Head = _owner + ":" + submission.HeadBranch, Base = submission.BaseBranch, State = ItemStateFilter.Open };
        var open = await _client.PullRequest.GetAllForRepository(_owner, _repository, request).ConfigureAwait(false);
        return open.Where(p => p.Head?.Ref == submission.HeadBranch).OrderBy(p => p.Number).FirstOrDefault();
    }

    private async Task<PullRequestResult> UpdateAsync(PullRequest existing, PullRequestSubmission submission)
    {
        var updated = await _client.PullRequest.Update(_owner, _repository, existing.Number, new PullRequestUpdate { Title = submission.Title, Body = submission.Body }).ConfigureAwait(false);
        return new PullRequestResult(Name, updated.Number, updated.HtmlUrl, Created: false);
    }

    private static bool AlreadyExists(ApiValidationException e) =>
        e.ApiError?.Errors?.Any(x => x.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true) == true
        || e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase);

    private static string Describe(ApiException e)
    {
        var details = e.ApiError?.Errors?.Select(x => x.Message).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];
        return details.Count == 0 ? e.Message : e.Message + " (" + string.Join("; ", details) + ")";
    }
}
