using System.Globalization;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// Builds and checks circuit-breaker expressions. Traefik (oxy v2.1.0) accepts
/// <c>NetworkErrorRatio()</c>, <c>ResponseCodeRatio(from, to, dividedByFrom, dividedByTo)</c> and
/// <c>LatencyAtQuantileMS(quantile)</c>, each on the left of a comparison with a literal of exactly its
/// type: ratios with decimals (<c>&gt; 0.5</c>, never <c>&gt; 1</c>), latency with integers
/// (<c>&gt; 250</c>, never <c>&gt; 250.0</c>). Comparisons combine with <c>&amp;&amp;</c>, <c>||</c> and
/// parentheses; <c>!</c> is not supported. A wrongly typed expression is only reported by Traefik at
/// run time, which disables the router, so it is checked here first.
/// </summary>
public static class CircuitBreakerExpression
{
    /// <summary>Trigger type: share of 5xx responses, <c>ResponseCodeRatio(500, 600, 0, 600) &gt; T</c>.</summary>
    public const string ErrorRateTrigger = "error-rate";

    /// <summary>Trigger type: latency at a quantile, <c>LatencyAtQuantileMS(Q) &gt; T</c>.</summary>
    public const string LatencyTrigger = "latency";

    /// <summary>Trigger type: share of network errors, <c>NetworkErrorRatio() &gt; T</c>.</summary>
    public const string NetworkErrorTrigger = "network-error";

    /// <summary>
    /// <c>ResponseCodeRatio(500, 600, 0, 600) &gt; threshold</c>: trips when more than
    /// <paramref name="threshold"/> of responses are 5xx.
    /// </summary>
    /// <param name="threshold">A ratio greater than 0 and at most 1, for example 0.3 for 30%.</param>
    /// <exception cref="ManifestException">The threshold is not a ratio.</exception>
    public static string ErrorRate(double threshold) => Build(ErrorRateTrigger, threshold, null);

    /// <summary><c>NetworkErrorRatio() &gt; threshold</c>: trips when more than <paramref name="threshold"/> of requests fail with a network error.</summary>
    /// <param name="threshold">A ratio greater than 0 and at most 1, for example 0.3 for 30%.</param>
    /// <exception cref="ManifestException">The threshold is not a ratio.</exception>
    public static string NetworkErrors(double threshold) => Build(NetworkErrorTrigger, threshold, null);

    /// <summary>
    /// <c>LatencyAtQuantileMS(quantile) &gt; thresholdMilliseconds</c>: trips when the latency at the
    /// quantile exceeds the threshold.
    /// </summary>
    /// <param name="thresholdMilliseconds">Whole milliseconds, greater than 0.</param>
    /// <param name="quantile">A percentage greater than 0 and at most 100, written with a decimal point.</param>
    /// <value>The default quantile is 99.0.</value>
    /// <exception cref="ManifestException">A value is out of range.</exception>
    public static string Latency(long thresholdMilliseconds, double quantile = MiddlewareDefaults.LatencyQuantile) =>
        Build(LatencyTrigger, thresholdMilliseconds, quantile);

    /// <summary>
    /// Builds the expression for a trigger type named as in the MCP tools (<c>error-rate</c>,
    /// <c>latency</c>, <c>network-error</c>).
    /// </summary>
    /// <param name="triggerType">The trigger type.</param>
    /// <param name="threshold">A ratio (0 &lt; T ≤ 1) for the ratio triggers; whole milliseconds (&gt; 0) for latency.</param>
    /// <param name="latencyQuantile">The latency quantile (latency only).</param>
    /// <value>The default latency quantile is 99.0.</value>
    /// <exception cref="ManifestException">An argument is invalid; every problem is listed with the parameter name as its path.</exception>
    public static string FromTrigger(string triggerType, double threshold, double? latencyQuantile = null) =>
        Build(triggerType, threshold, latencyQuantile);

    /// <summary>Checks an expression the way Traefik will parse and type it.</summary>
    /// <exception cref="ManifestException">The expression is not valid; each problem says how to write it instead.</exception>
    public static void Validate(string expression)
    {
        var problems = new Problems();
        foreach (var message in PredicateChecker.Check(expression, PredicateVocabulary.CircuitBreaker))
        {
            problems.Add("expression", message);
        }

        problems.ThrowIfAny("The circuit breaker expression is not valid.");
    }

    /// <summary>Checks an expression without throwing.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="problems">Every problem found; empty when the expression is valid.</param>
    /// <returns>True when the expression is valid.</returns>
    public static bool TryValidate(string? expression, out IReadOnlyList<string> problems)
    {
        problems = PredicateChecker.Check(expression, PredicateVocabulary.CircuitBreaker);
        return problems.Count == 0;
    }

    private static string Build(string triggerType, double threshold, double? quantile)
    {
        var problems = new Problems();
        var expression = Build(triggerType, threshold, quantile, problems);
        problems.ThrowIfAny("The circuit breaker trigger is not valid.");
        return expression!;
    }

    /// <summary>Builds the expression, adding a problem per bad argument (paths are the parameter names).</summary>
    internal static string? Build(string? triggerType, double? threshold, double? quantile, Problems problems)
    {
        var before = problems.Count;
        if (threshold is null)
        {
            problems.Add("threshold", triggerType == LatencyTrigger
                ? "is required: the latency in whole milliseconds above which the breaker opens, for example 250."
                : "is required: the ratio above which the breaker opens, for example 0.3 for 30%.");
        }
        else if (!double.IsFinite(threshold.Value))
        {
            problems.Add("threshold", "must be a finite number.");
        }

        if (quantile is not null && triggerType != LatencyTrigger)
        {
            problems.Add("latencyQuantile", $"applies only to the {LatencyTrigger} trigger; remove it.");
        }

        switch (triggerType)
        {
            case ErrorRateTrigger or NetworkErrorTrigger:
                var function = triggerType == ErrorRateTrigger ? "ResponseCodeRatio(500, 600, 0, 600)" : "NetworkErrorRatio()";
                if (threshold is { } ratio && double.IsFinite(ratio))
                {
                    if (ratio <= 0)
                    {
                        problems.Add("threshold", $"{Show(ratio)} must be greater than 0: the breaker opens when {function} is above it, for example 0.3 for 30%.");
                    }
                    else if (ratio > 1)
                    {
                        problems.Add("threshold", $"{Show(ratio)} would never trip: {function} is a ratio between 0 and 1. "
                            + (ratio <= 100 ? $"Use {PredicateChecker.FormatDecimal(ratio / 100)} for {Show(ratio)}%." : "Use 0.3 for 30%."));
                    }
                }

                return problems.Count == before ? $"{function} > {PredicateChecker.FormatDecimal(threshold!.Value)}" : null;

            case LatencyTrigger:
                var q = quantile ?? MiddlewareDefaults.LatencyQuantile;
                if (!double.IsFinite(q) || q <= 0 || q > 100)
                {
                    problems.Add("latencyQuantile", $"{Show(q)} must be a percentage greater than 0 and at most 100, for example 99.0.");
                }

                if (threshold is { } ms && double.IsFinite(ms))
                {
                    if (ms != Math.Floor(ms))
                    {
                        problems.Add("threshold", $"{Show(ms)} is not a whole number: LatencyAtQuantileMS compares with whole milliseconds, for example 250.");
                    }
                    else if (ms <= 0)
                    {
                        problems.Add("threshold", $"{Show(ms)} must be greater than 0 milliseconds, for example 250.");
                    }
                    else if (ms > int.MaxValue)
                    {
                        problems.Add("threshold", $"{Show(ms)} milliseconds is too large; give at most {int.MaxValue}.");
                    }
                }

                return problems.Count == before
                    ? $"LatencyAtQuantileMS({PredicateChecker.FormatDecimal(q)}) > {((long)threshold!.Value).ToString(CultureInfo.InvariantCulture)}"
                    : null;

            default:
                problems.Add("triggerType", (string.IsNullOrEmpty(triggerType) ? "is required" : $"{Check.Show(triggerType)} is not a trigger type")
                    + $": use {ErrorRateTrigger}, {LatencyTrigger} or {NetworkErrorTrigger} (or give an expression).");
                return null;
        }
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
