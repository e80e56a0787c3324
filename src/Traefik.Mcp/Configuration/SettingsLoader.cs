using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Traefik.GitOps;

namespace Traefik.Mcp.Configuration;

/// <summary>
/// Builds <see cref="McpSettings"/> from, in increasing precedence: a JSON config file
/// (<c>--config</c> or <c>TRAEFIK_MCP_CONFIG</c>), environment variables <c>TRAEFIK_MCP_&lt;NAME&gt;</c>,
/// and command-line options <c>--&lt;name&gt;</c>.
/// </summary>
public static class SettingsLoader
{
    /// <summary>Every option name, as written on the command line.</summary>
    public static readonly IReadOnlyList<string> OptionNames =
    [
        "repo", "base-branch", "root", "delivery", "pr-provider", "prometheus-url", "prometheus-timeout", "prometheus-token-env",
        "prometheus-basic-auth-env", "transport", "urls", "auth-token-env", "allowed-origins", "allowed-hosts", "max-message-size",
        "git-token-env", "github-token-env", "github-api-url", "github-repository", "author-name", "author-email", "cache-dir",
        "exclude", "max-file-size",
    ];

    /// <summary>Options that may be given more than once (or as a comma-separated list); their values add up.</summary>
    public static readonly IReadOnlyList<string> ListOptionNames = ["allowed-origins", "allowed-hosts"];

    /// <summary>Loads settings; <paramref name="options"/> are the parsed command-line options (name without dashes → value).</summary>
    /// <exception cref="UsageException">A value is not valid.</exception>
    public static McpSettings Load(IReadOnlyDictionary<string, string> options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var configPath = options.GetValueOrDefault("config") ?? environment("TRAEFIK_MCP_CONFIG");
        if (configPath is not null)
        {
            foreach (var (key, value) in ReadConfigFile(configPath))
            {
                values[key] = value;
            }
        }

        foreach (var name in OptionNames)
        {
            var env = environment("TRAEFIK_MCP_" + name.Replace('-', '_').ToUpperInvariant());
            if (!string.IsNullOrEmpty(env))
            {
                values[name] = env;
            }
        }

        foreach (var (key, value) in options)
        {
            if (key != "config")
            {
                values[key] = value;
            }
        }

        var settings = new McpSettings();
        foreach (var (key, value) in values)
        {
            settings = key switch
            {
                "repo" => settings with { Repo = value },
                "base-branch" => settings with { BaseBranch = value },
                "root" => settings with { Root = value },
                "delivery" => settings with { Delivery = ParseDelivery(value) },
                "pr-provider" => settings with { PrProvider = ParseProvider(value) },
                "prometheus-url" => settings with { PrometheusUrl = ParseUrl(value, key) },
                "prometheus-timeout" => settings with { PrometheusTimeout = ParseSeconds(value, key) },
                "prometheus-token-env" => settings with { PrometheusTokenEnv = value },
                "prometheus-basic-auth-env" => settings with { PrometheusBasicAuthEnv = value },
                "transport" => settings with { Transport = value is "stdio" or "http" ? value : throw new UsageException($"--transport must be stdio or http, not '{value}'.") },
                "urls" => settings with { Urls = value },
                "auth-token-env" => settings with { AuthTokenEnv = value },
                "allowed-origins" => settings with { AllowedOrigins = ParseOrigins(value) },
                "allowed-hosts" => settings with { AllowedHosts = ParseHosts(value) },
                "max-message-size" => settings with { MaxMessageBytes = MessageLimits.Parse(value) },
                "git-token-env" => settings with { GitTokenEnv = value },
                "github-token-env" => settings with { GitHubTokenEnv = value },
                "github-api-url" => settings with { GitHubApiUrl = ParseUrl(value, key) },
                "github-repository" => settings with { GitHubRepository = value },
                "author-name" => settings with { AuthorName = value },
                "author-email" => settings with { AuthorEmail = value },
                "cache-dir" => settings with { CacheDir = value },
                "exclude" => settings with { Exclude = ParseList(value) },
                "max-file-size" => settings with { MaxFileSize = ParseSize(value, key) },
                _ => throw new UsageException($"Unknown option --{key}. Run traefik-mcp --help for the list."),
            };
        }

        return settings;
    }

    /// <summary>Parses a delivery mode name (<c>diff</c>, <c>worktree</c>, <c>branch</c>, <c>pull_request</c>).</summary>
    public static DeliveryMode ParseDelivery(string value) => value switch
    {
        "diff" => DeliveryMode.Diff,
        "worktree" => DeliveryMode.Worktree,
        "branch" => DeliveryMode.Branch,
        "pull_request" or "pull-request" or "pr" => DeliveryMode.PullRequest,
        _ => throw new UsageException($"delivery must be diff, worktree, branch or pull_request, not '{value}'."),
    };

    /// <summary>The wire name of a delivery mode.</summary>
    public static string Name(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Diff => "diff",
        DeliveryMode.Worktree => "worktree",
        DeliveryMode.Branch => "branch",
        _ => "pull_request",
    };

    private static PullRequestProviderKind ParseProvider(string value) => value switch
    {
        "none" => PullRequestProviderKind.None,
        "github" => PullRequestProviderKind.GitHub,
        _ => throw new UsageException($"--pr-provider must be none or github, not '{value}'."),
    };

    private static Uri ParseUrl(string value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--{key} must be an absolute http(s) URL, not '{value}'.");

    /// <summary>The items of a list option: comma-separated, or one per line (a list in the config file).</summary>
    private static string[] Items(string value) =>
        value.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Origins as the <c>Origin</c> header spells them (<c>scheme://host[:port]</c>, lower case, no path), or <c>*</c>.</summary>
    private static string[] ParseOrigins(string value) =>
    [
        .. Items(value).Select(item => item == "*" ? item
            : Uri.TryCreate(item, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0 && !item.EndsWith('/')
                ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
                : throw new UsageException($"--allowed-origins: '{item}' is not an origin; give scheme://host[:port] without a path, for example https://studio.example.com, or * for every origin.")),
    ];

    private static string[] ParseHosts(string value) =>
    [
        .. Items(value).Select(item => IsHost(item)
            ? item.ToLowerInvariant()
            : throw new UsageException($"--allowed-hosts: '{item}' is not a host name; give names or addresses without scheme or port (IPv6 in brackets), for example mcp.example.com,10.0.0.5.")),
    ];

    private static bool IsHost(string item) =>
        item.StartsWith('[') && item.EndsWith(']')
            ? System.Net.IPAddress.TryParse(item[1..^1], out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            : !item.Contains(':', StringComparison.Ordinal) && Uri.CheckHostName(item) != UriHostNameType.Unknown;

    /// <summary>A list of patterns: one per line (repeated options), or separated by commas (an environment variable).</summary>
    private static ImmutableList<string> ParseList(string value) =>
        [.. value.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A size in bytes, or with a KiB, MiB or GiB suffix, from 1 byte to 1 GiB.</summary>
    private static int ParseSize(string value, string key)
    {
        var text = value.Trim();
        long unit = 1;
        foreach (var (suffix, factor) in new[] { ("KiB", 1024L), ("MiB", 1024L * 1024), ("GiB", 1024L * 1024 * 1024), ("B", 1L) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^suffix.Length].TrimEnd();
                unit = factor;
                break;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= (1L << 30) / unit
            ? (int)(number * unit)
            : throw new UsageException($"--{key} must be a size from 1 byte to 1GiB, in bytes or with KiB, MiB or GiB (for example 4MiB), not '{value}'.");
    }

    private static TimeSpan ParseSeconds(string value, string key) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 600
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--{key} must be a number of seconds between 0 and 600, not '{value}'.");

    private static Dictionary<string, string> ReadConfigFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"The config file {path} does not exist.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                var name = property.Name.Replace('_', '-');
                if (!OptionNames.Contains(name))
                {
                    throw new UsageException($"{path}: unknown setting '{property.Name}'. Known settings: {string.Join(", ", OptionNames)}.");
                }

                result[name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Array when property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                        string.Join("\n", property.Value.EnumerateArray().Select(e => e.GetString())),
                    _ => property.Value.GetRawText().ToString(CultureInfo.InvariantCulture),
                };
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>A command-line or configuration mistake; the message says what to fix.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
