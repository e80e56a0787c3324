using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary><c>inFlightReq</c>: limits simultaneous requests; excess requests get 429.</summary>
public sealed record InFlightReqSpec : JsonRecord
{
    /// <summary>Maximum simultaneous requests per source.</summary>
    public long? Amount { get; init; }

    /// <summary>What counts as one source (Traefik's default for this middleware: the request host).</summary>
    public SourceCriterion? SourceCriterion { get; init; }
}
