using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Routing;

/// <summary>What a route deletion removed.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="RouteName">The route name.</param>
/// <param name="Deleted">The objects deleted.</param>
public sealed record RouteDeletion(string Namespace, string RouteName, ImmutableList<ObjectKey> Deleted);
