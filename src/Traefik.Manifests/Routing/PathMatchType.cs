namespace Traefik.Manifests.Routing;

/// <summary>How a route's path is matched.</summary>
public enum PathMatchType
{
    /// <summary><c>PathPrefix</c>: a literal prefix (the default).</summary>
    PathPrefix,

    /// <summary><c>Path</c>: the exact path.</summary>
    Path,

    /// <summary><c>PathRegexp</c>: a Go (RE2) regular expression on the path; not forced to start with '/'.</summary>
    PathRegexp,
}
