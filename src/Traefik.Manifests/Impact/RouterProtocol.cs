namespace Traefik.Manifests.Impact;

/// <summary>What kind of router: an IngressRoute rule or an IngressRouteTCP rule.</summary>
public enum RouterProtocol
{
    /// <summary>An HTTP router: one rule of an IngressRoute.</summary>
    Http,

    /// <summary>A TCP router: one rule of an IngressRouteTCP.</summary>
    Tcp,
}
