namespace Traefik.Manifests.Tests.Support;

/// <summary>
/// Runs a piece of work on its own thread with a time bound and a memory bound, so a reader that hangs or
/// allocates without end fails the test instead of hanging the run (a hang guard, not a speed measurement: the
/// bounds are many times what the work needs).
/// </summary>
internal static class Bounded
{
    /// <summary>The result of <paramref name="work"/>; fails when it takes longer than <paramref name="time"/> or allocates more than <paramref name="bytes"/>.</summary>
    public static T Run<T>(Func<T> work, TimeSpan time, long bytes, string what)
    {
        T result = default!;
        Exception? failure = null;
        long allocated = 0;
        var thread = new Thread(
            () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = e;
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            },
            maxStackSize: 16 * 1024 * 1024)
        { IsBackground = true };
        thread.Start();
        if (!thread.Join(time))
        {
            Assert.Fail($"{what}: still running after {time.TotalSeconds:0} s (a hang).");
        }

        if (failure is not null)
        {
            Assert.Fail($"{what}: threw {failure.GetType().Name}: {failure.Message}");
        }

        Assert.True(allocated <= bytes, $"{what}: allocated {allocated:N0} bytes, more than the {bytes:N0} allowed.");
        return result;
    }
}
