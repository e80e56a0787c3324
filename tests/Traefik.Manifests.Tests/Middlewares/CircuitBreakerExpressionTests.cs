using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Middlewares;

public sealed class CircuitBreakerExpressionTests
{
    [Theory]
    [InlineData(0.3, "ResponseCodeRatio(500, 600, 0, 600) > 0.3")]
    [InlineData(1.0, "ResponseCodeRatio(500, 600, 0, 600) > 1.0")]
    [InlineData(0.05, "ResponseCodeRatio(500, 600, 0, 600) > 0.05")]
    [InlineData(0.0000001, "ResponseCodeRatio(500, 600, 0, 600) > 0.0000001")]
    public void ErrorRate_Ratio_IsWrittenAsAFloatLiteral(double threshold, string expected)
    {
        Assert.Equal(expected, CircuitBreakerExpression.ErrorRate(threshold));
    }

    [Fact]
    public void NetworkErrors_One_IsWrittenWithADecimalPoint()
    {
        Assert.Equal("NetworkErrorRatio() > 1.0", CircuitBreakerExpression.NetworkErrors(1));
    }

    [Theory]
    [InlineData(250L, 99.0, "LatencyAtQuantileMS(99.0) > 250")]
    [InlineData(100L, 95.0, "LatencyAtQuantileMS(95.0) > 100")]
    [InlineData(1500L, 99.9, "LatencyAtQuantileMS(99.9) > 1500")]
    public void Latency_QuantileAndThreshold_AreFloatAndIntLiterals(long threshold, double quantile, string expected)
    {
        Assert.Equal(expected, CircuitBreakerExpression.Latency(threshold, quantile));
    }

    [Fact]
    public void Latency_NoQuantile_Uses99()
    {
        Assert.Equal("LatencyAtQuantileMS(99.0) > 250", CircuitBreakerExpression.Latency(250));
    }

    [Theory]
    [InlineData("error-rate", 0.3, null, "ResponseCodeRatio(500, 600, 0, 600) > 0.3")]
    [InlineData("network-error", 0.1, null, "NetworkErrorRatio() > 0.1")]
    [InlineData("latency", 250.0, null, "LatencyAtQuantileMS(99.0) > 250")]
    [InlineData("latency", 300.0, 50.0, "LatencyAtQuantileMS(50.0) > 300")]
    public void FromTrigger_SeedVocabulary_BuildsTheExpression(string trigger, double threshold, double? quantile, string expected)
    {
        var expression = CircuitBreakerExpression.FromTrigger(trigger, threshold, quantile);

        Assert.Equal(expected, expression);
        Assert.True(CircuitBreakerExpression.TryValidate(expression, out var problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("error-rate", 30.0, null, "threshold: 30 would never trip: ResponseCodeRatio(500, 600, 0, 600) is a ratio between 0 and 1. Use 0.3 for 30%.")]
    [InlineData("error-rate", 1.5, null, "threshold: 1.5 would never trip: ResponseCodeRatio(500, 600, 0, 600) is a ratio between 0 and 1. Use 0.015 for 1.5%.")]
    [InlineData("network-error", 250.0, null, "threshold: 250 would never trip: NetworkErrorRatio() is a ratio between 0 and 1. Use 0.3 for 30%.")]
    [InlineData("error-rate", 0.0, null, "threshold: 0 must be greater than 0: the breaker opens when ResponseCodeRatio(500, 600, 0, 600) is above it, for example 0.3 for 30%.")]
    [InlineData("network-error", -0.1, null, "threshold: -0.1 must be greater than 0: the breaker opens when NetworkErrorRatio() is above it, for example 0.3 for 30%.")]
    [InlineData("error-rate", double.NaN, null, "threshold: must be a finite number.")]
    [InlineData("latency", 250.5, null, "threshold: 250.5 is not a whole number: LatencyAtQuantileMS compares with whole milliseconds, for example 250.")]
    [InlineData("latency", 0.0, null, "threshold: 0 must be greater than 0 milliseconds, for example 250.")]
    [InlineData("latency", 250.0, 0.0, "latencyQuantile: 0 must be a percentage greater than 0 and at most 100, for example 99.0.")]
    [InlineData("latency", 250.0, 101.0, "latencyQuantile: 101 must be a percentage greater than 0 and at most 100, for example 99.0.")]
    [InlineData("error-rate", 0.3, 99.0, "latencyQuantile: applies only to the latency trigger; remove it.")]
    [InlineData("error_rate", 0.3, null, "triggerType: \"error_rate\" is not a trigger type: use error-rate, latency or network-error (or give an expression).")]
    public void FromTrigger_BadArgument_ThrowsWithParameterPath(string trigger, double threshold, double? quantile, string expected)
    {
        var e = Assert.Throws<ManifestException>(() => CircuitBreakerExpression.FromTrigger(trigger, threshold, quantile));

        Assert.Equal("The circuit breaker trigger is not valid.", e.Headline);
        Assert.Equal(expected, Assert.Single(e.Problems).ToString());
    }

    [Theory]
    [InlineData("NetworkErrorRatio() > 0.5")]
    [InlineData("NetworkErrorRatio() >= .5")]
    [InlineData("ResponseCodeRatio(500, 600, 0, 600) > 0.25")]
    [InlineData("LatencyAtQuantileMS(50.0) > 100")]
    [InlineData("LatencyAtQuantileMS(99.9) <= 2000")]
    [InlineData("NetworkErrorRatio() != 0.0 && LatencyAtQuantileMS(99.0) == 30")]
    [InlineData("ResponseCodeRatio(500, 600, 0, 600) > 0.30 || NetworkErrorRatio() > 0.10 || LatencyAtQuantileMS(99.0) > 500")]
    [InlineData("(NetworkErrorRatio() > 0.5 || ResponseCodeRatio(400, 500, 0, 600) > 0.9) && LatencyAtQuantileMS(95.0) < 10")]
    [InlineData("  ( ( NetworkErrorRatio()>0.5 ) )  ")]
    [InlineData("NetworkErrorRatio() > 5e-1")]
    public void Validate_ValidExpression_DoesNotThrow(string expression)
    {
        CircuitBreakerExpression.Validate(expression);
        Assert.True(CircuitBreakerExpression.TryValidate(expression, out var problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("NetworkErrorRatio() > 1", "NetworkErrorRatio() is a ratio: compare it with a decimal such as 0.5, not 1.")]
    [InlineData("ResponseCodeRatio(500, 600, 0, 600) > 0", "ResponseCodeRatio(500, 600, 0, 600) is a ratio: compare it with a decimal such as 0.3, not 0.")]
    [InlineData("LatencyAtQuantileMS(99.0) > 250.0", "LatencyAtQuantileMS(99.0) is whole milliseconds: compare it with an integer such as 250, not 250.0.")]
    [InlineData("LatencyAtQuantileMS(99) > 250", "LatencyAtQuantileMS(quantile): quantile must be a decimal literal such as 99.0, not 99.")]
    [InlineData("ResponseCodeRatio(500.0, 600, 0, 600) > 0.5", "ResponseCodeRatio(from, to, dividedByFrom, dividedByTo): from must be an integer such as 500, not 500.0.")]
    [InlineData("ResponseCodeRatio(500, 600) > 0.5", "ResponseCodeRatio(from, to, dividedByFrom, dividedByTo) takes 4 arguments, not 2, for example ResponseCodeRatio(500, 600, 0, 600).")]
    [InlineData("ResponseCodeRatio(600, 500, 0, 600) > 0.5", "ResponseCodeRatio(600, 500, 0, 600) counts codes in [from, to) divided by codes in [dividedByFrom, dividedByTo): each 'from' must be below its 'to', for example ResponseCodeRatio(500, 600, 0, 600).")]
    [InlineData("NetworkErrorRatio(1) > 0.5", "NetworkErrorRatio() takes no arguments, not 1.")]
    [InlineData("LatencyAtQuantileMS(0.0) > 10", "LatencyAtQuantileMS(0.0): the quantile is a percentage greater than 0 and at most 100, for example 99.0.")]
    [InlineData("NetworkErrorRatio() > 30.0", "NetworkErrorRatio() is a ratio between 0.0 and 1.0, so comparing it with 30.0 is never useful: use 0.3 for 30%.")]
    [InlineData("0.5 < NetworkErrorRatio()", "the function must be on the left of the comparison: write NetworkErrorRatio() > 0.5, not 0.5 < NetworkErrorRatio().")]
    [InlineData("!(NetworkErrorRatio() > 0.5)", "'!' is not supported by Traefik's circuit breaker; invert the comparison instead (for example <= instead of >).")]
    [InlineData("NetworkErrorRatio()", "NetworkErrorRatio() must be compared with a value, for example NetworkErrorRatio() > 0.5.")]
    [InlineData("RequestThreshold() > 10", "RequestThreshold() is not a function of Traefik's circuit breaker; use NetworkErrorRatio(), ResponseCodeRatio(from, to, dividedByFrom, dividedByTo) and LatencyAtQuantileMS(quantile).")]
    [InlineData("NetworkErrorRatio > 0.5", "NetworkErrorRatio is not a function call; Traefik's circuit breaker knows NetworkErrorRatio(), ResponseCodeRatio(from, to, dividedByFrom, dividedByTo) and LatencyAtQuantileMS(quantile).")]
    [InlineData("NetworkErrorRatio() > 0.5 & LatencyAtQuantileMS(99.0) > 5", "a single '&' at character 27: write && to combine conditions.")]
    [InlineData("NetworkErrorRatio() = 0.5", "a single '=' at character 21: write == to compare.")]
    [InlineData("NetworkErrorRatio() > 0.5 and NetworkErrorRatio() > 0.2", "expected &&, || or the end of the expression; found 'and' at character 27.")]
    [InlineData("(NetworkErrorRatio() > 0.5", "the '(' at character 1 is not closed, but the expression ends.")]
    [InlineData("NetworkErrorRatio() > 0.5)", "there is a ')' without a matching '('; found ')' at character 26.")]
    [InlineData("NetworkErrorRatio() >", "NetworkErrorRatio() > must be followed by a number such as 0.5, but the expression ends.")]
    [InlineData("NetworkErrorRatio() > -0.5", "'-' at character 23 is not part of the expression language: use function calls, numbers, > >= < <= == !=, &&, || and parentheses.")]
    [InlineData("ResponseCodeRatio(0500, 600, 0, 600) > 0.5", "'0500' at character 19 starts with 0, which Go reads as an octal number: write 500.")]
    [InlineData("", "an expression is required, for example ResponseCodeRatio(500, 600, 0, 600) > 0.3.")]
    public void Validate_InvalidExpression_ThrowsWithTheWholeMessage(string expression, string expected)
    {
        var e = Assert.Throws<ManifestException>(() => CircuitBreakerExpression.Validate(expression));

        Assert.Equal("The circuit breaker expression is not valid.", e.Headline);
        Assert.Equal("expression: " + expected, Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Validate_SeveralTypeErrors_ReportsEveryOne()
    {
        var ok = CircuitBreakerExpression.TryValidate("NetworkErrorRatio() > 1 || LatencyAtQuantileMS(99) > 2.5", out var problems);

        Assert.False(ok);
        Assert.Equal(
            [
                "NetworkErrorRatio() is a ratio: compare it with a decimal such as 0.5, not 1.",
                "LatencyAtQuantileMS(quantile): quantile must be a decimal literal such as 99.0, not 99.",
                "LatencyAtQuantileMS(99) is whole milliseconds: compare it with an integer such as 250, not 2.5.",
            ],
            problems);
    }
}
