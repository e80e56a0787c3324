namespace Traefik.Manifests;

/// <summary>Why a YAML text could not be read, and where.</summary>
/// <param name="Line">The line (1-based) where reading stopped.</param>
/// <param name="Column">The column (1-based) where reading stopped.</param>
/// <param name="Reason">What is wrong there.</param>
public sealed record YamlError(int Line, int Column, string Reason)
{
    /// <summary>Formats the error as <c>line L, column C: reason</c>.</summary>
    public override string ToString() => $"line {Line}, column {Column}: {Reason}";
}
