using System.Diagnostics;
using System.Threading;

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
    }

    /// <summary>
    /// Opt-in per-phase counters for the benchmark's profile: how many code blocks reach each phase and how long it
    /// takes. Off unless <see cref="Enabled"/> is set, so a user's build pays one branch per phase.
    /// </summary>
    public static class AnalysisProfile
    {
        private const int PhaseCount = 4;
        private static readonly long[] s_counts = new long[PhaseCount];
        private static readonly long[] s_ticks = new long[PhaseCount];
        private static readonly long[] s_passed = new long[PhaseCount];

        /// <summary>Set by the benchmark before analysing; analyzers in a user's build leave it off.</summary>
        public static bool Enabled { get; set; }

        public static long Count(AnalysisPhase phase) => Interlocked.Read(ref s_counts[(int)phase]);

        /// <summary>How many of the blocks that entered the phase went on to the next one.</summary>
        public static long Passed(AnalysisPhase phase) => Interlocked.Read(ref s_passed[(int)phase]);

        public static double Milliseconds(AnalysisPhase phase) => Interlocked.Read(ref s_ticks[(int)phase]) * 1000.0 / Stopwatch.Frequency;

        public static void Reset()
        {
            for (var i = 0; i < PhaseCount; i++)
            {
                Interlocked.Exchange(ref s_counts[i], 0);
                Interlocked.Exchange(ref s_ticks[i], 0);
                Interlocked.Exchange(ref s_passed[i], 0);
            }
        }

        /// <summary>A timestamp to pass to <see cref="End"/>, or 0 when profiling is off.</summary>
        internal static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

        internal static void End(AnalysisPhase phase, long started, bool passed)
        {
            if (started == 0)
            {
                return;
            }

            Interlocked.Increment(ref s_counts[(int)phase]);
            Interlocked.Add(ref s_ticks[(int)phase], Stopwatch.GetTimestamp() - started);
            if (passed)
            {
                Interlocked.Increment(ref s_passed[(int)phase]);
            }
        }
    }
}
