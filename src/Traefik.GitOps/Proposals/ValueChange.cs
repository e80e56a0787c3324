namespace Traefik.GitOps.Proposals;

/// <summary>A field whose value changes.</summary>
/// <param name="Field">The field path, for example <c>spec.mirroring.mirrors[api-shadow].percent</c>.</param>
/// <param name="Before">The value before, as YAML-like text, or null when the field is added.</param>
/// <param name="After">The value after, or null when the field is removed.</param>
public sealed record ValueChange(string Field, string? Before, string? After)
{
    /// <summary>Formats the change as <c>field: before → after</c> (<c>(none)</c> for a missing side).</summary>
    public override string ToString() => $"{Field}: {Before ?? "(none)"} → {After ?? "(none)"}";
}
