using System.Collections.Immutable;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Impact;

/// <summary>
/// Progressive delivery controllers in the repository that own TraefikService weights: an Argo Rollouts
/// <c>Rollout</c> whose <c>spec.strategy.canary.trafficRouting.traefik.weightedTraefikServiceName</c> names it, or a
/// Flagger <c>Canary</c> with <c>spec.provider: traefik</c> (Flagger writes the TraefikService named after
/// <c>spec.service.name</c>, else <c>spec.targetRef.name</c>). The controller sets those weights in the cluster
/// while it runs an analysis; weights written in Git as well make Argo CD or Flux fight it.
/// </summary>
public static class TrafficControllers
{
    /// <summary>The controllers that own the weights of <paramref name="traefikService"/>.</summary>
    public static ImmutableList<TrafficController> Of(ManifestSet objects, ObjectKey traefikService)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var result = ImmutableList.CreateBuilder<TrafficController>();
        foreach (var holder in objects.Graph.Holders(traefikService))
        {
            if (holder.Kind is ReferenceGraph.RolloutKind or ReferenceGraph.CanaryKind
                && objects.TryGet(holder, out var value) && value is UnknownObject other
                && TrafficControllerSpec.Read(other) is { } found && found.Service == traefikService)
            {
                result.Add(new TrafficController(found.Product, holder, found.Field, traefikService));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Refuses a weight change to a TraefikService a controller owns, naming the controller.</summary>
    /// <exception cref="ManifestException">A controller owns the weights of <paramref name="traefikService"/>.</exception>
    internal static void RefuseWeightChange(ManifestSet objects, ObjectKey traefikService, string path)
    {
        var owners = Of(objects, traefikService);
        if (!owners.IsEmpty)
        {
            throw new ManifestException(path, Message(traefikService, owners));
        }
    }

    internal static string Message(ObjectKey traefikService, IReadOnlyList<TrafficController> owners) =>
        $"the weights of TraefikService {traefikService.Namespace}/{traefikService.Name} belong to {string.Join(" and ", owners)}: the controller sets them in the cluster during its analysis, and weights written in Git would make Argo CD or Flux fight it. Change the rollout through the controller (its steps, promote or abort), or remove it from the repository first.";
}
