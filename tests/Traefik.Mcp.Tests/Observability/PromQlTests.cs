using Traefik.Manifests.Observability;
using Traefik.Mcp.Observability;

namespace Traefik.Mcp.Tests.Observability;

public sealed class PromQlTests
{
    [Fact]
    public void Matcher_Labels_AreSortedAlternativesWithRegexMetacharactersEscaped()
    {
        var matcher = PromQl.Matcher(["prod-b-80@kubernetescrd", "prod-a.x-80@kubernetescrd"]);

        Assert.Equal("""service=~"prod-a\\.x-80@kubernetescrd|prod-b-80@kubernetescrd" """.TrimEnd(), matcher);
    }

    [Fact]
    public void RegexLiteral_HostileValue_StaysOneQuotedLiteral()
    {
        // Escaped for RE2, then for the PromQL string: a quote can never close the string early.
        Assert.Equal("""a\"\\} or vector\\(1\\) #""", PromQl.RegexLiteral("a\"} or vector(1) #"));
        Assert.Equal("""x\\|\\.\\*""", PromQl.RegexLiteral("x|.*"));
    }

    [Fact]
    public void Matcher_TooManyLabels_MatchesEveryCrdServiceInstead()
    {
        var labels = Enumerable.Range(0, 201).Select(i => $"ns-svc{i}-80@kubernetescrd").ToList();

        Assert.Equal("service=~\".+@kubernetescrd\"", PromQl.Matcher(labels));
    }

    [Fact]
    public void ForBackend_ErrorRatio_IsFiveHundredsOverAll()
    {
        Assert.Equal(
            "sum(increase(traefik_service_requests_total{service=\"prod-api-80@kubernetescrd\",code=~\"5..\"}[5m])) / sum(increase(traefik_service_requests_total{service=\"prod-api-80@kubernetescrd\"}[5m]))",
            PromQl.ForBackend(TrafficMetric.ErrorRatio, "prod-api-80@kubernetescrd", "5m"));
    }

    [Theory]
    [InlineData("5m", 300)]
    [InlineData("90s", 90)]
    [InlineData("2h", 7200)]
    public void Duration_Valid_Parses(string value, int seconds)
    {
        var parsed = PromDuration.Parse(value, "window", TimeSpan.FromMinutes(1), TimeSpan.FromHours(6));

        Assert.Equal(TimeSpan.FromSeconds(seconds), parsed);
        Assert.Equal(value, PromDuration.Format(parsed));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5d")]
    [InlineData("-5m")]
    [InlineData("30s")]
    [InlineData("7h")]
    [InlineData("1m; drop")]
    public void Duration_Invalid_SaysTheFormAndLimits(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => PromDuration.Parse(value, "window", TimeSpan.FromMinutes(1), TimeSpan.FromHours(6)));

        Assert.Equal($"window must be a duration like 5m or 1h between 1m and 6h, not '{value}'.", error.Message);
    }
}
