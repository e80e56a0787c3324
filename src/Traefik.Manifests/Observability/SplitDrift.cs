namespace Traefik.Manifests.Observability;

/// <summary>
/// Compares the observed split of requests between backends with the desired weights. A backend drifts
/// when its observed share differs from its desired share by more than the tolerance, or by more than
/// chance allows at this traffic (sigma binomial standard deviations) when that is larger; nothing drifts
/// while the group answered fewer than the minimum requests.
/// </summary>
public static class SplitDrift
{
    /// <summary>The default tolerance, in percentage points.</summary>
    public const double DefaultTolerancePoints = 2;

    /// <summary>The default least number of requests in the window before drift is judged.</summary>
    public const double DefaultMinRequests = 100;

    /// <summary>Judges each backend; the result is in the order of <paramref name="backends"/>.</summary>
    /// <param name="backends">Each backend's desired share (0–100) and requests answered in the window (NaN counts as 0).</param>
    /// <param name="tolerancePoints">Allowed difference, in percentage points.</param>
    /// <param name="minRequests">Least number of requests across the group before drift is judged.</param>
    /// <param name="sigma">Binomial standard deviations allowed for chance.</param>
    public static IReadOnlyList<BackendDrift> Evaluate(IReadOnlyList<(decimal DesiredPercent, double Requests)> backends, double tolerancePoints = DefaultTolerancePoints, double minRequests = DefaultMinRequests, double sigma = 2)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var total = backends.Sum(b => Count(b.Requests));
        var enough = total > 0 && total >= minRequests;
        return backends.Select(b =>
        {
            var requests = Count(b.Requests);
            var p = (double)b.DesiredPercent / 100;
            var chance = total > 0 ? sigma * 100 * Math.Sqrt(p * (1 - p) / total) : 0;
            var allowed = Math.Max(tolerancePoints, chance);
            double? observed = total > 0 ? requests * 100 / total : null;
            double? difference = observed - (double)b.DesiredPercent;
            return new BackendDrift(b.DesiredPercent, requests, observed, difference, allowed, enough && Math.Abs(difference ?? 0) > allowed);
        }).ToList();
    }

    private static double Count(double requests) => double.IsFinite(requests) && requests > 0 ? requests : 0;
}
