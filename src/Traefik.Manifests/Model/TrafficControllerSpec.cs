using System.Text.Json;

namespace Traefik.Manifests.Model;

/// <summary>
/// Reads which TraefikService a progressive delivery controller owns: an Argo Rollouts <c>Rollout</c>
/// (<c>spec.strategy.canary.trafficRouting.traefik.weightedTraefikServiceName</c>, in the Rollout's namespace) or a
/// Flagger <c>Canary</c> with <c>spec.provider: traefik</c> (Flagger writes the TraefikService named after
/// <c>spec.service.name</c>, else <c>spec.targetRef.name</c>, in the Canary's namespace).
/// </summary>
internal static class TrafficControllerSpec
{
    public const string ArgoRollouts = "Argo Rollouts";

    public const string Flagger = "Flagger";

    public const string RolloutField = "spec.strategy.canary.trafficRouting.traefik.weightedTraefikServiceName";

    /// <summary>The TraefikService the object's controller owns the weights of, or null.</summary>
    public static ObjectKey? ManagedService(UnknownObject value) => Read(value) is { } found ? found.Service : null;

    /// <summary>The controller's product, the TraefikService it owns and the field that says so, or null.</summary>
    public static (string Product, ObjectKey Service, string Field)? Read(UnknownObject value)
    {
        if (value.Spec is not { ValueKind: JsonValueKind.Object } spec)
        {
            return null;
        }

        if (value.Kind == ReferenceGraph.RolloutKind && value.ApiVersion.StartsWith("argoproj.io/", StringComparison.Ordinal))
        {
            var name = Text(spec, "strategy", "canary", "trafficRouting", "traefik", "weightedTraefikServiceName");
            return name is null ? null : (ArgoRollouts, new ObjectKey(TraefikApi.TraefikServiceKind, value.Namespace, name), RolloutField);
        }

        if (value.Kind == ReferenceGraph.CanaryKind && value.ApiVersion.StartsWith("flagger.app/", StringComparison.Ordinal)
            && Text(spec, "provider") == "traefik")
        {
            if (Text(spec, "service", "name") is { } apex)
            {
                return (Flagger, new ObjectKey(TraefikApi.TraefikServiceKind, value.Namespace, apex), "spec.service.name");
            }

            if (Text(spec, "targetRef", "name") is { } target)
            {
                return (Flagger, new ObjectKey(TraefikApi.TraefikServiceKind, value.Namespace, target), "spec.targetRef.name");
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text ? text : null;
    }
}
