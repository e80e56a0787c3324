using Traefik.GitOps.Security;

namespace Traefik.Mcp.Configuration;

/// <summary>
/// Every credential a traefik-mcp process can hold, gathered into one <see cref="SecretRedactor"/>: the HTTP
/// bearer token, the Prometheus token or basic-auth pair, the user information of <c>--prometheus-url</c> and
/// of <c>--repo</c>, the git token and the GitHub token. Every tool result, resource, error and log line
/// passes through it, and tool arguments holding one are refused.
/// </summary>
public static class ConfiguredSecrets
{
    /// <summary>A redactor holding the credentials the settings name (read through <paramref name="environment"/>).</summary>
    public static SecretRedactor Redactor(McpSettings settings, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var redactor = new SecretRedactor();
        AddVariable(redactor, settings.AuthTokenEnv, environment);
        AddVariable(redactor, settings.PrometheusTokenEnv, environment);
        AddVariable(redactor, settings.GitTokenEnv, environment);
        AddVariable(redactor, settings.GitHubTokenEnv, environment);
        if (settings.PrometheusBasicAuthEnv is { } basic)
        {
            redactor.AddUserInfo(environment(basic), basic);
        }

        if (settings.PrometheusUrl is { UserInfo.Length: > 0 } prometheus)
        {
            redactor.AddUserInfo(Uri.UnescapeDataString(prometheus.UserInfo), "--prometheus-url");
        }

        if (settings.Repo is { } repo && Uri.TryCreate(repo, UriKind.Absolute, out var remote) && remote.UserInfo.Length > 0)
        {
            redactor.AddUserInfo(Uri.UnescapeDataString(remote.UserInfo), "--repo");
        }

        return redactor;
    }

    private static void AddVariable(SecretRedactor redactor, string? variable, Func<string, string?> environment)
    {
        if (variable is not null)
        {
            redactor.Add(environment(variable), variable);
        }
    }
}
