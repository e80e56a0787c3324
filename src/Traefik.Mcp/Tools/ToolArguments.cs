using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>Checks shared by the tools' argument handling; problems are reported like every other input error.</summary>
internal static class ToolArguments
{
    /// <summary>The one Traefik version whose manifests this server writes.</summary>
    public const string SupportedVersion = "v3";

    /// <summary>Refuses a <c>traefik_version</c> other than <see cref="SupportedVersion"/>.</summary>
    public static void TraefikVersion(string? version)
    {
        if (version != SupportedVersion)
        {
            throw new ManifestException("traefik_version", $"'{version}' is not supported: this server writes Traefik v3 manifests (traefik.io/v1alpha1) only and does not produce v2 (traefik.containo.us) output. Use v3.");
        }
    }

    public static string Action(string? action, string tool, params string[] allowed)
    {
        if (action is not null && allowed.Contains(action))
        {
            return action;
        }

        throw new ManifestException("action", $"{tool} takes action {string.Join(", ", allowed.Take(allowed.Length - 1))} or {allowed[^1]}, not '{action}'.");
    }
}
