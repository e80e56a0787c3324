using System.Collections.Immutable;
using Traefik.Manifests.Operations;

namespace Traefik.GitOps.Proposals;

/// <summary>One object created, updated or deleted, where it is written, and its meaningful values before and after.</summary>
/// <param name="Type">Created, updated or deleted.</param>
/// <param name="Kind">The object kind.</param>
/// <param name="Namespace">The object namespace.</param>
/// <param name="Name">The object name.</param>
/// <param name="File">The repository path of the file holding the object (for a deletion: the file it was in).</param>
/// <param name="Values">
/// Values that differ, by field path (array items with a <c>name</c> are addressed by it, for example
/// <c>spec.weighted.services[api-canary].weight</c>), plus the derived traffic <c>share</c> of each weighted
/// service. Metadata is left out.
/// </param>
public sealed record ObjectChangeSummary(ChangeType Type, string Kind, string Namespace, string Name, string File, ImmutableList<ValueChange> Values);
