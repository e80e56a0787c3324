using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Transports;

/// <summary>A Traefik <c>ServersTransport</c>: how Traefik connects to backend servers.</summary>
public sealed record ServersTransport : KubernetesObject
{
    /// <summary>The transport spec.</summary>
    [JsonPropertyOrder(-1)]
    public required ServersTransportSpec Spec { get; init; }
}

/// <summary>The spec of a <see cref="ServersTransport"/>.</summary>
public sealed record ServersTransportSpec : JsonRecord
{
    /// <summary>Name used for SNI and to verify the backend certificate.</summary>
    public string? ServerName { get; init; }

    /// <summary>Skip backend certificate verification.</summary>
    public bool? InsecureSkipVerify { get; init; }
}
