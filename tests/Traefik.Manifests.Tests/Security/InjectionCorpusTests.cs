using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Security;

/// <summary>
/// Hostile values in every field that reaches a rule, a name or a label: each must be rejected with
/// a message naming the field, and nothing may be produced.
/// </summary>
public sealed class InjectionCorpusTests
{
    /// <summary>Values that must be rejected in every field they are tried in.</summary>
    public static readonly string[] Hostile =
    [
        "a.com`) || PathPrefix(`/",
        "a.com`) || Host(`evil.com",
        "`",
        "x`",
        "a.com || Host(evil.com)",
        "a.com && !Path(`/admin`)",
        "a.com) || (Host(`b.com`",
        "a.com\n",
        "a.com\r\nX-Injected: 1",
        "a\0b",
        "a.com\t",
        " a.com",
        "a com",
        "аpple.com",
        "exa\u200Bmple.com",
        "ex\u202Eample.com",
        "ｅxample.com",
        new string('a', 64) + ".com",
        new string('a', 300),
        "../etc/passwd",
        "..\\windows",
        "a/../../b",
        "\"quoted\"",
        "'single'",
        "${jndi:ldap://x}",
        "$(reboot)",
        "<script>",
        "a;b",
        "a|b",
        "a&b",
        "(a+)+$`",
        "((a*)*)*`",
        "a{1,}`",
        "\\`",
        "#comment",
        "*",
        "-leading",
        "trailing-",
        "UPPER`",
        "",
        "\u2028",
        "\uFEFFbom",
    ];

    public static IEnumerable<object[]> HostileValues() => Hostile.Select(v => new object[] { v });

    private static readonly Func<string, Action>[] Fields =
    [
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", v, Intent()),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, v, "r", Intent()),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Match = new RouteMatch { Host = v } }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Match = new RouteMatch { Host = "a.example.com", HeaderName = v } }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Match = new RouteMatch { Host = "a.example.com", CookieName = v } }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Backends = [new WeightedBackend { Service = v, Weight = 1 }] }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Backends = [new WeightedBackend { Service = "s", Port = v, Weight = 1 }] }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { EntryPoints = [v] }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Middlewares = [v] }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Tls = new TlsSettings { SecretName = v } }),
        v => () => WeightedRoutes.Upsert(ManifestSet.Empty, "default", "r", Intent() with { Tls = new TlsSettings { Domains = [new TlsDomainSettings { Main = v }] } }),
        v => () => Mirrors.Enable(ManifestSet.Empty, "default", "r", new MirrorIntent { MirrorService = v }),
        v => () => SimpleRoutes.Upsert(ManifestSet.Empty, "default", "r", new SimpleRouteIntent { Rules = [new SimpleRule { Rule = $"Host(`{v}`)", Services = [new SimpleService { Name = "s" }] }] }),
    ];

    private static WeightedRouteIntent Intent() => new()
    {
        Match = new RouteMatch { Host = "a.example.com" },
        Backends = [new WeightedBackend { Service = "s", Weight = 1 }],
    };

    [Fact]
    public void Corpus_HasAtLeastFortyHostileValues() => Assert.True(Hostile.Length >= 40);

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void HostileValue_IsRejectedInEveryField(string value)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            // '*' is Traefik's match-all host and a valid cookie/header token is not hostile there; skip the few fields where the value is legitimately valid.
            if (LegitimateIn(value, i))
            {
                continue;
            }

            var e = Record.Exception(Fields[i](value));
            Assert.True(e is ManifestException, $"field {i} accepted {value}");
            Assert.NotEmpty(((ManifestException)e!).Problems);
            Assert.All(((ManifestException)e!).Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        }
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void HostileValue_InLiteralPath_IsRejectedUnlessItIsAPlainPath(string value)
    {
        // These are ordinary RFC 3986 path characters; inside backticks they cannot change the rule.
        string[] plainPaths = ["", "*", "-leading", "trailing-", "a;b", "a&b", "'single'", "$(reboot)", new string('a', 64) + ".com", new string('a', 300)];
        if (plainPaths.Contains(value))
        {
            Assert.Equal($"Host(`a.example.com`) && PathPrefix(`/{value}`)", new RouteMatch { Host = "a.example.com", Path = "/" + value }.ToRule());
            return;
        }

        Assert.Throws<ManifestException>(() => new RouteMatch { Host = "a.example.com", Path = "/" + value }.ToRule());
    }

    [Theory]
    [InlineData("^/api`) || Host(`evil.com")]
    [InlineData("(a|aa){2,}+")]
    [InlineData(@"^/(a)b\1")]
    [InlineData("(?=lookahead)")]
    [InlineData("^/a\nb")]
    [InlineData("[unclosed")]
    [InlineData("^/a{1001}$")]
    [InlineData("(?#c)/api")]
    [InlineData(@"/\e")]
    [InlineData(@"/api\Z")]
    [InlineData("(?x)/a b")]
    [InlineData(@"/\cA")]
    [InlineData("(?'n'/a)")]
    public void HostileRegex_IsRejected(string value) =>
        Assert.Throws<ManifestException>(() => new RouteMatch { Host = "a.example.com", Path = value, PathMatchType = PathMatchType.PathRegexp }.ToRule());

    /// <summary>
    /// Go's RE2 runs in linear time whatever the nesting, and reads UTF-8: these compile in Traefik and are written as given
    /// (they were refused before, by a validator that disagreed with Go).
    /// </summary>
    [Theory]
    [InlineData("(a+)+$")]
    [InlineData("((a*)*)*")]
    [InlineData("(x+)*y")]
    [InlineData("^/café")]
    public void RegexGoCompiles_IsAccepted(string value) =>
        Assert.Equal($"Host(`a.example.com`) && PathRegexp(`{value}`)", new RouteMatch { Host = "a.example.com", Path = value, PathMatchType = PathMatchType.PathRegexp }.ToRule());

    private static bool LegitimateIn(string value, int field) => (value, field) switch
    {
        ("*", 12) => true, // Host(`*`) is Traefik 3.7's match-all host in a raw rule.
        ("a.com`) || PathPrefix(`/" or "a.com`) || Host(`evil.com", 12) => true, // a raw rule is the caller's own rule text: '||' is legitimate there
        (_, 3 or 4 or 8 or 9) when value == new string('a', 64) + ".com" => true, // a valid header/cookie token and DNS-1123 subdomain (middleware, Secret)
        ("-leading" or "trailing-", 3 or 4) => true, // valid header/cookie tokens
        ("-leading" or "trailing-", 7) => true, // valid entry point names
        _ => false,
    };
}
