using System.Collections.Immutable;
using Traefik.Manifests;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;

namespace Traefik.GitOps.Intents;

/// <summary>What applying an intent did: the new objects, the changes, warnings and the operation's outcome.</summary>
public sealed record IntentResult
{
    /// <summary>The complete set of objects after the change.</summary>
    public required ManifestSet Objects { get; init; }

    /// <summary>The objects created, updated or deleted. Only these are written, so they must be complete.</summary>
    public required ImmutableList<ObjectChange> Changes { get; init; }

    /// <summary>Warnings from the operation.</summary>
    public ImmutableList<string> Warnings { get; init; } = [];

    /// <summary>The operation-specific outcome (percentages, mirror state…), or null.</summary>
    public object? Outcome { get; init; }

    /// <summary>
    /// What the intent was asked to change, router by router. Planning computes the traffic impact and refuses the
    /// intent when users would get anything else (see <see cref="TrafficImpact.Violations"/>).
    /// </summary>
    /// <value>The default is <see cref="ChangeAllowance.None"/>: a hand-written intent declares what it may change.</value>
    public ChangeAllowance Allowed { get; init; } = ChangeAllowance.None;

    /// <summary>True when nothing changed.</summary>
    public bool IsNoOp => Changes.IsEmpty;

    /// <summary>Converts a <c>Traefik.Manifests</c> operation result (its allowance included).</summary>
    public static IntentResult From<TOutcome>(OperationResult<TOutcome> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new IntentResult { Objects = result.Objects, Changes = result.Changes, Warnings = result.Warnings, Outcome = result.Outcome, Allowed = result.Allowed };
    }

    /// <summary>
    /// Builds a result by comparing two sets object by object (by rendered YAML). This reads every
    /// object, so it suits small hand-written edits and tests; operations report their own changes.
    /// </summary>
    /// <param name="before">The objects before.</param>
    /// <param name="after">The objects after.</param>
    /// <param name="warnings">Warnings to report.</param>
    /// <param name="outcome">The outcome to report.</param>
    /// <param name="allowed">What the change was asked to alter for users; null means nothing.</param>
    public static IntentResult Compare(ManifestSet before, ManifestSet after, IEnumerable<string>? warnings = null, object? outcome = null, ChangeAllowance? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = ImmutableList.CreateBuilder<ObjectChange>();
        foreach (var key in before.Keys.Union(after.Keys).Order())
        {
            before.TryGet(key, out var b);
            after.TryGet(key, out var a);
            if (b is null && a is not null)
            {
                changes.Add(new ObjectChange(ChangeType.Created, key, null, a));
            }
            else if (b is not null && a is null)
            {
                changes.Add(new ObjectChange(ChangeType.Deleted, key, b, null));
            }
            else if (b is not null && a is not null && !ReferenceEquals(a, b) && ManifestYaml.Render(a) != ManifestYaml.Render(b))
            {
                changes.Add(new ObjectChange(ChangeType.Updated, key, b, a));
            }
        }

        return new IntentResult
        {
            Objects = after,
            Changes = changes.ToImmutable(),
            Warnings = warnings is null ? [] : [.. warnings],
            Outcome = outcome,
            Allowed = allowed ?? ChangeAllowance.None,
        };
    }
}
