using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// Factories for middleware specs whose parameters map one to one onto the MCP tool arguments
/// (<c>rate_limit</c>, <c>circuit_breaker</c>, <c>strip_prefix</c>…). They build the spec; the full
/// rules are checked when it is written with <see cref="HttpMiddlewares.Upsert(ManifestSet, string, string, MiddlewareSpec)"/>. Only the circuit
/// breaker checks its arguments here, because it turns them into an expression.
/// </summary>
public static class MiddlewareSpecs
{
    /// <summary><c>rateLimit</c>: <paramref name="average"/> requests per <paramref name="period"/>, bursts of up to <paramref name="burst"/>.</summary>
    /// <param name="average">Average requests allowed per period; 0 means no limit.</param>
    /// <param name="burst">Largest burst; Traefik's default is 1.</param>
    /// <param name="period">The period, for example <c>1s</c> or <c>1m</c>; Traefik's default is 1s.</param>
    /// <param name="sourceCriterion">What counts as one client; Traefik's default is the remote address.</param>
    public static MiddlewareSpec RateLimit(long average, long? burst = null, IntOrString? period = null, SourceCriterion? sourceCriterion = null) =>
        new() { RateLimit = new RateLimitSpec { Average = average, Burst = burst, Period = period, SourceCriterion = sourceCriterion } };

    /// <summary>
    /// <c>circuitBreaker</c>, from a trigger (<c>error-rate</c>, <c>latency</c>, <c>network-error</c>)
    /// and a threshold, or from a raw <paramref name="expression"/>. See <see cref="CircuitBreakerExpression"/>.
    /// </summary>
    /// <param name="triggerType"><c>error-rate</c> (share of 5xx), <c>latency</c> (milliseconds at a quantile) or <c>network-error</c> (share of network errors).</param>
    /// <param name="threshold">A ratio 0 &lt; T ≤ 1 for the ratio triggers (0.3 = 30%); whole milliseconds &gt; 0 for latency.</param>
    /// <param name="responseCode">Status answered while open (100–599); Traefik's default is 503.</param>
    /// <param name="checkPeriod">Interval between checks; Traefik's default is 100ms.</param>
    /// <param name="fallbackDuration">How long the breaker stays open; Traefik's default is 10s.</param>
    /// <param name="recoveryDuration">How long traffic ramps back up; Traefik's default is 10s.</param>
    /// <param name="latencyQuantile">The quantile of the latency trigger; the default is 99.0.</param>
    /// <param name="expression">A raw expression, instead of <paramref name="triggerType"/> and <paramref name="threshold"/>.</param>
    /// <exception cref="ManifestException">An argument is invalid; each problem's path is the parameter name.</exception>
    public static MiddlewareSpec CircuitBreaker(
        string? triggerType = null,
        double? threshold = null,
        int? responseCode = null,
        IntOrString? checkPeriod = null,
        IntOrString? fallbackDuration = null,
        IntOrString? recoveryDuration = null,
        double? latencyQuantile = null,
        string? expression = null)
    {
        var problems = new Problems();
        string? built = null;
        if (expression is not null)
        {
            if (triggerType is not null || threshold is not null || latencyQuantile is not null)
            {
                problems.Add("expression", "give either an expression or triggerType with threshold (and latencyQuantile), not both.");
            }

            foreach (var message in PredicateChecker.Check(expression, PredicateVocabulary.CircuitBreaker))
            {
                problems.Add("expression", message);
            }

            built = expression;
        }
        else if (triggerType is null && threshold is null)
        {
            problems.Add("triggerType", $"is required: {CircuitBreakerExpression.ErrorRateTrigger}, {CircuitBreakerExpression.LatencyTrigger} or {CircuitBreakerExpression.NetworkErrorTrigger} with a threshold, or give an expression.");
        }
        else
        {
            built = CircuitBreakerExpression.Build(triggerType, threshold, latencyQuantile, problems);
        }

        var spec = new CircuitBreakerSpec
        {
            Expression = built,
            ResponseCode = responseCode,
            CheckPeriod = checkPeriod,
            FallbackDuration = fallbackDuration,
            RecoveryDuration = recoveryDuration,
        };
        MiddlewareRules.CircuitBreakerTimings(spec, problems, string.Empty);
        problems.ThrowIfAny("The circuit breaker arguments are not valid.");
        return new MiddlewareSpec { CircuitBreaker = spec };
    }

    /// <summary><c>stripPrefix</c>: removes the first matching prefix (for example <c>/api</c>) before forwarding.</summary>
    public static MiddlewareSpec StripPrefix(IEnumerable<string> prefixes) =>
        new() { StripPrefix = new StripPrefixSpec { Prefixes = [.. Required(prefixes)] } };

    /// <summary><c>stripPrefixRegex</c>: removes the part of the path matched by the first matching expression.</summary>
    public static MiddlewareSpec StripPrefixRegex(IEnumerable<string> regex) =>
        new() { StripPrefixRegex = new StripPrefixRegexSpec { Regex = [.. Required(regex)] } };

    /// <summary><c>addPrefix</c>: prepends <paramref name="prefix"/> (starting with <c>/</c>) to the path.</summary>
    public static MiddlewareSpec AddPrefix(string prefix) => new() { AddPrefix = new AddPrefixSpec { Prefix = prefix } };

    /// <summary><c>replacePath</c>: replaces the whole path.</summary>
    public static MiddlewareSpec ReplacePath(string path) => new() { ReplacePath = new ReplacePathSpec { Path = path } };

    /// <summary><c>replacePathRegex</c>: rewrites the path, for example <c>^/api/(.*)</c> to <c>/$1</c>.</summary>
    public static MiddlewareSpec ReplacePathRegex(string regex, string replacement) =>
        new() { ReplacePathRegex = new ReplacePathRegexSpec { Regex = regex, Replacement = replacement } };

    /// <summary><c>redirectScheme</c>: redirects to <paramref name="scheme"/>, optionally on another port.</summary>
    /// <param name="scheme"><c>https</c> or <c>http</c>.</param>
    /// <param name="port">The target port; written as the string the CRD expects.</param>
    /// <param name="permanent">Redirect permanently (301/308).</param>
    public static MiddlewareSpec RedirectScheme(string scheme = "https", int? port = null, bool? permanent = null) =>
        new()
        {
            RedirectScheme = new RedirectSchemeSpec
            {
                Scheme = scheme,
                Port = port?.ToString(CultureInfo.InvariantCulture),
                Permanent = permanent,
            },
        };

    /// <summary><c>redirectRegex</c>: redirects URLs matching <paramref name="regex"/> to <paramref name="replacement"/>.</summary>
    public static MiddlewareSpec RedirectRegex(string regex, string replacement, bool? permanent = null) =>
        new() { RedirectRegex = new RedirectRegexSpec { Regex = regex, Replacement = replacement, Permanent = permanent } };

    /// <summary><c>basicAuth</c> with users from a Secret in the Middleware's namespace.</summary>
    public static MiddlewareSpec BasicAuth(string secret, string? realm = null, bool? removeHeader = null, string? headerField = null) =>
        new() { BasicAuth = new BasicAuthSpec { Secret = secret, Realm = realm, RemoveHeader = removeHeader, HeaderField = headerField } };

    /// <summary><c>digestAuth</c> with users from a Secret in the Middleware's namespace.</summary>
    public static MiddlewareSpec DigestAuth(string secret, string? realm = null, bool? removeHeader = null, string? headerField = null) =>
        new() { DigestAuth = new DigestAuthSpec { Secret = secret, Realm = realm, RemoveHeader = removeHeader, HeaderField = headerField } };

    /// <summary><c>forwardAuth</c>: asks <paramref name="address"/> about each request and copies <paramref name="authResponseHeaders"/> onto it.</summary>
    public static MiddlewareSpec ForwardAuth(string address, IEnumerable<string>? authResponseHeaders = null) =>
        new() { ForwardAuth = new ForwardAuthSpec { Address = address, AuthResponseHeaders = authResponseHeaders is null ? null : [.. authResponseHeaders] } };

    /// <summary><c>chain</c> of middlewares, each written <c>name</c>, <c>namespace/name</c> or <c>name@provider</c>.</summary>
    public static MiddlewareSpec Chain(IEnumerable<string> middlewares) =>
        new()
        {
            Chain = new ChainSpec
            {
                Middlewares = [.. Required(middlewares).Select(m => Routing.MiddlewareReferences.FromText(m))],
            },
        };

    /// <summary><c>headers</c> that set (or, with an empty value, remove) request and response headers.</summary>
    public static MiddlewareSpec Headers(IReadOnlyDictionary<string, string>? customRequestHeaders = null, IReadOnlyDictionary<string, string>? customResponseHeaders = null) =>
        new()
        {
            Headers = new HeadersSpec
            {
                CustomRequestHeaders = Sorted(customRequestHeaders),
                CustomResponseHeaders = Sorted(customResponseHeaders),
            },
        };

    /// <summary><c>ipAllowList</c>: only clients from <paramref name="sourceRange"/> (IPs or CIDR ranges) get through.</summary>
    public static MiddlewareSpec IpAllowList(IEnumerable<string> sourceRange, int? rejectStatusCode = null) =>
        new() { IpAllowList = new IpAllowListSpec { SourceRange = [.. Required(sourceRange)], RejectStatusCode = rejectStatusCode } };

    /// <summary><c>inFlightReq</c>: at most <paramref name="amount"/> simultaneous requests.</summary>
    public static MiddlewareSpec InFlightReq(long amount, SourceCriterion? sourceCriterion = null) =>
        new() { InFlightReq = new InFlightReqSpec { Amount = amount, SourceCriterion = sourceCriterion } };

    /// <summary><c>retry</c>: up to <paramref name="attempts"/> tries in all.</summary>
    public static MiddlewareSpec Retry(int attempts, IntOrString? initialInterval = null) =>
        new() { Retry = new RetrySpec { Attempts = attempts, InitialInterval = initialInterval } };

    /// <summary><c>errors</c>: serves error pages for <paramref name="status"/> from a Kubernetes Service.</summary>
    public static MiddlewareSpec Errors(IEnumerable<string> status, string serviceName, IntOrString servicePort, string? query = null) =>
        new()
        {
            Errors = new ErrorsSpec
            {
                Status = [.. Required(status)],
                Service = new ServiceReference { Name = serviceName, Port = servicePort },
                Query = query,
            },
        };

    /// <summary><c>compress</c> with Traefik's defaults.</summary>
    public static MiddlewareSpec Compress() => new() { Compress = new CompressSpec() };

    /// <summary><c>contentType: {}</c>: detect a missing Content-Type (Traefik v2's default behaviour).</summary>
    public static MiddlewareSpec ContentType() => new() { ContentType = new ContentTypeSpec() };

    /// <summary><c>grpcWeb</c> for the given origins (<c>*</c> for any).</summary>
    public static MiddlewareSpec GrpcWeb(IEnumerable<string>? allowOrigins = null) =>
        new() { GrpcWeb = new GrpcWebSpec { AllowOrigins = allowOrigins is null ? null : [.. allowOrigins] } };

    /// <summary><c>plugin</c>: the plugin declared as <paramref name="name"/> in Traefik's static configuration, with its configuration.</summary>
    public static MiddlewareSpec Plugin(string name, JsonElement configuration) =>
        new() { Plugin = ImmutableSortedDictionary.Create<string, JsonElement>(StringComparer.Ordinal).Add(name, configuration.Clone()) };

    private static IEnumerable<string> Required(IEnumerable<string> values, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(values))] string? name = null) =>
        values ?? throw new ArgumentNullException(name);

    private static ImmutableSortedDictionary<string, string>? Sorted(IReadOnlyDictionary<string, string>? values) =>
        values is null ? null : ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, values);
}
