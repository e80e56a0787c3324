namespace Traefik.GitOps.Refresh;

/// <summary>What a refresh did to a proposal branch.</summary>
public enum RefreshOutcome
{
    /// <summary>It already sits on the current base: nothing to do.</summary>
    UpToDate,

    /// <summary>Its base moved: its intents were planned again on the current base, and the branch (and pull request) updated.</summary>
    Rebuilt,

    /// <summary>Its changes are in the base branch: the branch was deleted and its pull request closed.</summary>
    ClosedMerged,

    /// <summary>Its changes cancel out, or are all in the base already: the branch was deleted and its pull request closed.</summary>
    ClosedEmpty,

    /// <summary>Its base moved and its intents no longer apply there as they did: it was left as it was (see the message for both versions).</summary>
    Conflict,

    /// <summary>Its base moved and it cannot be rebuilt (a commit without a recorded intent, or not made by this library): left as it was.</summary>
    NotRebuilt,
}
