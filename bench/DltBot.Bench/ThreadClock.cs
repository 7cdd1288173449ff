using System.Runtime.InteropServices;

namespace DltBot.Bench;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID). On a shared machine wall-clock percentiles mostly
/// measure time slices given to other processes; this shows what a query itself costs.
/// </summary>
internal static class ThreadClock
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static bool Available { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Thread CPU time in milliseconds, or NaN where the clock is not available.</summary>
    public static double NowMs() => Available && TryRead(out var ms) ? ms : double.NaN;

    private static bool TryRead(out double ms)
    {
        try
        {
            var ok = ClockGetTime(ClockThreadCpuTime, out var t) == 0;
            ms = t.Seconds * 1000.0 + t.Nanoseconds / 1_000_000.0;
            return ok;
        }
        catch (DllNotFoundException)
        {
            ms = double.NaN;
            return false;
        }
    }
}
