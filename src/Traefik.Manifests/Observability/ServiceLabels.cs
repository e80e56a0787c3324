using System.Security.Cryptography;
using System.Text;

namespace Traefik.Manifests.Observability;

/// <summary>
/// The names Traefik's Kubernetes CRD provider gives its routers and services, which are the values of
/// the <c>router</c> and <c>service</c> labels on Traefik's Prometheus metrics.
/// </summary>
/// <remarks>
/// <c>traefik_service_*</c> series come only from the load balancer wrapping each Kubernetes Service's
/// servers. A Service inside a TraefikService, or one of two or more Services of an IngressRoute rule,
/// is named <c>&lt;ns&gt;-&lt;svc&gt;-&lt;port&gt;@kubernetescrd</c>; the only Service of a rule is named
/// like the rule's router, <c>&lt;ns&gt;-&lt;ingressroute&gt;-&lt;first 20 hex of sha256(match)&gt;@kubernetescrd</c>.
/// </remarks>
public static class ServiceLabels
{
    /// <summary>The provider suffix of every name the Kubernetes CRD provider creates.</summary>
    public const string CrdProvider = "kubernetescrd";

    /// <summary>
    /// Traefik's <c>Normalize</c>: every run of characters that are neither letters nor digits becomes one
    /// <c>-</c>, and leading and trailing runs are dropped (<c>test.route</c> → <c>test-route</c>).
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder(name.Length);
        var pendingSeparator = false;
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsLetter(rune) || Rune.IsNumber(rune))
            {
                if (pendingSeparator && result.Length > 0)
                {
                    result.Append('-');
                }

                pendingSeparator = false;
                result.Append(rune.ToString());
            }
            else
            {
                pendingSeparator = true;
            }
        }

        return result.ToString();
    }

    /// <summary>The first 20 hexadecimal characters of the SHA-256 of a rule's match, as Traefik keys routers.</summary>
    public static string MatchHash(string match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(match)), 0, 10);
    }

    /// <summary>
    /// The router of an IngressRoute rule, which is also the name of the rule's own load balancer (the only
    /// Service of the rule, or the implicit weighted round robin over two or more), e.g. IngressRoute
    /// <c>test.route</c> in <c>default</c> with match <c>Host(`foo.com`) &amp;&amp; PathPrefix(`/bar`)</c> →
    /// <c>default-test-route-6b204d94623b3df4370c@kubernetescrd</c>.
    /// </summary>
    public static string Router(string @namespace, string ingressRoute, string match)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(ingressRoute);
        return Qualify(Normalize($"{@namespace}-{ingressRoute}-{MatchHash(match)}"));
    }

    /// <summary>
    /// A Kubernetes Service inside a TraefikService or among two or more Services of a rule:
    /// <c>&lt;ns&gt;-&lt;svc&gt;-&lt;port&gt;@kubernetescrd</c>, with the port as written (a number or a port name).
    /// </summary>
    public static string KubernetesService(string @namespace, string service, string? port)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(service);
        return Qualify(Normalize(string.IsNullOrEmpty(port) ? $"{@namespace}-{service}" : $"{@namespace}-{service}-{port}"));
    }

    /// <summary>
    /// A TraefikService: <c>&lt;ns&gt;-&lt;name&gt;@kubernetescrd</c>, or a cross-provider reference
    /// (<c>name@provider</c>) with its name normalized and its provider kept.
    /// </summary>
    public static string TraefikService(string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        var at = name.LastIndexOf('@');
        return at < 0 ? Qualify(Normalize($"{@namespace}-{name}")) : Normalize(name[..at]) + name[at..];
    }

    private static string Qualify(string name) => name + "@" + CrdProvider;
}
