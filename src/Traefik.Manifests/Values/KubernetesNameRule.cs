namespace Traefik.Manifests.Values;

/// <summary>Which Kubernetes naming rule a field needs.</summary>
public enum KubernetesNameRule
{
    /// <summary>DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (namespaces).</summary>
    Label,

    /// <summary>DNS-1123 subdomain: labels joined by '.', at most 253 characters (most object names, Secrets, ConfigMaps).</summary>
    Subdomain,

    /// <summary>DNS-1035 label: a DNS-1123 label that starts with a letter (Kubernetes Service names).</summary>
    ServiceName,
}
