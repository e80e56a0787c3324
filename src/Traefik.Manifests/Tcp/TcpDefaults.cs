using System.Collections.Immutable;

namespace Traefik.Manifests.Tcp;

/// <summary>The constants of the TCP feature, in one place (pinned by a test).</summary>
internal static class TcpDefaults
{
    /// <summary>The SNI host that matches every connection, TLS or not.</summary>
    public const string AnySni = "*";

    /// <summary>Entry points Traefik's Helm chart and docs use for HTTP(S); a TCP catch-all there takes every connection.</summary>
    public static readonly ImmutableArray<string> HttpEntryPoints = ["web", "websecure"];
}
