using System.ComponentModel;

namespace Traefik.Mcp.Tools.Arguments;

/// <summary>A Kubernetes Service with a port and a weight, as a tool argument.</summary>
public sealed record ServiceArgument
{
    /// <summary>The Service name.</summary>
    [Description("Kubernetes Service name, used exactly as given (required).")]
    public string? Name { get; init; }

    /// <summary>The port number.</summary>
    [Description("Service port number.")]
    public int? Port { get; init; }

    /// <summary>The port name.</summary>
    [Description("Service port name, instead of a number.")]
    public string? PortName { get; init; }

    /// <summary>The relative weight.</summary>
    [Description("Relative weight (0 or more; Traefik's default is 1).")]
    public int? Weight { get; init; }
}
