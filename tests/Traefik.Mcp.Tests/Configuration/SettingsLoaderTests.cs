using Traefik.GitOps;
using Traefik.Mcp.Cli;
using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("traefik-mcp-settings-").FullName;

    [Fact]
    public void Load_Nothing_GivesTheDocumentedDefaults()
    {
        var s = SettingsLoader.Load(new Dictionary<string, string>(), _ => null);
        Assert.Equal((null, "traefik", DeliveryMode.Diff, PullRequestProviderKind.None, null, "stdio", "http://127.0.0.1:8769"),
            (s.Repo, s.Root, s.Delivery, s.PrProvider, s.PrometheusUrl, s.Transport, s.Urls));
    }

    [Fact]
    public void Load_AllowedOriginsRepeatedOrListedInConfig_AddUp()
    {
        var config = Path.Combine(_dir, "origins.json");
        File.WriteAllText(config, """{"allowed_origins": ["https://a.example.com", "https://b.example.com"], "allowed_hosts": "mcp.example.com"}""");
        var line = CommandLine.Parse(["serve", "--allowed-origins", "https://c.example.com", "--allowed-origins=https://d.example.com,https://e.example.com"]);

        var fromLine = SettingsLoader.Load(line.Options, _ => null);
        var fromFile = SettingsLoader.Load(new Dictionary<string, string> { ["config"] = config }, _ => null);

        Assert.Equal(["https://c.example.com", "https://d.example.com", "https://e.example.com"], fromLine.AllowedOrigins);
        Assert.Equal(["https://a.example.com", "https://b.example.com"], fromFile.AllowedOrigins);
        Assert.Equal(["mcp.example.com"], fromFile.AllowedHosts);
    }

    [Fact]
    public void Load_PrometheusOptions_FromEnvironment()
    {
        var env = new Dictionary<string, string>
        {
            ["TRAEFIK_MCP_PROMETHEUS_URL"] = "https://prom.example.com/prometheus",
            ["TRAEFIK_MCP_PROMETHEUS_TIMEOUT"] = "2.5",
            ["TRAEFIK_MCP_PROMETHEUS_TOKEN_ENV"] = "PROM_TOKEN",
        };

        var s = SettingsLoader.Load(new Dictionary<string, string>(), env.GetValueOrDefault);

        Assert.Equal((new Uri("https://prom.example.com/prometheus"), TimeSpan.FromSeconds(2.5), "PROM_TOKEN", (string?)null), (s.PrometheusUrl, s.PrometheusTimeout, s.PrometheusTokenEnv, s.PrometheusBasicAuthEnv));
        Assert.Equal(TimeSpan.FromSeconds(10), new McpSettings().PrometheusTimeout);
    }

    [Fact]
    public void Load_ConfigFileThenEnvironmentThenCommandLine_LaterWins()
    {
        var config = Path.Combine(_dir, "settings.json");
        File.WriteAllText(config, """{"repo": "/from/file", "root": "clusters/prod/traefik", "delivery": "branch", "prometheus_url": "http://prom:9090"}""");
        var env = new Dictionary<string, string> { ["TRAEFIK_MCP_CONFIG"] = config, ["TRAEFIK_MCP_DELIVERY"] = "worktree", ["TRAEFIK_MCP_PR_PROVIDER"] = "github" };

        var s = SettingsLoader.Load(new Dictionary<string, string> { ["delivery"] = "pull_request" }, env.GetValueOrDefault);

        Assert.Equal("/from/file", s.Repo);
        Assert.Equal("clusters/prod/traefik", s.Root);
        Assert.Equal(DeliveryMode.PullRequest, s.Delivery);
        Assert.Equal(PullRequestProviderKind.GitHub, s.PrProvider);
        Assert.Equal(new Uri("http://prom:9090"), s.PrometheusUrl);
    }

    [Theory]
    [InlineData("delivery", "yolo", "delivery must be diff, worktree, branch or pull_request, not 'yolo'.")]
    [InlineData("pr-provider", "gitlab", "--pr-provider must be none or github, not 'gitlab'.")]
    [InlineData("prometheus-url", "prom:9090", "--prometheus-url must be an absolute http(s) URL, not 'prom:9090'.")]
    [InlineData("prometheus-timeout", "0", "--prometheus-timeout must be a number of seconds between 0 and 600, not '0'.")]
    [InlineData("prometheus-timeout", "soon", "--prometheus-timeout must be a number of seconds between 0 and 600, not 'soon'.")]
    [InlineData("transport", "sse", "--transport must be stdio or http, not 'sse'.")]
    public void Load_BadValue_SaysWhatIsAccepted(string option, string value, string message)
    {
        var e = Assert.Throws<UsageException>(() => SettingsLoader.Load(new Dictionary<string, string> { [option] = value }, _ => null));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Load_ExcludeAndMaxFileSize_FromEachSource()
    {
        var config = Path.Combine(_dir, "limits.json");
        File.WriteAllText(config, """{"exclude": ["traefik/charts/**", "values*.yaml"], "max_file_size": "512KiB"}""");

        var fromFile = SettingsLoader.Load(new Dictionary<string, string> { ["config"] = config }, _ => null);
        var fromEnvironment = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string> { ["TRAEFIK_MCP_EXCLUDE"] = "a/**, *.tpl.yaml", ["TRAEFIK_MCP_MAX_FILE_SIZE"] = "1000" }.GetValueOrDefault);
        var fromCommandLine = SettingsLoader.Load(CommandLine.Parse(["--exclude", "one/**", "--exclude=two.yaml", "--max-file-size", "8MiB"]).Options, _ => null);

        Assert.Equal(["traefik/charts/**", "values*.yaml"], fromFile.Exclude);
        Assert.Equal(512 * 1024, fromFile.MaxFileSize);
        Assert.Equal(["a/**", "*.tpl.yaml"], fromEnvironment.Exclude);
        Assert.Equal(1000, fromEnvironment.MaxFileSize);
        Assert.Equal(["one/**", "two.yaml"], fromCommandLine.Exclude);
        Assert.Equal(8 * 1024 * 1024, fromCommandLine.MaxFileSize);
        Assert.Empty(new McpSettings().Exclude);
        Assert.Equal(4 * 1024 * 1024, new McpSettings().MaxFileSize);
        var options = Traefik.Mcp.Hosting.RepositoryHost.Options(fromCommandLine, "/r", null);
        Assert.Equal(["one/**", "two.yaml"], options.Exclude);
        Assert.Equal(8 * 1024 * 1024, options.MaxFileBytes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2GiB")]
    [InlineData("-1")]
    [InlineData("4 megabytes")]
    public void Load_BadMaxFileSize_SaysWhatIsAccepted(string value)
    {
        var e = Assert.Throws<UsageException>(() => SettingsLoader.Load(new Dictionary<string, string> { ["max-file-size"] = value }, _ => null));

        Assert.Equal($"--max-file-size must be a size from 1 byte to 1GiB, in bytes or with KiB, MiB or GiB (for example 4MiB), not '{value}'.", e.Message);
    }

    [Fact]
    public void Load_UnknownConfigKey_NamesTheFileAndTheKnownKeys()
    {
        var config = Path.Combine(_dir, "bad.json");
        File.WriteAllText(config, """{"repository": "x"}""");
        var e = Assert.Throws<UsageException>(() => SettingsLoader.Load(new Dictionary<string, string> { ["config"] = config }, _ => null));
        Assert.StartsWith($"{config}: unknown setting 'repository'. Known settings: repo, base-branch,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_ParsesCommandPositionalsAndBothOptionForms()
    {
        var line = CommandLine.Parse(["call", "traefik_manage_weighted_routing", "--args", "{}", "--repo=/r", "--output", "json"]);
        Assert.Equal(("call", "traefik_manage_weighted_routing", "{}", "/r", "json"),
            (line.Command, line.Positionals[0], line.Options["args"], line.Options["repo"], line.Options["output"]));
        Assert.Equal("serve", CommandLine.Parse([]).Command);
        Assert.Equal("--repo needs a value.", Assert.Throws<UsageException>(() => CommandLine.Parse(["--repo"])).Message);
        Assert.Equal("Unknown command 'deploy': use serve, call, read, deliver, refresh or discard.", Assert.Throws<UsageException>(() => CommandLine.Parse(["deploy"])).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
