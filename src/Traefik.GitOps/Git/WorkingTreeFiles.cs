namespace Traefik.GitOps.Git;

/// <summary>
/// Reads the working tree the way the index reads git trees: symbolic links are found and never followed
/// (lstat semantics, component by component), and a file is read only when it is a regular file within the
/// size limit.
/// </summary>
internal static class WorkingTreeFiles
{
    /// <summary>
    /// The first component of <paramref name="relativePath"/> (a path from <paramref name="workTree"/> with <c>/</c>
    /// separators, itself included) that is a symbolic link, as a relative path; null when none is.
    /// </summary>
    public static string? FirstLink(string workTree, string relativePath)
    {
        var segments = relativePath.Split('/');
        var current = workTree;
        for (var i = 0; i < segments.Length; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (new FileInfo(current).LinkTarget is not null)
            {
                return string.Join('/', segments[..(i + 1)]);
            }

            if (!Directory.Exists(current))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a working-tree file that <see cref="FirstLink"/> found no link on. Only a regular file with content is
    /// opened: a pipe or device reports no size, and opening one would block, so a file of size 0 is read as
    /// empty without opening it. A file over <paramref name="maxBytes"/> (or that grows past it while read) is
    /// not read.
    /// </summary>
    public static WorkingFile Read(string fullPath, int maxBytes)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            return Directory.Exists(fullPath) ? new WorkingFile(false, null, null) : new WorkingFile(true, null, null);
        }

        if (info.Length > maxBytes)
        {
            return new WorkingFile(false, null, info.Length);
        }

        if (info.Length == 0)
        {
            return new WorkingFile(false, FileText.New(string.Empty), null);
        }

        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        using var content = new MemoryStream((int)info.Length);
        var buffer = new byte[81920];
        int n;
        while ((n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, (long)maxBytes + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, n);
            if (content.Length > maxBytes)
            {
                return new WorkingFile(false, null, Math.Max(content.Length, stream.Length));
            }
        }

        return new WorkingFile(false, FileText.Decode(content.GetBuffer().AsSpan(0, (int)content.Length)), null);
    }
}

/// <summary>What reading a working-tree file found: nothing there, its text, or its size when over the limit (all unset: not a regular file).</summary>
internal sealed record WorkingFile(bool Missing, FileText? Text, long? TooLarge);
