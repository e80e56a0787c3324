using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Tests.Hosting;

/// <summary>DNS rebinding protection: which Host and Origin headers the HTTP server answers.</summary>
public sealed class HostOriginPolicyTests
{
    private static readonly HostOriginPolicy Loopback = new([ListenAddress.Parse("http://127.0.0.1:8769")], [], []);

    [Theory]
    [InlineData("127.0.0.1:8769", null)]
    [InlineData("localhost:8769", null)]
    [InlineData("LOCALHOST", null)]
    [InlineData("localhost.:8769", null)]
    [InlineData("[::1]:8769", null)]
    [InlineData("127.0.0.2", null)]
    [InlineData("[::ffff:127.0.0.1]:8769", null)]
    [InlineData("127.0.0.1:8769", "http://127.0.0.1:8769")]
    [InlineData("127.0.0.1:8769", "http://localhost:6274")]
    [InlineData("127.0.0.1:8769", "https://[::1]")]
    public void Refusal_LoopbackHostAndOrigin_Answered(string host, string? origin)
    {
        Assert.Null(Loopback.Refusal(host, origin));
    }

    [Theory]
    [InlineData("evil.example.com", null, "Host 'evil.example.com'")]
    [InlineData("evil.example.com:8769", "http://evil.example.com:8769", "Host 'evil.example.com:8769'")]
    [InlineData("localhost.evil.example.com", null, "Host 'localhost.evil.example.com'")]
    [InlineData("127.0.0.1.nip.io:8769", null, "Host '127.0.0.1.nip.io:8769'")]
    [InlineData("10.0.0.5:8769", null, "Host '10.0.0.5:8769'")]
    [InlineData("localhost:http", null, "Host 'localhost:http'")]
    [InlineData("127.0.0.1:8769", "http://evil.example.com", "Origin 'http://evil.example.com'")]
    [InlineData("127.0.0.1:8769", "null", "Origin 'null'")]
    [InlineData("127.0.0.1:8769", "file://", "Origin 'file://'")]
    [InlineData("127.0.0.1:8769", "http://127.0.0.1.evil.example.com", "Origin 'http://127.0.0.1.evil.example.com'")]
    public void Refusal_OtherHostOrOrigin_RefusedNamingTheHeader(string host, string? origin, string named)
    {
        var refusal = Loopback.Refusal(host, origin);

        Assert.NotNull(refusal);
        Assert.StartsWith("Forbidden: " + named, refusal, StringComparison.Ordinal);
        Assert.Contains("DNS rebinding protection", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_NoHost_Refused()
    {
        Assert.Equal("Forbidden: the request has no Host header.", Loopback.Refusal(string.Empty, null));
    }

    [Fact]
    public void Refusal_AllowedOriginsAndHosts_AreAnsweredToo()
    {
        var policy = new HostOriginPolicy([ListenAddress.Parse("http://127.0.0.1:8769")], ["mcp.example.com"], ["https://studio.example.com"]);

        Assert.Null(policy.Refusal("mcp.example.com:8769", "https://studio.example.com"));
        Assert.NotNull(policy.Refusal("mcp.example.com:8769", "https://studio.example.com:444"));
        Assert.NotNull(policy.Refusal("other.example.com", null));
        Assert.Null(new HostOriginPolicy([ListenAddress.Parse("http://127.0.0.1:8769")], [], ["*"]).Refusal("localhost", "https://anything.example"));
    }

    [Fact]
    public void Refusal_BoundToEveryAddress_AcceptsAddressesButNotNames()
    {
        var policy = new HostOriginPolicy([ListenAddress.Parse("http://0.0.0.0:8769")], [], []);

        Assert.Null(policy.Refusal("10.0.0.5:8769", null));
        Assert.Null(policy.Refusal("[fd00::5]:8769", null));
        Assert.NotNull(policy.Refusal("evil.example.com:8769", null));
        Assert.NotNull(policy.Refusal("10.0.0.5:8769", "http://10.0.0.5:8769"));
    }

    [Fact]
    public void Refusal_BoundToANamedAddress_AcceptsThatNameAndItsOrigin()
    {
        var policy = new HostOriginPolicy([ListenAddress.Parse("http://mcp.internal:9000")], [], []);

        Assert.Null(policy.Refusal("mcp.internal:9000", "http://mcp.internal:9000"));
        Assert.NotNull(policy.Refusal("mcp.internal:9000", "http://mcp.internal:9001"));
    }
}
