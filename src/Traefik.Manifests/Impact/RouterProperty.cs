namespace Traefik.Manifests.Impact;

/// <summary>What about a router a change may alter (see <see cref="ChangeAllowance"/>).</summary>
[Flags]
public enum RouterProperty
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The router may be created or removed (a route created, replaced with other rules, or deleted).</summary>
    Existence = 1,

    /// <summary>The rule and the priority.</summary>
    Match = 2,

    /// <summary>The entry points.</summary>
    EntryPoints = 4,

    /// <summary>TLS.</summary>
    Tls = 8,

    /// <summary>The middlewares: which ones, their order and their specs.</summary>
    Middlewares = 16,

    /// <summary>The users' shares among the backends the router already had.</summary>
    Shares = 32,

    /// <summary>Users may go to backends the router did not have before.</summary>
    NewBackends = 64,

    /// <summary>The mirrors and the percentages copied to them.</summary>
    Mirrors = 128,

    /// <summary>The per-backend options (transport, stickiness, pass-host-header, strategy, health check…).</summary>
    Options = 256,

    /// <summary>Everything: a route created, replaced or deleted as asked.</summary>
    All = Existence | Match | EntryPoints | Tls | Middlewares | Shares | NewBackends | Mirrors | Options,
}
