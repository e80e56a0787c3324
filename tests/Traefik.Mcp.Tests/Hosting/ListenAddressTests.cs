using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Tests.Hosting;

/// <summary>--urls is checked and normalised before Kestrel binds it.</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8769", "http://127.0.0.1:8769", "127.0.0.1", true, false)]
    [InlineData("http://[::ffff:127.0.0.1]:8769", "http://127.0.0.1:8769", "127.0.0.1", true, false)]
    [InlineData("http://[::1]:8769/", "http://[::1]:8769", "[::1]", true, false)]
    [InlineData("http://LocalHost:8769", "http://localhost:8769", "localhost", true, false)]
    [InlineData("http://0.0.0.0:8769", "http://0.0.0.0:8769", "0.0.0.0", false, true)]
    [InlineData("http://[::]:8769", "http://[::]:8769", "[::]", false, true)]
    [InlineData("http://*:8769", "http://*:8769", "*", false, true)]
    [InlineData("http://10.0.0.5:8769", "http://10.0.0.5:8769", "10.0.0.5", false, false)]
    [InlineData("http://mcp.internal:8769", "http://mcp.internal:8769", "mcp.internal", false, true)]
    public void Parse_Address_IsNormalised(string url, string normalised, string host, bool loopback, bool wildcard)
    {
        Assert.Equal(new ListenAddress(normalised, host, loopback, wildcard), ListenAddress.Parse(url));
    }

    [Theory]
    [InlineData("127.0.0.1:8769", "is not an http:// or https:// URL")]
    [InlineData("ftp://127.0.0.1:8769", "is not an http:// or https:// URL")]
    [InlineData("http://127.0.0.1:8769/mcp", "has a path, query or user information")]
    [InlineData("http://*:x", "has no valid port")]
    [InlineData("http://[zz]:8769", "is not a URL")]
    public void Parse_NotAnAddress_SaysWhatToGive(string url, string problem)
    {
        var error = Assert.Throws<UsageException>(() => ListenAddress.Parse(url));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UserInfo_RefusedWithoutShowingIt()
    {
        var error = Assert.Throws<UsageException>(() => ListenAddress.Parse("http://bob:hunter2-pass@127.0.0.1:8769"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("has a path, query or user information", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseList_SeveralAddresses_AllParsed()
    {
        Assert.Equal(["http://127.0.0.1:1", "http://[::1]:2"], ListenAddress.ParseList("http://127.0.0.1:1; http://[::1]:2").Select(a => a.Url));
    }
}
