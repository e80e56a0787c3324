using System.Text.Json;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>
/// One call of a mutating tool as its mapping sees it: the raw arguments, and the intent each action builds from them
/// with its <see cref="ParameterMap"/>. A tool only chooses the table and the operation; building, renaming problems to
/// parameters, fingerprinting and recording are the same for every tool.
/// </summary>
/// <param name="tool">The tool name.</param>
/// <param name="arguments">The call's arguments, as sent.</param>
internal sealed class ToolCall(string tool, IDictionary<string, JsonElement>? arguments)
{
    /// <summary>The arguments the call set (present, not null, not false).</summary>
    public IReadOnlySet<string> Given { get; } = ParameterMap.Given(arguments);

    /// <summary>A stable fingerprint: the tool and its arguments, delivery excluded.</summary>
    public string Fingerprint => ToolRunner.Fingerprint(tool, arguments);

    /// <summary>
    /// The change <paramref name="operation"/> makes with the intent <paramref name="map"/> builds from the arguments.
    /// The intent is built now, so a value of the wrong shape is reported before any planning.
    /// </summary>
    /// <exception cref="ManifestException">An argument cannot be read into the intent; the problem names it.</exception>
    public ITrafficIntent Change<TIntent, TOutcome>(string title, string @namespace, string target, ParameterMap map, Func<ManifestSet, TIntent, OperationResult<TOutcome>> operation)
        where TIntent : class
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(operation);
        var intent = map.Build<TIntent>(arguments);
        return Change(title, @namespace, target, map, s => operation(s, intent));
    }

    /// <summary>The change <paramref name="operation"/> makes (an operation without an intent, such as a delete).</summary>
    public ITrafficIntent Change<TOutcome>(string title, string @namespace, string target, ParameterMap map, Func<ManifestSet, OperationResult<TOutcome>> operation)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(operation);
        return map.Run(() => TrafficIntent.Create(title, Fingerprint, @namespace, target, s => map.Run(() => Renamed(operation(s), map), arguments)), arguments);
    }

    /// <summary>The result with its warnings naming parameters, as its problems do.</summary>
    private static OperationResult<TOutcome> Renamed<TOutcome>(OperationResult<TOutcome> result, ParameterMap map) =>
        result.Warnings.IsEmpty ? result : result with { Warnings = [.. result.Warnings.Select(map.Words)] };

    /// <summary>The action, one of <paramref name="allowed"/>.</summary>
    /// <exception cref="ManifestException">It is another; the problem lists the allowed ones.</exception>
    public string Action(string? action, params string[] allowed) => ToolArguments.Action(action, tool, allowed);
}
