using Traefik.Manifests.Middlewares;

namespace Traefik.Manifests.Tests.Middlewares;

public sealed class MiddlewareDefaultsTests
{
    [Fact]
    public void Defaults_MatchTraefik379()
    {
        Assert.Equal(99.0, MiddlewareDefaults.LatencyQuantile);
        Assert.Equal("1s", MiddlewareDefaults.RateLimitPeriod);
        Assert.Equal(1, MiddlewareDefaults.RateLimitBurst);
        Assert.Equal("100ms", MiddlewareDefaults.CircuitBreakerCheckPeriod);
        Assert.Equal("10s", MiddlewareDefaults.CircuitBreakerFallbackDuration);
        Assert.Equal("10s", MiddlewareDefaults.CircuitBreakerRecoveryDuration);
        Assert.Equal(503, MiddlewareDefaults.CircuitBreakerResponseCode);
        Assert.Equal(403, MiddlewareDefaults.IpAllowListRejectStatusCode);
        Assert.Equal(["gzip", "br", "zstd"], MiddlewareDefaults.CompressEncodings);
    }

    [Fact]
    public void Summary_RateLimitWithoutPeriodOrBurst_ShowsTraefikDefaults()
    {
        Assert.Equal("rateLimit: 50 requests per 1s, burst 1", HttpMiddlewares.Describe(MiddlewareSpecs.RateLimit(50)));
        Assert.Equal("rateLimit: 50 requests per 60s, burst 1", HttpMiddlewares.Describe(MiddlewareSpecs.RateLimit(50, period: 60)));
    }
}
