using System.ComponentModel;

namespace Traefik.Mcp.Tools.Arguments;

/// <summary>A root certificate authority for a ServersTransport: a Secret or a ConfigMap.</summary>
public sealed record RootCaArgument
{
    /// <summary>The Secret holding the CA certificate.</summary>
    [Description("Secret (in the transport's namespace) holding the CA certificate (key tls.ca or ca.crt).")]
    public string? Secret { get; init; }

    /// <summary>The ConfigMap holding the CA certificate.</summary>
    [Description("ConfigMap (in the transport's namespace) holding the CA certificate, instead of a Secret.")]
    public string? ConfigMap { get; init; }
}
