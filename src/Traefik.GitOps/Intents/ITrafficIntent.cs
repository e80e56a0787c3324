using Traefik.Manifests.Model;

namespace Traefik.GitOps.Intents;

/// <summary>
/// A traffic change to make, independent of the state it is applied to, so it can be planned, shown,
/// and — when the remote moved before the push — planned again on the new state. Wrap a
/// <c>Traefik.Manifests</c> operation with <see cref="TrafficIntent.Create{TOutcome}"/>.
/// </summary>
public interface ITrafficIntent
{
    /// <summary>A one-line, human title, for example <c>Shift prod/api to 80% stable, 20% canary</c>.</summary>
    string Title { get; }

    /// <summary>
    /// A stable text that identifies the intent and its arguments (the same arguments give the same text,
    /// in any culture). The proposal id is derived from it and the base commit.
    /// </summary>
    string Fingerprint { get; }

    /// <summary>The namespace of the route or object the intent is about (used in the branch name).</summary>
    string Namespace { get; }

    /// <summary>The route or object name the intent is about (used in the branch name).</summary>
    string Target { get; }

    /// <summary>
    /// The intent as data, recorded with its commit so the proposal branch can be rebuilt on a new base by any
    /// process (see <see cref="GitOpsOptions.IntentDecoder"/>); null for an intent that exists only as code. A
    /// branch holding a commit without a record is never rebuilt: a new base leaves it as it is and says so.
    /// </summary>
    IntentRecord? Record => null;

    /// <summary>Applies the intent to the desired state. Must be pure: the same state gives the same result.</summary>
    /// <exception cref="Traefik.Manifests.Validation.ManifestException">The intent cannot be applied to this state.</exception>
    IntentResult Apply(ManifestSet current);
}
