using System.Text.RegularExpressions;
using Traefik.Manifests.Model;

namespace Traefik.GitOps.Layout;

/// <summary>
/// Where objects created by this library are written: one object per file in a folder per object group (the
/// route or object a proposal is about), <c>&lt;root&gt;/&lt;namespace&gt;/&lt;group&gt;/&lt;kind in lower
/// case&gt;-&lt;name&gt;.yaml</c>, for example <c>traefik/prod/api/traefikservice-api-wrr.yaml</c>. Each group
/// folder has a <c>kustomization.yaml</c> listing its files; the namespace folder's lists the groups, and the
/// root's lists the namespaces, so <c>kubectl kustomize &lt;root&gt;</c> builds everything. A parent listing
/// changes only when a group (or namespace) appears or disappears, so two proposals about different objects
/// edit different files, or different lines of a parent. Objects that already exist anywhere under the root
/// are edited where they are. Paths are computed from validated names, never taken from arguments.
/// </summary>
public static partial class GitOpsLayout
{
    /// <summary>Normalises a root folder: forward slashes, no leading or trailing slash (a leading slash means the repository root, not the file system's).</summary>
    /// <exception cref="GitOpsException">The root is absolute or climbs out of the repository.</exception>
    public static string NormalizeRoot(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var normalized = root.Replace('\\', '/').Trim().Trim('/');
        if (Path.IsPathRooted(normalized) || normalized.Contains(':', StringComparison.Ordinal) || normalized.Split('/').Any(s => s is ".." or "."))
        {
            throw new GitOpsException($"The root '{root}' must be a folder inside the repository, for example traefik or clusters/prod/traefik.");
        }

        return string.Join('/', normalized.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The namespace folder of the layout.</summary>
    public static string FolderFor(string root, string @namespace)
    {
        CheckSegment(@namespace, "namespace");
        return Join(NormalizeRoot(root), @namespace);
    }

    /// <summary>The file a new object of <paramref name="group"/> is written to: <c>&lt;root&gt;/&lt;namespace&gt;/&lt;group&gt;/&lt;kind&gt;-&lt;name&gt;.yaml</c>.</summary>
    /// <param name="root">The manifest root.</param>
    /// <param name="group">The route or object the proposal is about (its target).</param>
    /// <param name="key">The object.</param>
    /// <exception cref="GitOpsException">The namespace, group, kind or name cannot be part of a file name.</exception>
    public static string PathFor(string root, string group, ObjectKey key)
    {
        CheckSegment(group, "group");
        var flat = PathFor(root, key);
        var slash = flat.LastIndexOf('/');
        return flat[..slash] + "/" + group + flat[slash..];
    }

    /// <summary>The file name of an object directly in its namespace folder, the layout before object groups (objects already there are edited in place).</summary>
    /// <exception cref="GitOpsException">The namespace, kind or name cannot be part of a file name.</exception>
    public static string PathFor(string root, ObjectKey key)
    {
        CheckSegment(key.Name, "name");
        if (!KindPattern().IsMatch(key.Kind))
        {
            throw new GitOpsException($"The kind '{key.Kind}' cannot be part of a file name.");
        }

        var name = key.Kind.ToLowerInvariant() + "-" + key.Name + ".yaml";
        if (name.Length > MaxFileNameBytes)
        {
            throw new GitOpsException(
                $"The file for {key.Kind} {key.Namespace}/{key.Name} would be named {key.Kind.ToLowerInvariant()}-<name>.yaml, {name.Length} bytes: file systems allow {MaxFileNameBytes}, so it could be committed but never checked out. "
                + $"Use a name of at most {MaxFileNameBytes - (name.Length - key.Name.Length)} characters.");
        }

        return FolderFor(root, key.Namespace) + "/" + name;
    }

    /// <summary>The longest file name (one path component, in bytes) the common file systems accept.</summary>
    public const int MaxFileNameBytes = 255;

    private static void CheckSegment(string value, string what)
    {
        if (!SegmentPattern().IsMatch(value) || value.Length > 253)
        {
            throw new GitOpsException($"The {what} '{value}' is not a Kubernetes name (lower-case letters, digits, '-' and '.'), so it cannot be part of a file path.");
        }
    }

    private static string Join(string root, string child) => root.Length == 0 ? child : root + "/" + child;

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9.]*[a-z0-9])?\z")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9]*\z")]
    private static partial Regex KindPattern();
}
