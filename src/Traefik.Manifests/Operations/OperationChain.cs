using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Operations;

/// <summary>
/// Chains operations: each one runs on the objects the previous one left, and the chain reports one result — the
/// changes from the first operation's starting objects to the last one's, every warning once, the last outcome, and
/// everything each operation was allowed to change. No <see cref="OperationResult{TOutcome}.Objects"/> is threaded by hand:
/// <code>
/// var result = WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", route)
///     .Then(s =&gt; HttpMiddlewares.Upsert(s, "prod", "api-strip", strip))
///     .Then(s =&gt; RouteMiddlewares.Attach(s, "prod", "api", new RouteMiddlewaresIntent { Middlewares = ["api-strip"] }));
/// </code>
/// </summary>
public static class OperationChain
{
    /// <summary>Runs <paramref name="next"/> on the objects <paramref name="first"/> left and merges the two results.</summary>
    /// <param name="first">The result so far.</param>
    /// <param name="next">The next operation, given the objects so far.</param>
    /// <returns>One result for both: an object changed and changed back is no change at all.</returns>
    /// <exception cref="Validation.ManifestException">The next operation refused; nothing of the chain is produced.</exception>
    public static OperationResult<TNext> Then<TOutcome, TNext>(this OperationResult<TOutcome> first, Func<ManifestSet, OperationResult<TNext>> next)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(next);
        var second = next(first.Objects);
        var changes = new SortedDictionary<ObjectKey, ObjectChange>();
        foreach (var change in first.Changes)
        {
            changes[change.Key] = change;
        }

        foreach (var change in second.Changes)
        {
            if (!changes.TryGetValue(change.Key, out var earlier))
            {
                changes[change.Key] = change;
            }
            else if (Net(change.Key, earlier.Before, change.After) is { } merged)
            {
                changes[change.Key] = merged;
            }
            else
            {
                changes.Remove(change.Key);
            }
        }

        return new OperationResult<TNext>
        {
            Objects = second.Objects,
            Changes = [.. changes.Values],
            Warnings = [.. first.Warnings.Concat(second.Warnings).Distinct(StringComparer.Ordinal)],
            Outcome = second.Outcome,
            Allowed = first.Allowed.And(second.Allowed),
        };
    }

    /// <summary>The same result with another outcome (for an operation built from others that reports its own).</summary>
    public static OperationResult<TOther> WithOutcome<TOutcome, TOther>(this OperationResult<TOutcome> result, TOther outcome)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new OperationResult<TOther>
        {
            Objects = result.Objects,
            Changes = result.Changes,
            Warnings = result.Warnings,
            Outcome = outcome,
            Allowed = result.Allowed,
        };
    }

    /// <summary>What happened to an object between its first state and its last, or null when nothing did.</summary>
    private static ObjectChange? Net(ObjectKey key, KubernetesObject? before, KubernetesObject? after) => (before, after) switch
    {
        (null, null) => null,
        (null, _) => new ObjectChange(ChangeType.Created, key, null, after),
        (_, null) => new ObjectChange(ChangeType.Deleted, key, before, null),
        _ when ReferenceEquals(before, after) || JsonNode.DeepEquals(ManifestYaml.ToJson(before), ManifestYaml.ToJson(after)) => null,
        _ => new ObjectChange(ChangeType.Updated, key, before, after),
    };
}
