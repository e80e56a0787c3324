using System.Collections.Immutable;
using Traefik.Manifests;
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

    /// <summary>True when nothing changed.</summary>
    public bool IsNoOp => Changes.IsEmpty;

    /// <summary>Converts a <c>Traefik.Manifests</c> operation result.</summary>
    public static IntentResult From<TOutcome>(OperationResult<TOutcome> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new IntentResult { Objects = result.Objects, Changes = result.Changes, Warnings = result.Warnings, Outcome = result.Outcome };
    }

    /// <summary>
    /// Builds a result by comparing two sets object by object (by rendered YAML). This reads every
    /// object, so it suits small hand-written edits and tests; operations report their own changes.
    /// </summary>
    public static IntentResult Compare(ManifestSet before, ManifestSet after, IEnumerable<string>? warnings = null, object? outcome = null)
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
        };
    }
}
