namespace Traefik.GitOps.Branches;

/// <summary>What a proposal branch is, seen from the current base.</summary>
internal enum BranchStatus
{
    /// <summary>There is no such branch.</summary>
    Absent,

    /// <summary>Its changes are in the base branch (merged, squashed or rebased in).</summary>
    Merged,

    /// <summary>Pending, and its own commits sit on the current base (or on the current tip of the proposal it builds on).</summary>
    UpToDate,

    /// <summary>Pending, and its base moved: its intents were planned again on the current base (commits in the object database only).</summary>
    Rebuilt,

    /// <summary>Its own changes cancel out (or are all in the base already): nothing is left to merge.</summary>
    Empty,

    /// <summary>Pending, its base moved, and its intents no longer apply there as they did (see the message).</summary>
    Conflict,

    /// <summary>Pending, its base moved, and it cannot be rebuilt (a commit without a recorded intent, or not made by this library).</summary>
    Frozen,
}
