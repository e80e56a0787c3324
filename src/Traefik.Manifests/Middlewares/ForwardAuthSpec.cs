using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// <c>forwardAuth</c>: asks an external server whether to let each request through; a 2xx answer
/// lets it pass, anything else is returned to the client. The deprecated <c>trustForwardHeader</c>
/// is not modelled; it rides along when a file has it.
/// </summary>
public sealed record ForwardAuthSpec : JsonRecord
{
    /// <summary>The authentication server URL (absolute <c>http</c> or <c>https</c>).</summary>
    public string? Address { get; init; }

    /// <summary>Headers copied from the authentication server's answer onto the forwarded request.</summary>
    public ImmutableList<string>? AuthResponseHeaders { get; init; }

    /// <summary>Regular expression selecting more answer headers to copy onto the forwarded request.</summary>
    public string? AuthResponseHeadersRegex { get; init; }

    /// <summary>Request headers sent to the authentication server; absent means all of them.</summary>
    public ImmutableList<string>? AuthRequestHeaders { get; init; }

    /// <summary>Cookies set by the authentication server that are added to the client response.</summary>
    public ImmutableList<string>? AddAuthCookiesToResponse { get; init; }

    /// <summary>TLS settings for the connection to the authentication server.</summary>
    public ClientTlsSpec? Tls { get; init; }

    /// <summary>Header that receives the authenticated user name for the backend.</summary>
    public string? HeaderField { get; init; }

    /// <summary>Send the request body to the authentication server.</summary>
    /// <value>Traefik's default is false.</value>
    public bool? ForwardBody { get; init; }

    /// <summary>Largest request body forwarded to the authentication server, in bytes.</summary>
    /// <value>Traefik's default is -1 (no limit).</value>
    public long? MaxBodySize { get; init; }

    /// <summary>Largest authentication server answer body read, in bytes (Traefik 3.7+).</summary>
    public long? MaxResponseBodySize { get; init; }

    /// <summary>Keep a relative <c>Location</c> header of the authentication server's answer as is.</summary>
    /// <value>Traefik's default is false.</value>
    public bool? PreserveLocationHeader { get; init; }

    /// <summary>Call the authentication server with the original request method instead of GET.</summary>
    /// <value>Traefik's default is false.</value>
    public bool? PreserveRequestMethod { get; init; }

    /// <summary>Where to send a client the authentication server answers 401 to (Traefik 3.7+; absolute <c>http</c> or <c>https</c> URL).</summary>
    [JsonPropertyName("authSigninURL")]
    public string? AuthSigninUrl { get; init; }
}
