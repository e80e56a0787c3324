using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Traefik.GitOps.Git;
using Traefik.GitOps.Proposals;

namespace Traefik.GitOps.Delivery;

/// <summary>
/// Writes the files of one proposal into a working tree: all of them, or none.
/// <list type="number">
/// <item>Every target is checked first: each path component within the byte limits, no symbolic link on the way
/// (lstat semantics: links are never followed), every folder a folder, a new file not already there, and the
/// real path inside the work tree.</item>
/// <item>The new contents are written to a staging folder inside the git directory (never where manifests are
/// read), flushed to disk, with a journal of what will change.</item>
/// <item>Each target is then replaced by renaming its staged file over it (a deletion unlinks it), after
/// copying the file it replaces into the staging folder. If anything fails, every file already replaced is
/// restored and every file created is removed, and nothing is left written.</item>
/// </list>
/// A process killed in step 3 leaves the journal: the next delivery rolls that half-written change back
/// (<see cref="Recover"/>) before it reads the working tree. Stale staging folders are removed, and so are the
/// <c>.&lt;name&gt;.&lt;random&gt;.tmp</c> files earlier versions wrote next to the manifests.
/// </summary>
/// <remarks>Callers hold the repository's writer lock, so no other delivery uses the staging folder.</remarks>
internal sealed partial class WorktreeWriter
{
    /// <summary>The longest path the common file systems accept, in bytes (Linux PATH_MAX less the terminating NUL).</summary>
    public const int MaxPathBytes = 4095;

    private const string JournalName = "journal";
    private readonly string _root;
    private readonly string _staging;

    public WorktreeWriter(string workTree, string gitDirectory)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workTree));
        _staging = Path.Combine(Path.GetFullPath(gitDirectory), "traefik-mcp", "worktree-staging");
    }

    /// <summary>Test seam: runs before each target is replaced, with its path.</summary>
    public Action<string>? BeforeEach { get; init; }

    /// <summary>
    /// Rolls back a delivery that a killed process left half-written (its journal is still in the staging
    /// folder), removes staging folders left by killed processes, and the temporary files earlier versions left
    /// next to the manifests in <paramref name="folders"/>. Returns the paths restored.
    /// </summary>
    public IReadOnlyList<string> Recover(IEnumerable<string> folders)
    {
        var restored = new List<string>();
        if (Directory.Exists(_staging))
        {
            foreach (var stale in Directory.EnumerateDirectories(_staging).Order(StringComparer.Ordinal).ToList())
            {
                var journal = Path.Combine(stale, JournalName);
                if (File.Exists(journal))
                {
                    restored.AddRange(RollBack(stale, Journal.Read(journal), crashed: true));
                }

                Directory.Delete(stale, recursive: true);
            }
        }

        foreach (var folder in folders)
        {
            var full = folder.Length == 0 ? _root : Path.Combine(_root, folder);
            if ((folder.Length > 0 && WorkingTreeFiles.FirstLink(_root, folder) is not null) || !Directory.Exists(full))
            {
                continue;
            }

            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, MatchType = MatchType.Simple };
            foreach (var temp in Directory.EnumerateFiles(full, ".*.tmp", options).Where(f => OldTempFile().IsMatch(Path.GetFileName(f))).ToList())
            {
                File.Delete(temp);
            }
        }

        return restored;
    }

    /// <summary>Writes every file (null bytes delete it), or none; returns the paths written.</summary>
    /// <exception cref="GitOpsException">A target is unsafe or too long, or writing failed; nothing was written (the message says so).</exception>
    public IReadOnlyList<string> Write(IReadOnlyList<FileWrite> files)
    {
        foreach (var file in files)
        {
            Check(file);
        }

        var folder = Path.Combine(_staging, Path.GetRandomFileName());
        Directory.CreateDirectory(folder);
        var entries = new List<Journal.Entry>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            string? staged = null;
            if (file.Bytes is { } bytes)
            {
                staged = "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                using var stream = new FileStream(Path.Combine(folder, staged), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            var exists = File.Exists(Full(file.Path));
            entries.Add(new Journal.Entry(file.Path, staged, exists ? "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, file.Bytes is null ? null : Convert.ToHexStringLower(SHA256.HashData(file.Bytes))));
        }

        Journal.Write(Path.Combine(folder, JournalName), entries);
        var done = new List<Journal.Entry>();
        var created = new List<string>();
        var current = entries.Count == 0 ? string.Empty : entries[0].Path;
        try
        {
            foreach (var entry in entries)
            {
                current = entry.Path;
                var target = Full(entry.Path);
                CreateFolders(entry.Path, created);
                done.Add(entry);
                if (entry.Backup is { } backup)
                {
                    File.Copy(target, Path.Combine(folder, backup));
                }

                BeforeEach?.Invoke(entry.Path);
                if (entry.Staged is { } staged)
                {
                    if (entry.Backup is not null && !OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(Path.Combine(folder, staged), File.GetUnixFileMode(target));
                    }

                    File.Move(Path.Combine(folder, staged), target, overwrite: true);
                }
                else if (entry.Backup is not null)
                {
                    File.Delete(target);
                    RemoveEmptyFolders(Path.GetDirectoryName(target)!);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or GitOpsException)
        {
            var failed = current;
            List<string> notRestored;
            try
            {
                RollBack(folder, done, crashed: false);
                foreach (var dir in Enumerable.Reverse(created))
                {
                    if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                    {
                        Directory.Delete(dir);
                    }
                }

                Directory.Delete(folder, recursive: true);
                notRestored = [];
            }
            catch (Exception rollback) when (rollback is IOException or UnauthorizedAccessException)
            {
                notRestored = [rollback.Message];
            }

            throw new GitOpsException(notRestored.Count == 0
                ? $"Writing {failed} to the working tree failed ({e.Message}), so nothing was written: the files already replaced were restored."
                : $"Writing {failed} to the working tree failed ({e.Message}), and restoring the files already replaced failed too ({notRestored[0]}): the originals are kept in {folder}, and the next working-tree delivery restores them.", e);
        }

        Directory.Delete(folder, recursive: true);
        return [.. entries.Select(e => e.Path)];
    }

    /// <summary>Puts back what a journal's entries changed: the copies of replaced files, and removes created ones.</summary>
    private List<string> RollBack(string folder, IReadOnlyList<Journal.Entry> entries, bool crashed)
    {
        var restored = new List<string>();
        foreach (var entry in Enumerable.Reverse(entries))
        {
            var target = Full(entry.Path);
            if (WorkingTreeFiles.FirstLink(_root, entry.Path) is not null)
            {
                continue;
            }

            if (entry.Backup is { } backup && File.Exists(Path.Combine(folder, backup)))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(folder, backup), target, overwrite: true);
                restored.Add(entry.Path);
            }
            else if (entry.Backup is null && File.Exists(target)
                && (!crashed || (entry.Hash is { } hash && Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(target))) == hash)))
            {
                // A file this delivery created; after a crash, only while it still holds what was written.
                File.Delete(target);
                RemoveEmptyFolders(Path.GetDirectoryName(target)!);
                restored.Add(entry.Path);
            }
        }

        return restored;
    }

    /// <summary>Refuses a target that cannot be written safely, before anything is written.</summary>
    private void Check(FileWrite file)
    {
        var segments = file.Path.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\0', StringComparison.Ordinal) || s.Contains('\\', StringComparison.Ordinal)))
        {
            throw Refused(file.Path, "it is not a plain relative path");
        }

        if (segments.FirstOrDefault(s => Encoding.UTF8.GetByteCount(s) > Layout.GitOpsLayout.MaxFileNameBytes) is { } longName)
        {
            throw Refused(file.Path, $"the name {longName[..Math.Min(40, longName.Length)]}… is {Encoding.UTF8.GetByteCount(longName)} bytes, and file systems allow {Layout.GitOpsLayout.MaxFileNameBytes}");
        }

        var full = Full(file.Path);
        if (Encoding.UTF8.GetByteCount(full) > MaxPathBytes)
        {
            throw Refused(file.Path, $"its full path is {Encoding.UTF8.GetByteCount(full)} bytes, and file systems allow {MaxPathBytes}");
        }

        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Refused(file.Path, "it is outside the working tree");
        }

        if (WorkingTreeFiles.FirstLink(_root, file.Path) is { } link)
        {
            throw Refused(file.Path, link == file.Path
                ? "it is a symbolic link, and links are never written through"
                : $"{link} is a symbolic link, and links are never written through (the file would land wherever it points)");
        }

        var current = _root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (File.Exists(current))
            {
                throw Refused(file.Path, $"{string.Join('/', segments[..(i + 1)])} is a file where a folder should be");
            }
        }

        if (Directory.Exists(full))
        {
            throw Refused(file.Path, "a folder is there");
        }

        switch (file.Kind)
        {
            case FileChangeKind.Added when File.Exists(full):
                throw Refused(file.Path, "a file is already there that the plan did not read (excluded, or created since); move it and deliver again");
            case FileChangeKind.Modified when !File.Exists(full):
                throw Refused(file.Path, "the file to change is gone; deliver again");
        }
    }

    private void CreateFolders(string path, List<string> created)
    {
        var segments = path.Split('/');
        var current = _root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (new FileInfo(current).LinkTarget is not null)
            {
                throw Refused(path, $"{string.Join('/', segments[..(i + 1)])} became a symbolic link while the change was written");
            }

            if (!Directory.Exists(current))
            {
                Directory.CreateDirectory(current);
                created.Add(current);
            }
        }
    }

    private void RemoveEmptyFolders(string folder)
    {
        while (folder.Length > _root.Length && folder.StartsWith(_root, StringComparison.Ordinal) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private string Full(string path) => Path.GetFullPath(Path.Combine(_root, path));

    private static GitOpsException Refused(string path, string why) =>
        new($"Refusing to write {path} to the working tree: {why}. Nothing was written.");

    /// <summary>The temporary files earlier versions wrote next to a manifest: <c>.&lt;file name&gt;.&lt;8 characters&gt;.&lt;3 characters&gt;.tmp</c>.</summary>
    [GeneratedRegex(@"\A\..+\.[a-z0-9]{8}\.[a-z0-9]{3}\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex OldTempFile();

    /// <summary>What a delivery will change, written before it changes anything: paths as hexadecimal UTF-8, so any name fits on a line.</summary>
    private static class Journal
    {
        public static void Write(string path, IReadOnlyList<Entry> entries)
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
            {
                foreach (var e in entries)
                {
                    writer.Write(string.Join('\t', Convert.ToHexStringLower(Encoding.UTF8.GetBytes(e.Path)), e.Staged ?? "-", e.Backup ?? "-", e.Hash ?? "-"));
                    writer.Write('\n');
                }
            }

            stream.Flush(flushToDisk: true);
        }

        public static List<Entry> Read(string path)
        {
            var entries = new List<Entry>();
            foreach (var line in File.ReadAllLines(path))
            {
                var parts = line.Split('\t');
                if (parts.Length != 4)
                {
                    continue;
                }

                entries.Add(new Entry(Encoding.UTF8.GetString(Convert.FromHexString(parts[0])), Dash(parts[1]), Dash(parts[2]), Dash(parts[3])));
            }

            return entries;
        }

        private static string? Dash(string value) => value == "-" ? null : value;

        /// <summary>One target: its path, the staged new content (null: deleted), the copy of what it replaced (null: it is new), and the new content's SHA-256.</summary>
        public sealed record Entry(string Path, string? Staged, string? Backup, string? Hash);
    }
}

/// <summary>One file of a working-tree delivery: its path in the repository, the kind of change, and its new bytes (null: delete it).</summary>
internal sealed record FileWrite(string Path, FileChangeKind Kind, byte[]? Bytes);
