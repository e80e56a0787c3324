using Traefik.Manifests.Model;

namespace Traefik.Manifests.Impact;

/// <summary>A progressive delivery controller that owns the weights of a TraefikService.</summary>
/// <param name="Product"><c>Argo Rollouts</c> or <c>Flagger</c>.</param>
/// <param name="Object">The controller's object: a <c>Rollout</c> or a <c>Canary</c>.</param>
/// <param name="Field">The field of that object that names the TraefikService.</param>
/// <param name="TraefikService">The TraefikService whose weights the controller sets.</param>
public sealed record TrafficController(string Product, ObjectKey Object, string Field, ObjectKey TraefikService)
{
    /// <summary>For example <c>Argo Rollouts Rollout production/api (spec.strategy.canary.trafficRouting.traefik.weightedTraefikServiceName)</c>.</summary>
    public override string ToString() => $"{Product} {Object.Kind} {Object.Namespace}/{Object.Name} ({Field})";
}
