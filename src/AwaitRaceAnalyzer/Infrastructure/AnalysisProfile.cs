using System;
using System.Diagnostics;
using System.Threading;
using AwaitRaceAnalyzer.Filters;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>Phases of the analysis whose count and time the profile keeps.</summary>
    public enum AnalysisPhase
    {
        /// <summary>Code blocks seen, and the syntax pre-filters on each (suspension words, writes, names written and read).</summary>
        CandidateFilter,

        /// <summary>Operation trees built for blocks that passed, with variable sharing and the state-overlap pre-filter.</summary>
        OperationFilter,

        /// <summary>Control flow graphs built (method bodies, then lambdas and local functions).</summary>
        GraphBuild,

        /// <summary>Async bodies run through the flow engine and the rules.</summary>
        FlowAnalysis,

        /// <summary>
        /// Part of <see cref="FlowAnalysis"/>: the evidence of concurrent use asked for each finding, including the
        /// compilation's index, built on the first finding that asks.
        /// </summary>
        Evidence,
    }

    /// <summary>
    /// Opt-in per-phase counters for the benchmark's profile: how many code blocks reach each phase and how long it
    /// takes. Off unless <see cref="Enabled"/> is set, so a user's build pays one branch per phase.
    /// </summary>
    public static class AnalysisProfile
    {
        private const int PhaseCount = 5;
        private static readonly long[] s_counts = new long[PhaseCount];
        private static readonly long[] s_ticks = new long[PhaseCount];
        private static readonly long[] s_passed = new long[PhaseCount];
        private static readonly long[] s_allocated = new long[PhaseCount];

        /// <summary>Set by the benchmark before analysing; analyzers in a user's build leave it off.</summary>
        public static bool Enabled { get; set; }

        /// <summary>
        /// The bytes the current thread has allocated so far, set by the benchmark (the runtime's counter is not part
        /// of netstandard2.0); null counts no allocations.
        /// </summary>
        public static Func<long>? AllocatedBytes { get; set; }

        public static long Count(AnalysisPhase phase) => Interlocked.Read(ref s_counts[(int)phase]);

        /// <summary>How many of the blocks that entered the phase went on to the next one.</summary>
        public static long Passed(AnalysisPhase phase) => Interlocked.Read(ref s_passed[(int)phase]);

        public static double Milliseconds(AnalysisPhase phase) => Interlocked.Read(ref s_ticks[(int)phase]) * 1000.0 / Stopwatch.Frequency;

        /// <summary>Bytes allocated in the phase (on the thread that ran it), when <see cref="AllocatedBytes"/> is set.</summary>
        public static long Allocated(AnalysisPhase phase) => Interlocked.Read(ref s_allocated[(int)phase]);

        public static void Reset()
        {
            for (var i = 0; i < PhaseCount; i++)
            {
                Interlocked.Exchange(ref s_counts[i], 0);
                Interlocked.Exchange(ref s_ticks[i], 0);
                Interlocked.Exchange(ref s_passed[i], 0);
                Interlocked.Exchange(ref s_allocated[i], 0);
            }
        }

        /// <summary>Where a phase started, to pass to <see cref="End"/>; empty when profiling is off.</summary>
        internal static PhaseStart Start()
            => Enabled ? new PhaseStart(Stopwatch.GetTimestamp(), AllocatedBytes?.Invoke() ?? 0) : default;

        internal static void End(AnalysisPhase phase, PhaseStart started, bool passed)
        {
            if (started.Timestamp == 0)
            {
                return;
            }

            Interlocked.Increment(ref s_counts[(int)phase]);
            Interlocked.Add(ref s_ticks[(int)phase], Stopwatch.GetTimestamp() - started.Timestamp);
            if (AllocatedBytes is { } allocated)
            {
                Interlocked.Add(ref s_allocated[(int)phase], allocated() - started.Bytes);
            }

            if (passed)
            {
                Interlocked.Increment(ref s_passed[(int)phase]);
            }
        }
    }

    /// <summary>The time and allocation count a phase started at.</summary>
    internal readonly struct PhaseStart
    {
        public PhaseStart(long timestamp, long bytes)
        {
            Timestamp = timestamp;
            Bytes = bytes;
        }

        public long Timestamp { get; }

        public long Bytes { get; }
    }
}
