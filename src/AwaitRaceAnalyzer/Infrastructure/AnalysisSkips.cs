using System;
using System.Threading;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>
    /// Counts the bodies the analysis gave up on because it failed inside. A release build skips such a body rather
    /// than surface AD0001 in a user's build; the count keeps that from hiding a regression: the benchmark prints it
    /// and the fuzz test asserts it stays zero.
    /// </summary>
    public static class AnalysisSkips
    {
        private static long s_count;
        private static Exception? s_last;

        /// <summary>Bodies skipped since the process started.</summary>
        public static long Count => Interlocked.Read(ref s_count);

        /// <summary>The most recent failure, for a benchmark or test to print.</summary>
        public static Exception? LastFailure => Volatile.Read(ref s_last);

        internal static void Record(Exception exception)
        {
            Interlocked.Increment(ref s_count);
            Volatile.Write(ref s_last, exception);
        }
    }
}
