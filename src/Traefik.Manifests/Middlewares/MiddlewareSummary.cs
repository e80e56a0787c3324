using System.Globalization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>One line saying what a middleware does, for outcomes, PR text and listings.</summary>
internal static class MiddlewareSummary
{
    public static string Describe(MiddlewareSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var types = spec.Types;
        if (types.Count == 0)
        {
            return "no middleware type set";
        }

        if (types.Count > 1)
        {
            return "several middleware types set: " + string.Join(", ", types);
        }

        var detail = types[0] switch
        {
            MiddlewareTypes.AddPrefix => $"prepend {spec.AddPrefix!.Prefix}",
            MiddlewareTypes.BasicAuth => Auth(spec.BasicAuth!.Secret, spec.BasicAuth.Realm),
            MiddlewareTypes.Buffering => Buffering(spec.Buffering!),
            MiddlewareTypes.Chain => List(spec.Chain!.Middlewares?.Select(m => m.Namespace is null || m.Name.Contains('@', StringComparison.Ordinal) ? m.Name : $"{m.Namespace}/{m.Name}")),
            MiddlewareTypes.CircuitBreaker => CircuitBreaker(spec.CircuitBreaker!),
            MiddlewareTypes.Compress => Compress(spec.Compress!),
            MiddlewareTypes.ContentType => "detect a missing Content-Type",
            MiddlewareTypes.DigestAuth => Auth(spec.DigestAuth!.Secret, spec.DigestAuth.Realm),
            MiddlewareTypes.EncodedCharacters => EncodedCharacters(spec.EncodedCharacters!),
            MiddlewareTypes.Errors => Errors(spec.Errors!),
            MiddlewareTypes.ForwardAuth => $"ask {spec.ForwardAuth!.Address}",
            MiddlewareTypes.GrpcWeb => "gRPC-Web for " + (spec.GrpcWeb!.AllowOrigins is { IsEmpty: false } o ? List(o) : "same-origin requests"),
            MiddlewareTypes.Headers => Headers(spec.Headers!),
            MiddlewareTypes.InFlightReq => $"at most {spec.InFlightReq!.Amount} requests in flight",
            MiddlewareTypes.IpAllowList => $"allow {List(spec.IpAllowList!.SourceRange)}, answer others {spec.IpAllowList.RejectStatusCode ?? MiddlewareDefaults.IpAllowListRejectStatusCode}",
            MiddlewareTypes.PassTlsClientCert => PassTlsClientCert(spec.PassTlsClientCert!),
            MiddlewareTypes.Plugin => List(spec.Plugin!.Keys.Order(StringComparer.Ordinal)),
            MiddlewareTypes.RateLimit => RateLimit(spec.RateLimit!),
            MiddlewareTypes.RedirectRegex => $"{spec.RedirectRegex!.Regex} -> {spec.RedirectRegex.Replacement}" + (spec.RedirectRegex.Permanent == true ? " (permanent)" : string.Empty),
            MiddlewareTypes.RedirectScheme => RedirectScheme(spec.RedirectScheme!),
            MiddlewareTypes.ReplacePath => $"replace the path with {spec.ReplacePath!.Path}",
            MiddlewareTypes.ReplacePathRegex => $"{spec.ReplacePathRegex!.Regex} -> {spec.ReplacePathRegex.Replacement}",
            MiddlewareTypes.Retry => Retry(spec.Retry!),
            MiddlewareTypes.StripPrefix => "strip " + List(spec.StripPrefix!.Prefixes),
            MiddlewareTypes.StripPrefixRegex => "strip " + List(spec.StripPrefixRegex!.Regex),
            _ => "not a type this library writes",
        };
        return $"{types[0]}: {detail}";
    }

    private static string List(IEnumerable<string>? items) => items is null ? "nothing" : string.Join(", ", items) is { Length: > 0 } s ? s : "nothing";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Auth(string? secret, string? realm) =>
        $"users from Secret {secret}" + (realm is null ? string.Empty : $", realm {realm}");

    private static string Buffering(BufferingSpec spec)
    {
        var parts = new List<string>();
        if (spec.MaxRequestBodyBytes is > 0 and var request)
        {
            parts.Add($"requests up to {Number(request)} bytes");
        }

        if (spec.MaxResponseBodyBytes is > 0 and var response)
        {
            parts.Add($"responses up to {Number(response)} bytes");
        }

        if (spec.RetryExpression is not null)
        {
            parts.Add($"retry when {spec.RetryExpression}");
        }

        return parts.Count == 0 ? "buffer whole bodies" : string.Join(", ", parts);
    }

    private static string CircuitBreaker(CircuitBreakerSpec spec) =>
        $"open when {spec.Expression} (checked every {Duration(spec.CheckPeriod, MiddlewareDefaults.CircuitBreakerCheckPeriod)}), "
        + $"answer {spec.ResponseCode ?? MiddlewareDefaults.CircuitBreakerResponseCode} for {Duration(spec.FallbackDuration, MiddlewareDefaults.CircuitBreakerFallbackDuration)}, "
        + $"recover over {Duration(spec.RecoveryDuration, MiddlewareDefaults.CircuitBreakerRecoveryDuration)}";

    private static string Duration(IntOrString? value, string fallback) =>
        value is not { } v ? fallback : v.IsNumber ? $"{v}s" : v.ToString();

    private static string Compress(CompressSpec spec) =>
        List(spec.Encodings is { IsEmpty: false } e ? e : MiddlewareDefaults.CompressEncodings)
        + (spec.MinResponseBodyBytes is { } min ? $" from {Number(min)} bytes" : string.Empty);

    private static string EncodedCharacters(EncodedCharactersSpec spec)
    {
        var allowed = new List<string>();
        void Add(bool? flag, string what)
        {
            if (flag == true)
            {
                allowed.Add(what);
            }
        }

        Add(spec.AllowEncodedSlash, "%2F");
        Add(spec.AllowEncodedBackSlash, "%5C");
        Add(spec.AllowEncodedNullCharacter, "%00");
        Add(spec.AllowEncodedSemicolon, "%3B");
        Add(spec.AllowEncodedPercent, "%25");
        Add(spec.AllowEncodedQuestionMark, "%3F");
        Add(spec.AllowEncodedHash, "%23");
        return allowed.Count == 0 ? "reject every encoded special character" : "allow " + string.Join(", ", allowed);
    }

    private static string Errors(ErrorsSpec spec)
    {
        var service = spec.Service is null ? "no service" : spec.Service.Port is { } port ? $"{spec.Service.Name}:{port}" : spec.Service.Name;
        return $"status {List(spec.Status)} served by {service}" + (spec.Query is null ? string.Empty : $" at {spec.Query}");
    }

    private static string Headers(HeadersSpec spec)
    {
        var parts = new List<string>();
        if (spec.CustomRequestHeaders is { Count: > 0 } request)
        {
            parts.Add(Count(request.Count, "request header"));
        }

        if (spec.CustomResponseHeaders is { Count: > 0 } response)
        {
            parts.Add(Count(response.Count, "response header"));
        }

        if (spec.AccessControlAllowOriginList is { IsEmpty: false } || spec.AccessControlAllowOriginListRegex is { IsEmpty: false }
            || spec.AccessControlAllowMethods is { IsEmpty: false } || spec.AccessControlAllowHeaders is { IsEmpty: false })
        {
            parts.Add("CORS");
        }

        if (spec.StsSeconds is > 0)
        {
            parts.Add($"HSTS {Number(spec.StsSeconds.Value)}s");
        }

        if (spec.FrameDeny == true || spec.CustomFrameOptionsValue is not null || spec.ContentTypeNosniff == true || spec.BrowserXssFilter == true
            || spec.ContentSecurityPolicy is not null || spec.ReferrerPolicy is not null || spec.PermissionsPolicy is not null)
        {
            parts.Add("security headers");
        }

        return parts.Count == 0 ? "no header changes" : string.Join(", ", parts);
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? string.Empty : "s")}";

    private static string PassTlsClientCert(PassTlsClientCertSpec spec) =>
        (spec.Pem == true, spec.Info is not null) switch
        {
            (true, true) => "pass the client certificate (PEM and details)",
            (true, false) => "pass the client certificate (PEM)",
            (false, true) => "pass client certificate details",
            _ => "pass nothing",
        };

    private static string RateLimit(RateLimitSpec spec)
    {
        if (spec.Average is null or 0)
        {
            return "no limit (average 0)";
        }

        var period = Duration(spec.Period, MiddlewareDefaults.RateLimitPeriod);
        return $"{Number(spec.Average.Value)} requests per {period}, burst {Number(spec.Burst ?? MiddlewareDefaults.RateLimitBurst)}";
    }

    private static string RedirectScheme(RedirectSchemeSpec spec) =>
        $"redirect to {spec.Scheme}" + (spec.Port is null ? string.Empty : $" on port {spec.Port}") + (spec.Permanent == true ? " (permanent)" : string.Empty);

    private static string Retry(RetrySpec spec) =>
        $"up to {spec.Attempts} attempts" + (spec.InitialInterval is null ? string.Empty : $", first retry after {Duration(spec.InitialInterval, string.Empty)}");
}
