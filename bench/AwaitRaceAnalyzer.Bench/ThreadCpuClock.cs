using System.Runtime.InteropServices;

namespace AwaitRaceAnalyzer.Bench;

/// <summary>
/// The CPU time the calling thread has used, where the system offers it (Linux, <c>CLOCK_THREAD_CPUTIME_ID</c>).
/// On a loaded shared machine it is much steadier than elapsed time: it leaves out the time the thread waited for the
/// processor or for a garbage collection another thread started.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>A function returning the thread's CPU nanoseconds, or null where this system has no such clock.</summary>
    public static Func<long>? Create()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            Now();
            return Now;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static long Now()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime failed: " + Marshal.GetLastPInvokeError());
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
