using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Tests.Values;

/// <summary>The value types' rules, with the examples that exposed two validators disagreeing on one kind of value.</summary>
public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("^/a{1001}$")]
    [InlineData("(?#c)/api")]
    [InlineData(@"/\e")]
    [InlineData(@"/api\Z")]
    [InlineData("(?x)/a b")]
    [InlineData(@"/\cA")]
    [InlineData("(?'n'/a)")]
    public void RegexGoRefuses_IsRefusedByEveryRegexField(string regex)
    {
        Assert.Throws<ManifestException>(() => new RouteMatch { Host = "a.example.com", Path = regex, PathMatchType = PathMatchType.PathRegexp }.ToRule());
        Assert.Throws<ManifestException>(() => RuleSyntax.Normalize($"Host(`a.example.com`) && PathRegexp(`{regex}`)"));
        Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", MiddlewareSpecs.ReplacePathRegex(regex, "/$1")));
        Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", new MiddlewareSpec { StripPrefixRegex = new StripPrefixRegexSpec { Regex = [regex] } }));
        Assert.Throws<FormatException>(() => Re2Pattern.Parse(regex));
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.0/08x")]
    [InlineData("fe80::1%eth0")]
    public void AddressGoRefuses_IsRefusedByEveryAddressField(string address)
    {
        Assert.Throws<ManifestException>(() => RuleSyntax.Normalize($"ClientIP(`{address}`)"));
        Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", MiddlewareSpecs.IpAllowList([address])));
        Assert.Throws<ManifestException>(() => TcpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", new TcpMiddlewareIntent { Spec = new MiddlewareTcpSpec { IpAllowList = new TcpIpAllowListSpec { SourceRange = [address] } } }));
        Assert.Throws<FormatException>(() => IpRange.Parse(address));
    }

    [Theory]
    [InlineData("10.0.0.0/08", 8, 32)]
    [InlineData("::ffff:10.0.0.0/104", 104, 128)]
    [InlineData("2001:db8::/32", 32, 128)]
    public void AddressGoAccepts_IsAcceptedByEveryAddressField(string range, int prefix, int bits)
    {
        Assert.Equal($"ClientIP(`{range}`)", RuleSyntax.Normalize($"ClientIP(`{range}`)"));
        Assert.NotEmpty(HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", MiddlewareSpecs.IpAllowList([range])).Changes);
        Assert.NotEmpty(TcpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", new TcpMiddlewareIntent { Spec = new MiddlewareTcpSpec { IpAllowList = new TcpIpAllowListSpec { SourceRange = [range] } } }).Changes);
        Assert.Equal((prefix, bits), (IpRange.Parse(range).PrefixLength, IpRange.Parse(range).AddressBits));
    }

    [Theory]
    [InlineData("", "a namespace is required (lower-case letters, digits and '-', at most 63 characters).")]
    [InlineData("../etc", "\"../etc\" is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).")]
    [InlineData("a\nb", "\"a\\u000ab\" is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).")]
    [InlineData(".git", "\".git\" is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).")]
    public void KubernetesName_NameThatCouldEscapeAPath_IsRefusedWithWhatToSend(string name, string message)
    {
        Assert.False(KubernetesName.TryParse(name, KubernetesNameRule.Label, out _, out var error, "namespace"));
        Assert.Equal(message, error);
        Assert.False(KubernetesName.TryParse(name, KubernetesNameRule.Subdomain, out _));
    }

    [Theory]
    [InlineData("auth", null, "auth", null)]
    [InlineData("apps/auth", "apps", "auth", null)]
    [InlineData("auth@file", null, "auth", "file")]
    public void ObjectRef_EachForm_IsSplit(string text, string? ns, string name, string? provider)
    {
        var reference = ObjectRef.Parse(text);

        Assert.Equal((ns, name, provider), (reference.Namespace, reference.Name, reference.Provider));
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("Apps/auth", ObjectRefForms.All, "\"Apps\" is not a valid namespace")]
    [InlineData("apps/Auth_1", ObjectRefForms.All, "\"Auth_1\" is not a valid middleware name")]
    [InlineData("auth@File", ObjectRefForms.All, "\"File\" is not a valid provider name")]
    [InlineData("auth@file", ObjectRefForms.Namespaced, "\"auth@file\" is not a valid middleware name")]
    [InlineData("apps/auth", ObjectRefForms.Provider, "\"apps/auth\" is not a valid middleware name")]
    public void ObjectRef_MalformedOrNotAllowedForm_NamesThePart(string text, ObjectRefForms forms, string message)
    {
        Assert.False(ObjectRef.TryParse(text, forms, out _, out var error, "middleware name"));
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1m30", false, 0)]
    [InlineData("1.5s", true, 1_500_000_000)]
    [InlineData(".5s", true, 500_000_000)]
    [InlineData("100µs", true, 100_000)]
    [InlineData("10", true, 10_000_000_000)]
    [InlineData("-1s", true, -1_000_000_000)]
    [InlineData("1d", false, 0)]
    public void GoDuration_ReadsGoSyntax(string text, bool valid, long nanoseconds)
    {
        Assert.Equal(valid, GoDuration.TryParse(text, out var duration));
        Assert.Equal(nanoseconds, duration?.Nanoseconds ?? 0);
    }

    [Fact]
    public void DurationField_NegativeOrWrongUnit_SaysWhatToWrite()
    {
        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", new MiddlewareSpec
        {
            Retry = new RetrySpec { Attempts = 3, InitialInterval = "-100ms", Timeout = "1m30" },
        }));

        Assert.Equal(
            [
                "spec.retry.initialInterval: \"-100ms\" is negative: give a duration of 0 or more, for example 10s or 100ms.",
                "spec.retry.timeout: \"1m30\" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.",
            ],
            e.Problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void CookieRegex_OpenQuote_IsRefusedBecauseItWouldSwallowTheRule()
    {
        var e = Assert.Throws<ManifestException>(() => new RouteMatch { Host = "a.example.com", CookieName = "canary", CookieValueRegex = @"\Qyes" }.ToRule());

        Assert.Equal("cookieValueRegex", Assert.Single(e.Problems).Path);
        Assert.Contains(@"end it with \E", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(
            @"Host(`a.example.com`) && HeaderRegexp(`Cookie`, `(^|;\s*)canary=(?:\Qyes\E)(;|$)`)",
            new RouteMatch { Host = "a.example.com", CookieName = "canary", CookieValueRegex = @"\Qyes\E" }.ToRule());
    }

    [Fact]
    public void HostRegexp_NonAscii_IsRefusedAsTraefikDoes()
    {
        var e = Assert.Throws<ManifestException>(() => RuleSyntax.Normalize("HostRegexp(`^café\\.example\\.com$`)"));

        Assert.Contains("HostRegexp takes ASCII only", e.Message, StringComparison.Ordinal);
        Assert.Equal("PathRegexp(`^/café$`)", RuleSyntax.Normalize("PathRegexp(`^/café$`)"));
    }

    [Fact]
    public void PluginKey_ControlCharacter_IsRefusedNamingTheKey()
    {
        var config = System.Text.Json.JsonDocument.Parse("{\"ok\": {\"a\\u0000b\": 1}}").RootElement.Clone();
        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "default", "m", MiddlewareSpecs.Plugin("demo", config)));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("spec.plugin.demo.ok[\"a\\u0000b\"]", problem.Path);
        Assert.StartsWith("\"a\\u0000b\" contains a NUL character", problem.Message, StringComparison.Ordinal);
    }
}
