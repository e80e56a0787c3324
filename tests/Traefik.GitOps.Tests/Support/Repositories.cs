namespace Traefik.GitOps.Tests.Support;

public static class Repositories
{
    /// <summary>Opens the test repository's working clone with a fixed clock.</summary>
    public static GitOpsRepository Open(TempRepository repo, GitOpsOptions? options = null, Traefik.GitOps.PullRequests.IPullRequestProvider? provider = null) =>
        GitOpsRepository.Open((options ?? new GitOpsOptions()) with { RepositoryPath = repo.Work }, FixedTime.Default, provider);

    /// <summary>Opens a clone with a fixed clock and the decoder of <see cref="RecordedIntents"/>, so its proposal branches can be rebuilt.</summary>
    public static GitOpsRepository OpenRecorded(string work, GitOpsOptions? options = null, Traefik.GitOps.PullRequests.IPullRequestProvider? provider = null) =>
        GitOpsRepository.Open((options ?? new GitOpsOptions()) with { RepositoryPath = work, IntentDecoder = RecordedIntents.Decode }, FixedTime.Default, provider);

    /// <summary>A repository whose main branch holds the hand-written weighted service and route, one per file.</summary>
    public static TempRepository WithRoute()
    {
        var repo = new TempRepository();
        repo.Commit("Add the api route", ("traefik/prod/api-wrr.yaml", Samples.WeightedService), ("traefik/prod/api-route.yaml", Samples.Route));
        return repo;
    }
}
