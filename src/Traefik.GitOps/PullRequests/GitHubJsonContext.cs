using System.Text.Json;
using System.Text.Json.Serialization;

namespace Traefik.GitOps.PullRequests;

/// <summary>Source-generated JSON for the few GitHub REST shapes the provider reads and writes (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GitHubNewPullRequest))]
[JsonSerializable(typeof(GitHubPullRequestUpdate))]
[JsonSerializable(typeof(GitHubPullRequestState))]
[JsonSerializable(typeof(GitHubComment))]
[JsonSerializable(typeof(GitHubPullRequest))]
[JsonSerializable(typeof(List<GitHubPullRequest>))]
[JsonSerializable(typeof(GitHubError))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext
{
}

/// <summary>The body of <c>POST /repos/{owner}/{repo}/pulls</c>.</summary>
internal sealed record GitHubNewPullRequest(string Title, string Head, string Base, string Body);

/// <summary>The body of <c>PATCH /repos/{owner}/{repo}/pulls/{number}</c>.</summary>
internal sealed record GitHubPullRequestUpdate(string Title, string Body);

/// <summary>The body of <c>PATCH /repos/{owner}/{repo}/pulls/{number}</c> that closes a pull request.</summary>
internal sealed record GitHubPullRequestState(string State);

/// <summary>The body of <c>POST /repos/{owner}/{repo}/issues/{number}/comments</c>.</summary>
internal sealed record GitHubComment(string Body);

/// <summary>The fields of a pull request the provider uses.</summary>
internal sealed record GitHubPullRequest
{
    public int Number { get; init; }

    public string? HtmlUrl { get; init; }

    public GitHubBranchReference? Head { get; init; }
}

/// <summary>The head or base of a pull request.</summary>
internal sealed record GitHubBranchReference
{
    public string? Ref { get; init; }
}

/// <summary>An error answer: <c>message</c> and, for validation failures, <c>errors</c> (objects or strings).</summary>
internal sealed record GitHubError
{
    public string? Message { get; init; }

    public List<JsonElement>? Errors { get; init; }
}
