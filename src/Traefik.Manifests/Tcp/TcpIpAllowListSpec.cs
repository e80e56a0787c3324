using System.Collections.Immutable;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Tcp;

/// <summary>Accepts connections only from client IPs in the given ranges; others are closed.</summary>
public sealed record TcpIpAllowListSpec : JsonRecord
{
    /// <summary>Allowed IP addresses and CIDR ranges, for example <c>10.0.0.0/8</c> or <c>2001:db8::1</c>.</summary>
    public ImmutableList<string>? SourceRange { get; init; }
}
