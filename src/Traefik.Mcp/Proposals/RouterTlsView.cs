using System.ComponentModel;

namespace Traefik.Mcp.Proposals;

/// <summary>The TLS of a router.</summary>
public sealed record RouterTlsView
{
    /// <summary>The Secret with the certificate.</summary>
    public string? SecretName { get; init; }

    /// <summary>The ACME certificate resolver.</summary>
    public string? CertResolver { get; init; }

    /// <summary>The TLSOption, namespace/name.</summary>
    public string? Options { get; init; }

    /// <summary>The TLSStore, namespace/name.</summary>
    public string? Store { get; init; }

    /// <summary>Certificate domains.</summary>
    public IReadOnlyList<string>? Domains { get; init; }

    /// <summary>TCP passthrough.</summary>
    [Description("True for a TCP router that passes TLS through to the backend.")]
    public required bool Passthrough { get; init; }
}
