using System.Collections.Immutable;

namespace Traefik.Manifests.Affinity;

/// <summary>The constants of the affinity feature, in one place (pinned by a test).</summary>
internal static class AffinityDefaults
{
    /// <summary>Appended to the cookie name for the weighted (track-level) cookie.</summary>
    public const string WeightedCookieSuffix = "_wrr";

    /// <summary>Longest cookie name accepted (leaves room for the suffix).</summary>
    public const int MaxCookieNameLength = 256 - 4;

    /// <summary>The annotation that turns stickiness on for Traefik's Kubernetes Ingress provider.</summary>
    public const string Annotation = "traefik.ingress.kubernetes.io/service.sticky.cookie";

    /// <summary>The cookie-attribute annotations, in the order they are documented.</summary>
    public static readonly ImmutableArray<string> AttributeAnnotations =
    [
        Annotation + ".name",
        Annotation + ".secure",
        Annotation + ".httponly",
        Annotation + ".samesite",
        Annotation + ".maxage",
        Annotation + ".path",
        Annotation + ".domain",
    ];

    /// <summary>SameSite values Traefik accepts, in the case this library writes.</summary>
    public static readonly ImmutableArray<string> SameSiteValues = ["none", "lax", "strict"];
}
