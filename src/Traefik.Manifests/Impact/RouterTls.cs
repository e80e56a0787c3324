using System.Collections.Immutable;

namespace Traefik.Manifests.Impact;

/// <summary>The TLS of a router.</summary>
public sealed record RouterTls
{
    /// <summary>The Secret with the certificate, if any.</summary>
    public string? SecretName { get; init; }

    /// <summary>The ACME certificate resolver, if any.</summary>
    public string? CertResolver { get; init; }

    /// <summary>The TLSOption, as <c>namespace/name</c>, if any.</summary>
    public string? Options { get; init; }

    /// <summary>The TLSStore, as <c>namespace/name</c>, if any.</summary>
    public string? Store { get; init; }

    /// <summary>The certificate domains, as <c>main</c> or <c>main (san, san)</c>.</summary>
    public ImmutableList<string> Domains { get; init; } = [];

    /// <summary>True for a TCP router passing TLS through to the backend.</summary>
    public bool Passthrough { get; init; }

    /// <summary>A short description, for example <c>TLS (secret checkout-tls)</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Passthrough)
        {
            parts.Add("passthrough");
        }

        if (SecretName is not null)
        {
            parts.Add("secret " + SecretName);
        }

        if (CertResolver is not null)
        {
            parts.Add("resolver " + CertResolver);
        }

        if (Options is not null)
        {
            parts.Add("options " + Options);
        }

        if (Store is not null)
        {
            parts.Add("store " + Store);
        }

        if (!Domains.IsEmpty)
        {
            parts.Add("domains " + string.Join(", ", Domains));
        }

        return parts.Count == 0 ? "TLS (default certificate)" : $"TLS ({string.Join("; ", parts)})";
    }
}
