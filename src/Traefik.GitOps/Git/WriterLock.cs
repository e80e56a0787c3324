using System.Collections.Concurrent;

namespace Traefik.GitOps.Git;

/// <summary>
/// One writer per repository at a time: a semaphore per git directory inside this process, and an
/// exclusively opened lock file (<c>&lt;git dir&gt;/traefik-gitops.lock</c>) for other processes. The
/// operating system releases the file lock when a process dies, so a crash never leaves a stale lock;
/// the file itself stays (deleting it would let two processes lock two different files).
/// </summary>
internal sealed class WriterLock : IDisposable
{
    public const string FileName = "traefik-gitops.lock";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private FileStream? _file;

    private WriterLock(SemaphoreSlim gate, FileStream file)
    {
        _gate = gate;
        _file = file;
    }

    public static async Task<WriterLock> AcquireAsync(string gitDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var key = Path.GetFullPath(gitDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var gate = Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        var started = DateTime.UtcNow;
        if (!await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new GitOpsException($"Another writer in this process has held the repository {key} for more than {Describe(timeout)}. Try again when it has finished.");
        }

        try
        {
            var path = Path.Combine(key, FileName);
            while (true)
            {
                try
                {
                    var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new WriterLock(gate, file);
                }
                catch (IOException) when (DateTime.UtcNow - started < timeout)
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new GitOpsException($"Another process holds the lock file {path} and has kept it for more than {Describe(timeout)}. Wait for it to finish; the lock is released when that process ends.", e);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static string Describe(TimeSpan timeout) =>
        timeout < TimeSpan.FromSeconds(1)
            ? ((int)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms"
            : timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";

    public void Dispose()
    {
        if (_file is null)
        {
            return;
        }

        _file.Dispose();
        _file = null;
        _gate.Release();
    }
}
