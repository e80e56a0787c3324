using System.Collections.Immutable;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>Checks shared by the tools' argument handling; problems are reported like every other input error.</summary>
internal static class ToolArguments
{
    public static string Action(string? action, string tool, params string[] allowed)
    {
        if (action is not null && allowed.Contains(action))
        {
            return action;
        }

        throw new ManifestException("action", $"{tool} takes action {string.Join(", ", allowed.Take(allowed.Length - 1))} or {allowed[^1]}, not '{action}'.");
    }

    public static T Required<T>(T? value, string name, string action)
        where T : class =>
        value ?? throw new ManifestException(name, $"is required for action={action}.");

    public static int Required(int? value, string name, string action) =>
        value ?? throw new ManifestException(name, $"is required for action={action}.");

    public static IntOrString Port(int? number, string? name, IntOrString fallback) =>
        name is not null ? IntOrString.FromText(name) : number is { } n ? IntOrString.FromNumber(n) : fallback;

    public static IntOrString? OptionalPort(int? number, string? name) =>
        name is not null ? IntOrString.FromText(name) : number is { } n ? IntOrString.FromNumber(n) : (IntOrString?)null;

    public static ImmutableList<string>? List(string[]? values) => values is null ? null : [.. values];
}
