namespace Traefik.Manifests.Routing;

/// <summary>The defaults of route operations, in one place (pinned by a test).</summary>
internal static class RoutingDefaults
{
    /// <summary>Suffix of the weighted TraefikService a route owns: <c>{route}-wrr</c>.</summary>
    public const string WeightedSuffix = "-wrr";

    /// <summary>Suffix of the mirroring TraefikService a route owns: <c>{route}-mirror</c>.</summary>
    public const string MirrorSuffix = "-mirror";

    /// <summary>Suffix that names a weighted route's stable backend when the backends are not in creation order: <c>*-stable</c>.</summary>
    public const string StableSuffix = "-stable";

    /// <summary>Suffix that names a weighted route's canary when it is not the only other backend: <c>*-canary</c>.</summary>
    public const string CanarySuffix = "-canary";

    /// <summary>Backend port used when none is given.</summary>
    public const int Port = 80;

    /// <summary>Entry point for plain HTTP.</summary>
    public const string HttpEntryPoint = "web";

    /// <summary>Entry point for HTTPS.</summary>
    public const string HttpsEntryPoint = "websecure";

    /// <summary>Header value matched when only a header name is given.</summary>
    public const string HeaderValue = "true";

    /// <summary>Cookie value regular expression used when only a cookie name is given.</summary>
    public const string CookieValue = "true";

    /// <summary>Longest route name: leaves room for the <c>-mirror</c> suffix within a 63-character label.</summary>
    public const int MaxRouteNameLength = 63 - 7;
}
