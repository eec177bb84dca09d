using System.Collections.Generic;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>A test of the written state, made before a suspension point, that decides whether the write runs.</summary>
    internal sealed class StaleGuard
    {
        public StaleGuard(int branch, SnapshotEntry entry)
        {
            Branch = branch;
            Entry = entry;
        }

        public int Branch { get; }

        public SnapshotEntry Entry { get; }
    }

    internal enum OnceGuard
    {
        None,
        Throws,
        ReturnsFalse,
    }

    /// <summary>The check-then-act facts at a write, shared by AWR002 and AWR003.</summary>
    internal static class StaleGuards
    {
        /// <summary>
        /// The earliest stale test of the written state among the tests that decide the write; null when there is
        /// none, or when the write also acts on a fresh test of the state or one made under a lock still held here
        /// (double-checked: the write relies on that test, not the stale one).
        /// </summary>
        public static StaleGuard? Earliest(in WriteFacts facts) => Deciding(facts) is { } guards ? Earliest(guards) : null;

        /// <summary>The stale test of <paramref name="guards"/> with the earliest read.</summary>
        public static StaleGuard? Earliest(List<StaleGuard> guards)
        {
            StaleGuard? found = null;
            foreach (var stale in guards)
            {
                if (found is null || stale.Entry.StaleRead < found.Entry.StaleRead)
                {
                    found = stale;
                }
            }

            return found;
        }

        /// <summary>
        /// Every stale test of the written state that decides the write; null when the write also acts on a fresh or
        /// lock-protected test of it.
        /// </summary>
        public static List<StaleGuard>? Deciding(in WriteFacts facts)
        {
            var guards = All(facts, out var protectedTest);
            return protectedTest ? null : guards;
        }

        /// <summary>
        /// True when a deciding test shows that its author meant to exclude concurrent callers: it was made under a lock
        /// that is released before the write, or it is a once-guard (<see cref="IsOnceGuard"/>).
        /// </summary>
        public static bool AnyMeantToExclude(in WriteFacts facts, List<StaleGuard> guards)
        {
            foreach (var guard in guards)
            {
                if (facts.WasLockedAtRead(guard.Entry.StaleRead) || IsOnceGuard(facts, guard))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the test's other outcome throws, or returns false: the test guards a one-time action (a
        /// once-guard), not a cache check, so its author meant a second caller to fail.
        /// </summary>
        public static bool IsOnceGuard(in WriteFacts facts, StaleGuard guard) => OnceGuardOf(facts, guard) != OnceGuard.None;

        /// <summary>What the test's other outcome does: throws (a strong sign), returns false (a weak one), or neither.</summary>
        public static OnceGuard OnceGuardOf(in WriteFacts facts, StaleGuard guard)
        {
            var other = facts.OtherOutcome(guard.Branch);
            if (other?.Semantics == ControlFlowBranchSemantics.Throw)
            {
                return OnceGuard.Throws;
            }

            if (other?.Destination is not { } destination || destination.FallThroughSuccessor is not { } next)
            {
                return OnceGuard.None;
            }

            if (next.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow)
            {
                return OnceGuard.Throws;
            }

            return next.Semantics == ControlFlowBranchSemantics.Return && destination.BranchValue?.ConstantValue is { HasValue: true, Value: false }
                ? OnceGuard.ReturnsFalse
                : OnceGuard.None;
        }

        private static List<StaleGuard> All(in WriteFacts facts, out bool protectedTest)
        {
            var result = new List<StaleGuard>();
            protectedTest = false;
            foreach (var guard in facts.Guards)
            {
                foreach (var pair in guard.Tested.Entries)
                {
                    if (!facts.Overlaps(pair.Key))
                    {
                        continue;
                    }

                    // A fresh test protects the write when it is a test of its own (a re-check after the await); the
                    // same test, fresh only on the paths that skipped a conditional await, is stale on the others.
                    var entry = pair.Value;
                    if ((entry.IsFresh && entry.FreshRead != entry.StaleRead) || (entry.IsStale && facts.HeldSinceRead(entry.StaleRead)))
                    {
                        protectedTest = true;
                        return result;
                    }

                    // A test of a value a call computed from the state (a count returned by a receive, a result
                    // built from the state) is not a test of the state.
                    if (entry.IsStale && entry.StaleDirect)
                    {
                        result.Add(new StaleGuard(guard.Branch, entry));
                    }
                }
            }

            return result;
        }
    }
}
