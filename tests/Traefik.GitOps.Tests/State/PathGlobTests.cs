using Traefik.GitOps.State;

namespace Traefik.GitOps.Tests.State;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData("traefik/charts/**", "traefik/charts/web/templates/route.yaml", true)]
    [InlineData("traefik/charts/**", "traefik/charts", true)]
    [InlineData("traefik/charts/**", "traefik/chartsy/a.yaml", false)]
    [InlineData("traefik/charts", "traefik/charts/web/a.yaml", true)]
    [InlineData("charts/**", "charts/a.yaml", true)]
    [InlineData("charts/**", "traefik/charts/a.yaml", false)]
    [InlineData("values*.yaml", "traefik/prod/values-prod.yaml", true)]
    [InlineData("values*.yaml", "values.yaml", true)]
    [InlineData("values*.yaml", "traefik/prod/my-values.yaml", false)]
    [InlineData("traefik/*/values.yaml", "traefik/prod/values.yaml", true)]
    [InlineData("traefik/*/values.yaml", "traefik/prod/deep/values.yaml", false)]
    [InlineData("traefik/**/values.yaml", "traefik/values.yaml", true)]
    [InlineData("traefik/**/values.yaml", "traefik/a/b/c/values.yaml", true)]
    [InlineData("traefik/prod/?.yaml", "traefik/prod/a.yaml", true)]
    [InlineData("traefik/prod/?.yaml", "traefik/prod/ab.yaml", false)]
    [InlineData("templates", "traefik/charts/web/templates/route.yaml", true)]
    [InlineData("a.b+c(d).yaml", "x/a.b+c(d).yaml", true)]
    [InlineData("a.b+c(d).yaml", "x/aXb+c(d).yaml", false)]
    public void Matches_Pattern_MatchesPathsAsDocumented(string pattern, string path, bool matches)
    {
        Assert.Equal(matches, new PathGlob([pattern]).Matches(path));
    }

    [Fact]
    public void Matches_NoPatterns_MatchesNothing()
    {
        Assert.False(new PathGlob([]).Matches("traefik/prod/a.yaml"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("traefik/../x")]
    [InlineData("./x")]
    [InlineData("a//b")]
    public void New_PatternThatIsNotAPath_IsRefused(string pattern)
    {
        Assert.StartsWith($"The exclude pattern '{pattern}' is not a path pattern", Assert.Throws<GitOpsException>(() => new PathGlob([pattern])).Message, StringComparison.Ordinal);
    }
}
