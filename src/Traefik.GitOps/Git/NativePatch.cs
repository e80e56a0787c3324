using System.Runtime.InteropServices;
using System.Text;

namespace Traefik.GitOps.Git;

/// <summary>
/// The unified diff of two trees, asked of libgit2 in one call (<c>git_diff_tree_to_tree</c>,
/// <c>git_diff_find_similar</c>, <c>git_diff_to_buf</c>) with the options <c>Diff.Compare&lt;Patch&gt;</c> uses
/// with <c>SimilarityOptions.Renames</c>: three lines of context, type changes, renames at 50% similarity.
/// </summary>
/// <remarks>
/// LibGit2Sharp's <c>Patch</c> builds the text in a per-line callback whose hunk argument is a marshalled
/// class; libgit2 passes NULL there for file header lines, and the NativeAOT marshaller throws on NULL inside
/// the callback, which ends the process. Every value crossing this seam is blittable, so the NativeAOT
/// build and the JIT build run the same code.
/// </remarks>
internal static unsafe partial class NativePatch
{
    /// <summary>
    /// The libgit2 that LibGit2Sharp loads: LibGit2Sharp.NativeBinaries names it after the libgit2 commit
    /// (<c>git2-</c> plus <c>GlobalSettings.Version.LibGit2CommitSha</c>; a test keeps the two equal).
    /// </summary>
    internal const string Library = "git2-5853918";

    private const uint DiffIncludeTypeChange = 1u << 6;
    private const int SubmoduleIgnoreUnspecified = -1;
    private const uint FindRenames = 1u << 0;
    private const uint FindRemoveUnmodified = 1u << 16;
    private const uint DiffFormatPatch = 1;
    private const int NotFound = -3;

    // In front of the loose (1) and packed (2) backends, so reads and writes reach it first.
    private const int InMemoryPriority = 1000;

    // git_oid is 20 bytes in a SHA-1 build; room for a SHA-256 build's larger struct keeps a write in bounds.
    private const int Sha1Size = 20;
    private const int OidSize = 64;

    /// <summary>Object types, as <c>git_object_t</c> numbers them.</summary>
    public enum ObjectKind
    {
        /// <summary>A tree.</summary>
        Tree = 2,

        /// <summary>A blob.</summary>
        Blob = 3,
    }

    /// <summary>A native repository with its object database and the in-memory store in front of it.</summary>
    public readonly record struct Handle(IntPtr Repository, IntPtr Database, IntPtr Memory)
    {
        /// <summary>True when nothing is open.</summary>
        public bool IsEmpty => Repository == 0;
    }

    /// <summary>
    /// Opens a native handle on the repository at <paramref name="gitDirectory"/> for <see cref="Create"/>; the
    /// caller keeps it for as long as its session lives (libgit2 then parses the index, which every diff's
    /// attribute lookup reads, once per handle) and releases it with <see cref="Free"/>. Objects written
    /// through the handle (<see cref="Write"/>) are kept in memory, in front of the repository's own object
    /// database, until <see cref="ForgetWrites"/>: a plan's scratch trees never become files.
    /// </summary>
    public static Handle Open(string gitDirectory)
    {
        IntPtr repository = 0, database = 0, memory = 0;
        try
        {
            Check(git_repository_open(&repository, gitDirectory), "open the repository");
            Check(git_repository_odb(&database, repository), "open the object database");
            Check(git_mempack_new(&memory), "create an in-memory object store");
            Check(git_odb_add_backend(database, memory, InMemoryPriority), "add the in-memory object store");
            return new Handle(repository, database, memory);
        }
        catch
        {
            // A store that could not be added stays unowned: libgit2 has no public call to free it, and adding
            // only fails when memory runs out. Everything else is released.
            Free(new Handle(repository, database, 0));
            throw;
        }
    }

    /// <summary>Releases a handle from <see cref="Open"/>.</summary>
    public static void Free(Handle handle)
    {
        if (handle.Database != 0)
        {
            git_odb_free(handle.Database);
        }

        if (handle.Repository != 0)
        {
            git_repository_free(handle.Repository);
        }
    }

    /// <summary>Writes an object into the handle's in-memory store and returns its id (20 bytes).</summary>
    /// <remarks>
    /// The object goes straight to the store's own <c>write</c>. Through <c>git_odb_write</c>, libgit2 first
    /// looks for the object on disk to refresh its time stamp, and on a miss (every scratch object is one)
    /// re-reads the pack folder: seven objects for one changed file cost some fifty system calls.
    /// </remarks>
    public static byte[] Write(Handle handle, ReadOnlySpan<byte> content, ObjectKind kind)
    {
        var id = new byte[OidSize];
        fixed (byte* data = content)
        fixed (byte* oid = id)
        {
            Check(git_odb_hash(oid, data, (nuint)content.Length, (int)kind), "hash an object");
            var store = (GitOdbBackend*)handle.Memory;
            Check(store->Write(handle.Memory, oid, data, (nuint)content.Length, (int)kind), "write an object");
        }

        return id[..Sha1Size];
    }

    /// <summary>Drops every object written through the handle since it was opened or last reset.</summary>
    public static void ForgetWrites(Handle handle) => Check(git_mempack_reset(handle.Memory), "clear the in-memory object store");

    /// <summary>The patch between two trees of an opened repository, limited to <paramref name="paths"/>.</summary>
    public static string Create(Handle handle, ReadOnlySpan<byte> fromTree, ReadOnlySpan<byte> toTree, IReadOnlyCollection<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var repository = handle.Repository;
        IntPtr from = 0, to = 0, diff = 0;
        var buffer = default(GitBuffer);
        var pathspec = new IntPtr[paths.Count];
        try
        {
            fixed (byte* id = fromTree)
            {
                Check(git_tree_lookup(&from, repository, id), "read the old tree");
            }

            fixed (byte* id = toTree)
            {
                Check(git_tree_lookup(&to, repository, id), "read the new tree");
            }

            var i = 0;
            foreach (var path in paths)
            {
                pathspec[i++] = Marshal.StringToCoTaskMemUTF8(path);
            }

            fixed (IntPtr* strings = pathspec)
            {
                var options = new GitDiffOptions
                {
                    Version = 1,
                    Flags = DiffIncludeTypeChange,
                    IgnoreSubmodules = SubmoduleIgnoreUnspecified,
                    PathSpec = new GitStrArray { Strings = (IntPtr)strings, Count = (nuint)pathspec.Length },
                    ContextLines = 3,
                    InterhunkLines = 0,
                };
                Check(git_diff_tree_to_tree(&diff, repository, from, to, &options), "compare the trees");
            }

            var find = new GitDiffFindOptions
            {
                Version = 1,
                Flags = FindRenames | FindRemoveUnmodified,
                RenameThreshold = 50,
                RenameFromRewriteThreshold = 50,
                CopyThreshold = 50,
                BreakRewriteThreshold = 60,
                RenameLimit = 200,
            };
            Check(git_diff_find_similar(diff, &find), "detect renames");
            Check(git_diff_to_buf(&buffer, diff, DiffFormatPatch), "print the diff");
            return buffer.Ptr == 0 ? string.Empty : Encoding.UTF8.GetString((byte*)buffer.Ptr, checked((int)buffer.Size));
        }
        finally
        {
            git_buf_dispose(&buffer);
            foreach (var pointer in pathspec)
            {
                Marshal.FreeCoTaskMem(pointer);
            }

            if (diff != 0)
            {
                git_diff_free(diff);
            }

            if (to != 0)
            {
                git_tree_free(to);
            }

            if (from != 0)
            {
                git_tree_free(from);
            }
        }
    }

    private static void Check(int result, string what)
    {
        if (result >= 0)
        {
            return;
        }

        var error = git_error_last();
        var message = error is null || error->Message == 0 ? null : Marshal.PtrToStringUTF8(error->Message);
        throw new GitOpsException($"libgit2 could not {what} ({(result == NotFound ? "not found" : "error " + result)}): {message ?? "no message"}.");
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int git_repository_open(IntPtr* repository, string path);

    [LibraryImport(Library)]
    private static partial void git_repository_free(IntPtr repository);

    [LibraryImport(Library)]
    private static partial int git_repository_odb(IntPtr* database, IntPtr repository);

    [LibraryImport(Library)]
    private static partial void git_odb_free(IntPtr database);

    [LibraryImport(Library)]
    private static partial int git_odb_add_backend(IntPtr database, IntPtr backend, int priority);

    [LibraryImport(Library)]
    private static partial int git_odb_hash(byte* id, byte* data, nuint length, int type);

    [LibraryImport(Library)]
    private static partial int git_mempack_new(IntPtr* backend);

    [LibraryImport(Library)]
    private static partial int git_mempack_reset(IntPtr backend);

    [LibraryImport(Library)]
    private static partial int git_tree_lookup(IntPtr* tree, IntPtr repository, byte* id);

    [LibraryImport(Library)]
    private static partial void git_tree_free(IntPtr tree);

    [LibraryImport(Library)]
    private static partial int git_diff_tree_to_tree(IntPtr* diff, IntPtr repository, IntPtr oldTree, IntPtr newTree, GitDiffOptions* options);

    [LibraryImport(Library)]
    private static partial int git_diff_find_similar(IntPtr diff, GitDiffFindOptions* options);

    [LibraryImport(Library)]
    private static partial int git_diff_to_buf(GitBuffer* buffer, IntPtr diff, uint format);

    [LibraryImport(Library)]
    private static partial void git_diff_free(IntPtr diff);

    [LibraryImport(Library)]
    private static partial void git_buf_dispose(GitBuffer* buffer);

    [LibraryImport(Library)]
    private static partial GitError* git_error_last();

    /// <summary>
    /// The start of <c>git_odb_backend</c> (<c>git2/sys/odb_backend.h</c>), up to the <c>write</c> callback; its
    /// layout has been the same since libgit2 0.21.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitOdbBackend
    {
        public uint Version;
        public IntPtr Database;
        public IntPtr Read;
        public IntPtr ReadPrefix;
        public IntPtr ReadHeader;
        public delegate* unmanaged<IntPtr, byte*, byte*, nuint, int, int> Write;
    }

    /// <summary><c>git_strarray</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitStrArray
    {
        public IntPtr Strings;
        public nuint Count;
    }

    /// <summary><c>git_diff_options</c> of libgit2 1.8 (with <c>oid_type</c>; 0 means the repository's).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitDiffOptions
    {
        public uint Version;
        public uint Flags;
        public int IgnoreSubmodules;
        public GitStrArray PathSpec;
        public IntPtr NotifyCallback;
        public IntPtr ProgressCallback;
        public IntPtr Payload;
        public uint ContextLines;
        public uint InterhunkLines;
        public int OidType;
        public ushort IdAbbrev;
        public long MaxSize;
        public IntPtr OldPrefix;
        public IntPtr NewPrefix;
    }

    /// <summary><c>git_diff_find_options</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitDiffFindOptions
    {
        public uint Version;
        public uint Flags;
        public ushort RenameThreshold;
        public ushort RenameFromRewriteThreshold;
        public ushort CopyThreshold;
        public ushort BreakRewriteThreshold;
        public nuint RenameLimit;
        public IntPtr Metric;
    }

    /// <summary><c>git_buf</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitBuffer
    {
        public IntPtr Ptr;
        public nuint Reserved;
        public nuint Size;
    }

    /// <summary><c>git_error</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitError
    {
        public IntPtr Message;
        public int Class;
    }
}
