using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Impact;

/// <summary>
/// What an intent was asked to change, router by router: every operation declares it with its result
/// (<see cref="Operations.OperationResult{TOutcome}.Allowed"/>), and a plan whose traffic impact goes beyond it is
/// refused (<see cref="TrafficImpact.Violations"/>). Whatever is allowed, a router that would start to fail
/// (a dangling reference, weights all 0) or TLS on the plain-HTTP entry point <c>web</c> is always refused.
/// </summary>
public sealed record ChangeAllowance
{
    /// <summary>Nothing may change for any router.</summary>
    public static ChangeAllowance None { get; } = new();

    /// <summary>The grants.</summary>
    public ImmutableList<AllowedChange> Changes { get; init; } = [];

    /// <summary>
    /// The routers of a route may change these properties (<see cref="RouterProperty.All"/> for a route created,
    /// replaced or deleted), optionally only for some backends.
    /// </summary>
    public static ChangeAllowance RoutersOf(ObjectKey route, RouterProperty properties = RouterProperty.All, IEnumerable<string>? services = null) =>
        new()
        {
            Changes = [new AllowedChange { Scope = RouterScope.RoutersOf, Object = route, Properties = properties, Services = services is null ? null : [.. services] }],
        };

    /// <summary>The routers reaching <paramref name="target"/> may change these properties, optionally only for some backends and options.</summary>
    public static ChangeAllowance RoutersReaching(ObjectKey target, RouterProperty properties, IEnumerable<string>? services = null, IEnumerable<string>? optionNames = null) =>
        new()
        {
            Changes =
            [
                new AllowedChange
                {
                    Scope = RouterScope.RoutersReaching,
                    Object = target,
                    Properties = properties,
                    Services = services is null ? null : [.. services],
                    OptionNames = optionNames is null ? null : [.. optionNames],
                },
            ],
        };

    /// <summary>Both allowances.</summary>
    public ChangeAllowance And(ChangeAllowance other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ChangeAllowance { Changes = Changes.AddRange(other.Changes) };
    }
}
