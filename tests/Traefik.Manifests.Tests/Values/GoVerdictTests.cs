using System.Globalization;
using System.Net;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Tests.Values;

/// <summary>
/// Every validator of a regular expression, an IP address or range, and a duration agrees with Go on every row of the
/// vendored verdict files: what Traefik (built with Go) would refuse is refused, what it would accept is accepted. The
/// only differences are the product's own documented bounds, asserted here with their reason: an expression must be
/// present and at most <see cref="Re2Pattern.MaxLength"/> characters; one inside a rule is one line without a backtick,
/// and ASCII for HostRegexp (Traefik's own check); a duration is not negative, and whole seconds must not overflow.
/// </summary>
public sealed class GoVerdictTests
{
    public static TheoryData<string, string, bool, string> Regexps => GoVerdicts.OfKind("regexp");

    public static TheoryData<string, string, bool, string> Addresses => GoVerdicts.IpOrCidr();

    public static TheoryData<string, string, bool, string> Durations => GoVerdicts.OfKind("duration");

    [Fact]
    public void VerdictFiles_HoldEveryKind()
    {
        Assert.True(GoVerdicts.Count("regexp") > 1000);
        Assert.True(GoVerdicts.Count("ip") > 100);
        Assert.True(GoVerdicts.Count("cidr") > 300);
        Assert.True(GoVerdicts.Count("duration") > 80);
    }

    [Theory]
    [MemberData(nameof(Regexps))]
    public void Re2Pattern_AgreesWithGo(string source, string input, bool accepted, string detail)
    {
        var ok = Re2Pattern.TryParse(input, out var pattern, out var error);

        Assert.True(ok == accepted, $"{source}: Go says {(accepted ? "accept" : "reject")} ({detail}); Re2Pattern says {error ?? "accept"}");
        if (ok)
        {
            Assert.Equal(input, pattern!.Text);
            Assert.Equal(pattern, Re2Pattern.Parse(pattern.Text));
        }
        else
        {
            Assert.StartsWith(Check.Show(input) + " is not a valid Go regular expression (RE2): ", error, StringComparison.Ordinal);
            Assert.Throws<FormatException>(() => Re2Pattern.Parse(input));
        }
    }

    [Theory]
    [MemberData(nameof(Regexps))]
    public void MiddlewareRegexFields_AgreeWithGo(string source, string input, bool accepted, string detail)
    {
        var expected = accepted && input.Length > 0;
        (string Path, MiddlewareSpec Spec)[] fields =
        [
            ("spec.stripPrefixRegex.regex[0]", new MiddlewareSpec { StripPrefixRegex = new StripPrefixRegexSpec { Regex = [input] } }),
            ("spec.replacePathRegex.regex", MiddlewareSpecs.ReplacePathRegex(input, "/$1")),
            ("spec.redirectRegex.regex", MiddlewareSpecs.RedirectRegex(input, "https://example.com/$1")),
            ("spec.headers.accessControlAllowOriginListRegex[0]", new MiddlewareSpec { Headers = new HeadersSpec { AccessControlAllowOriginListRegex = [input] } }),
            ("spec.forwardAuth.authResponseHeadersRegex", new MiddlewareSpec { ForwardAuth = new ForwardAuthSpec { Address = "https://auth.example.com", AuthResponseHeadersRegex = input } }),
        ];

        foreach (var (path, spec) in fields)
        {
            var problems = Problems(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", spec));
            var agrees = expected ? problems.Count == 0 : problems.Any(p => p.Path == path);
            Assert.True(agrees, $"{source} {path}: Go says {(accepted ? "accept" : "reject")} ({detail}); got {Describe(problems)}");
        }
    }

    [Theory]
    [MemberData(nameof(Regexps))]
    public void RuleRegexFields_AgreeWithGo(string source, string input, bool accepted, string detail)
    {
        // Inside a rule an expression is one line and has no backtick (which would end the argument).
        var inRule = accepted && input.Length > 0 && !input.Contains('`', StringComparison.Ordinal) && Check.ControlAt(input) < 0;
        var inHost = inRule && input.All(c => c <= 0x7E);
        source += $" (Go: {(accepted ? "accept" : "reject")} {detail})";

        Assert.True(inRule == RouteMatchAccepts(new RouteMatch { Host = "a.example.com", Path = input, PathMatchType = PathMatchType.PathRegexp }), $"{source} path (PathRegexp)");
        // The cookie's expression is placed inside (?:...) in the rule: it must stay valid there too (an open \Q would not).
        var inGroup = inRule && Re2Pattern.TryParse("(?:" + input + ")", out _);
        Assert.True(inGroup == RouteMatchAccepts(new RouteMatch { Host = "a.example.com", CookieName = "canary", CookieValueRegex = input }), $"{source} cookieValueRegex");
        Assert.True(inRule == RuleAccepts($"PathRegexp({Quoted(input)})"), $"{source} PathRegexp");
        Assert.True(inRule == RuleAccepts($"HeaderRegexp(`X-Tenant`, {Quoted(input)})"), $"{source} HeaderRegexp");
        Assert.True(inRule == RuleAccepts($"QueryRegexp(`tenant`, {Quoted(input)})"), $"{source} QueryRegexp");
        Assert.True(inHost == RuleAccepts($"HostRegexp({Quoted(input)})"), $"{source} HostRegexp");
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void IpRange_AgreesWithGo(string source, string input, bool accepted, string detail)
    {
        var ok = IpRange.TryParse(input, out var range, out var error);

        Assert.True(ok == accepted, $"{source}: Go says {(accepted ? "accept" : "reject")} ({detail}); IpRange says {error ?? "accept"}");
        if (!ok)
        {
            Assert.Throws<FormatException>(() => IpRange.Parse(input));
            return;
        }

        Assert.Equal(input, range!.Text);
        var slash = detail.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            Assert.False(range.IsRange);
            Assert.Equal(IPAddress.Parse(detail).MapToIPv6(), range.ToIPAddress().MapToIPv6());
            return;
        }

        // Go prints the network (the address with its host bits cleared); an IPv4-mapped one, in IPv4 form or not.
        // Compared as IPv6: an IPv4 prefix length counts 96 more bits.
        var goNetwork = IPAddress.Parse(detail[..slash]);
        var kept = int.Parse(detail[(slash + 1)..], CultureInfo.InvariantCulture) + (goNetwork.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 96 : 0);
        Assert.Equal(kept, range.PrefixLength + (range.AddressBits == 32 ? 96 : 0));
        var network = range.ToIPAddress().MapToIPv6().GetAddressBytes();
        for (var bit = kept; bit < 128; bit++)
        {
            network[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        Assert.Equal(goNetwork.MapToIPv6(), new IPAddress(network));
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void IpFields_AgreeWithGo(string source, string input, bool accepted, string detail)
    {
        var allowList = Problems(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", MiddlewareSpecs.IpAllowList([input])));
        var excluded = Problems(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", new MiddlewareSpec
        {
            IpAllowList = new IpAllowListSpec { SourceRange = ["10.0.0.0/8"], IpStrategy = new IpStrategy { ExcludedIps = [input] } },
        }));
        var tcp = Problems(() => TcpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", new TcpMiddlewareIntent { Spec = new MiddlewareTcpSpec { IpAllowList = new TcpIpAllowListSpec { SourceRange = [input] } } }));

        Assert.True(accepted == !allowList.Any(p => p.Path == "spec.ipAllowList.sourceRange[0]"), $"{source} ipAllowList ({detail}): {Describe(allowList)}");
        Assert.True(accepted == !excluded.Any(p => p.Path == "spec.ipAllowList.ipStrategy.excludedIPs[0]"), $"{source} excludedIPs ({detail}): {Describe(excluded)}");
        Assert.True(accepted == !tcp.Any(p => p.Path == "spec.ipAllowList.sourceRange[0]"), $"{source} TCP ipAllowList ({detail}): {Describe(tcp)}");
        Assert.True(accepted == RuleAccepts($"ClientIP({Quoted(input)})"), $"{source} ClientIP ({detail})");
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void GoDuration_AgreesWithGo(string source, string input, bool accepted, string detail)
    {
        // Go reads whole seconds and then multiplies without checking: beyond 292 years it wraps. This library refuses those.
        var seconds = detail.EndsWith(" seconds", StringComparison.Ordinal) ? long.Parse(detail[..^8], CultureInfo.InvariantCulture) : (long?)null;
        var overflows = seconds is > long.MaxValue / 1_000_000_000 or < long.MinValue / 1_000_000_000;

        var ok = GoDuration.TryParse(input, out var duration, out var error);

        Assert.True(ok == (accepted && !overflows), $"{source}: Go says {(accepted ? "accept" : "reject")} ({detail}); GoDuration says {error ?? "accept"}");
        if (ok)
        {
            Assert.Equal(seconds is { } s ? s * 1_000_000_000 : long.Parse(detail[..^2], CultureInfo.InvariantCulture), duration!.Nanoseconds);
            Assert.Equal(seconds is not null, duration.IsWholeSeconds);
            Assert.Equal(input, duration.Text);
        }
        else if (overflows)
        {
            Assert.Contains("too long a duration", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void DurationFields_AgreeWithGo(string source, string input, bool accepted, string detail)
    {
        var expected = GoDuration.TryParse(input, out var duration) && !duration.IsNegative;
        var problems = Problems(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", new MiddlewareSpec { RateLimit = new RateLimitSpec { Average = 10, Period = input } }));

        Assert.True(expected == !problems.Any(p => p.Path == "spec.rateLimit.period"), $"{source} ({(accepted ? "accept" : "reject")}: {detail}): {Describe(problems)}");
        if (accepted && !expected && duration is { IsNegative: true })
        {
            Assert.Contains(problems, p => p.Message.Contains("is negative", StringComparison.Ordinal));
        }
    }

    private static bool RouteMatchAccepts(RouteMatch match) => Problems(() => match.ToRule()).Count == 0;

    private static bool RuleAccepts(string rule) => Problems(() => RuleSyntax.Normalize(rule)).Count == 0;

    /// <summary>A rule argument in double quotes, with '"' and '\' escaped, so any text can be passed.</summary>
    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static IReadOnlyList<ManifestProblem> Problems(Action action)
    {
        try
        {
            action();
            return [];
        }
        catch (ManifestException e)
        {
            return e.Problems.Count > 0 ? e.Problems : [new ManifestProblem(string.Empty, e.Message)];
        }
    }

    private static string Describe(IReadOnlyList<ManifestProblem> problems) =>
        problems.Count == 0 ? "no problem" : string.Join(" | ", problems.Select(p => $"{p.Path}: {p.Message}"));
}
