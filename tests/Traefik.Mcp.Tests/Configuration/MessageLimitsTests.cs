using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Tests.Configuration;

/// <summary>--max-message-size: its default, its units, its bounds.</summary>
public sealed class MessageLimitsTests
{
    [Fact]
    public void Default_IsFourMebibytes()
    {
        Assert.Equal(4 * 1024 * 1024, MessageLimits.DefaultMaxMessageBytes);
        Assert.Equal(MessageLimits.DefaultMaxMessageBytes, new McpSettings().MaxMessageBytes);
    }

    [Theory]
    [InlineData("4194304", 4194304)]
    [InlineData("4MiB", 4194304)]
    [InlineData("4 mb", 4194304)]
    [InlineData("512KiB", 524288)]
    [InlineData("1G", 1073741824)]
    public void Parse_Size_InBytesOrBinaryUnits(string text, int bytes)
    {
        Assert.Equal(bytes, MessageLimits.Parse(text));
    }

    [Theory]
    [InlineData("big")]
    [InlineData("4TiB")]
    [InlineData("-1")]
    [InlineData("1.5MiB")]
    [InlineData("1024")]
    [InlineData("2GiB")]
    [InlineData("99999999999999")]
    public void Parse_NotASizeOrOutOfBounds_SaysWhatToGive(string text)
    {
        var error = Assert.Throws<UsageException>(() => MessageLimits.Parse(text));

        Assert.StartsWith("--max-message-size must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OptionsEnvironmentAndConfig_ReachTheSettings()
    {
        var fromOption = SettingsLoader.Load(new Dictionary<string, string> { ["max-message-size"] = "1MiB", ["allowed-origins"] = "https://a.example.com,http://b.example.com:8080" }, _ => null);
        var fromEnvironment = SettingsLoader.Load(new Dictionary<string, string>(), name => name switch
        {
            "TRAEFIK_MCP_ALLOWED_HOSTS" => "mcp.example.com, 10.0.0.5",
            "TRAEFIK_MCP_MAX_MESSAGE_SIZE" => "8MiB",
            _ => null,
        });

        Assert.Equal(1024 * 1024, fromOption.MaxMessageBytes);
        Assert.Equal(["https://a.example.com", "http://b.example.com:8080"], fromOption.AllowedOrigins);
        Assert.Equal(["mcp.example.com", "10.0.0.5"], fromEnvironment.AllowedHosts);
        Assert.Equal(8 * 1024 * 1024, fromEnvironment.MaxMessageBytes);
    }

    [Theory]
    [InlineData("allowed-origins", "https://a.example.com/path", "is not an origin")]
    [InlineData("allowed-origins", "a.example.com", "is not an origin")]
    [InlineData("allowed-hosts", "http://a.example.com", "is not a host name")]
    [InlineData("allowed-hosts", "a.example.com:80", "is not a host name")]
    public void Load_BadOriginOrHost_SaysWhatToGive(string option, string value, string problem)
    {
        var error = Assert.Throws<UsageException>(() => SettingsLoader.Load(new Dictionary<string, string> { [option] = value }, _ => null));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
